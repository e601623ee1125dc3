/**
 * KQL benchmark: parse, parse + translation to query DSL (against an empty data view, so
 * every field passes through by name), and parse + check (syntax, then fields and types against
 * the ECS schema, as the editor checks on every keystroke) of every KQL (`language = "kuery"`)
 * query of the detection-rules corpus. Target: p99 well under 1 ms per query, so live checking is free.
 */
import { join } from 'node:path';
import { kqlToDsl } from '../src/kql/dsl/to-dsl.ts';
import { parseKql } from '../src/kql/syntax/parser.ts';
import { checkKql } from '../src/kql/service/check.ts';
import { getSchema } from '../src/eql/schema/index.ts';
import { kqlCorpusQueries } from '../test/kql-corpus.ts';
import { emptyDataView } from '../test/kql-stub-data-view.ts';

const CORPUS = join(import.meta.dirname ?? '.', '../../shared/rules-corpus');
const queries = kqlCorpusQueries(CORPUS).map((q) => q.query);

/** Each query is timed `repeats` times and its median kept (a shared machine is noisy). */
function measure(label: string, fn: (query: string) => unknown, repeats = 1): void {
  const times: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    const runs: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      fn(q);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    times.push(runs[runs.length >> 1]);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(3);
  const sum = times.reduce((a, b) => a + b, 0).toFixed(0);
  console.log(
    `${label.padEnd(30)} ${queries.length} queries  wall ${total.toFixed(0)} ms  sum ${sum} ms  p50 ${p(0.5)} ms  p99 ${p(0.99)} ms  max ${times.at(-1)?.toFixed(2)} ms`,
  );
}

const parseAndTranslate = (q: string) => kqlToDsl(parseKql(q).node, { dataView: emptyDataView });
measure('parse (first run)', parseKql);
measure('parse + toDsl (first run)', parseAndTranslate);
measure('parse (median of 7)', parseKql, 7);
measure('parse + toDsl (median of 7)', parseAndTranslate, 7);
// The schema is built once per rule context and cached by the service; here the current ECS one.
const schema = getSchema();
const parseAndCheck = (q: string) => checkKql(q, { schema });
measure('parse + check (first run)', parseAndCheck);
measure('parse + check (median of 7)', parseAndCheck, 7);
