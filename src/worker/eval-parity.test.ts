/**
 * The evaluator gives the same answers in the app and on the command line: every EQL query of
 * the rules corpus runs over one generated event set through the events worker's handler
 * (EventStore.load, then evaluateEvents, as the worker does) and through `rule-studio eval
 * --queries … --json` (the CLI's run() with a captured CliIO), and the matches must be
 * identical: kind, count, events and join keys of every match shown, and the errors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData, tomlFilesUnder } from '../../scripts/shared-data.ts';
import { generateEvents } from '../../bench/ecs-events.ts';
import { run as cliEval } from '../cli/commands/eval.ts';
import type { CliIO } from '../cli/io.ts';
import { loadRule } from '../rule/load.ts';
import { parseQuery } from '../eql/syntax/parser.ts';
import type { Expr, FieldRef, Literal } from '../eql/syntax/ast.ts';
import { EventStore, evaluateEvents } from './events-handlers.ts';
import { MAX_SHOWN_MATCHES } from './events-protocol.ts';

const CORPUS = sharedData('rules-corpus', 'worker/CLI evaluation parity on the rules corpus');

function corpusQueries(dir: string): { name: string; query: string }[] {
  const out: { name: string; query: string }[] = [];
  for (const file of tomlFilesUnder(dir)) {
    const rule = loadRule(readFileSync(file, 'utf8'), file).data?.rule as Record<string, unknown> | undefined;
    if (rule?.language === 'eql' && typeof rule.query === 'string') out.push({ name: file.slice(dir.length + 1), query: rule.query });
  }
  return out;
}

type Doc = Record<string, unknown>;

/** Sets a dotted field in a nested document; a second value for the same field makes an array. */
function assign(doc: Doc, path: string[], value: unknown): void {
  let cur = doc;
  for (const seg of path.slice(0, -1)) {
    const next = cur[seg];
    if (next === undefined) cur = (cur[seg] = {}) as Doc;
    else if (typeof next === 'object' && next !== null && !Array.isArray(next)) cur = next as Doc;
    else return; // a scalar already sits on the path: leave the event as it is
  }
  const last = path[path.length - 1];
  const old = cur[last];
  if (old === undefined) cur[last] = value;
  else if (typeof old !== 'object' || old === null || Array.isArray(old)) cur[last] = Array.isArray(old) ? [...old, value] : [old, value];
}

/** A value that a pattern of `:`, `like` accepts (wildcards filled in). */
const fill = (pattern: string) => pattern.replace(/\*/g, '').replace(/\?/g, 'a');

/**
 * Values a condition asks for, one way of satisfying it: all of an `and`, the first of an `or`,
 * nothing under `not`; equality, `in`, `:` and `like` on a field.
 */
function satisfy(e: Expr, doc: Doc): void {
  switch (e.kind) {
    case 'logical':
      if (e.op === 'and') e.operands.forEach((o) => satisfy(o, doc));
      else satisfy(e.operands[0], doc);
      break;
    case 'compare':
      if (e.op === '==' && e.left.kind === 'field' && e.right.kind === 'literal' && e.right.value !== null) assign(doc, e.left.path, e.right.value);
      break;
    case 'in':
      if (!e.negated && e.operand.kind === 'field' && e.values[0]?.kind === 'literal') assign(doc, e.operand.path, (e.values[0] as Literal).value);
      break;
    case 'match':
      if (e.op !== 'regex' && e.operand.kind === 'field' && typeof e.patterns[0]?.value === 'string') assign(doc, e.operand.path, fill(e.patterns[0].value));
      break;
    default:
      break;
  }
}

/** Events written from a query, one per stage in order, so that many corpus queries match some. */
function eventsFor(query: string, n: number, t0: number): Doc[] {
  const q = parseQuery(query).ast.query;
  const filters =
    q.kind === 'event'
      ? [{ filter: q.filter, by: [] as FieldRef[] }]
      : q.kind === 'sequence' || q.kind === 'sample'
        ? q.stages.filter((st) => !st.missing).flatMap((st) => Array.from({ length: st.runs }, () => ({ filter: st.filter, by: [...q.by, ...st.by] })))
        : [];
  return filters.map(({ filter, by }, k) => {
    const doc: Doc = { '@timestamp': new Date(t0 + k * 1000).toISOString() };
    if (filter.category !== null) assign(doc, ['event', 'category'], filter.category);
    satisfy(filter.condition, doc);
    for (const key of by) assign(doc, key.path, `key-${n}`);
    return doc;
  });
}

/**
 * The benchmark's ECS events, then events written from each corpus query (fields it tests set
 * to values it accepts, some multi-valued), so that many queries match some.
 */
function eventSet(queries: { query: string }[]): object[] {
  const t0 = Date.UTC(2024, 0, 2);
  return [...generateEvents(3000, 7), ...queries.flatMap((q, n) => eventsFor(q.query, n, t0 + n * 60_000))];
}

interface CliLine {
  name: string;
  kind: string;
  matches: { events: (number | null)[]; join_keys: unknown[] }[];
  diagnostics: { severity: string; code: string }[];
}

describe.skipIf(!CORPUS)('evaluation in the worker and in the CLI', () => {
  it('gives identical matches for every corpus EQL query over one generated event set', async () => {
    const queries = corpusQueries(CORPUS!);
    expect(queries.length).toBeGreaterThan(100);
    const ndjson =
      eventSet(queries)
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n';

    // The CLI: one run over all queries, files served from memory.
    const files: Record<string, string> = {
      'events.ndjson': ndjson,
      'queries.jsonl': queries.map((q) => JSON.stringify(q)).join('\n') + '\n',
    };
    const out: string[] = [];
    const io: CliIO = {
      out: (t) => out.push(t),
      err: () => {},
      readFile: (p) => {
        if (!(p in files)) throw new Error(`no ${p}`);
        return files[p];
      },
      writeFile: () => {},
      listFiles: () => [],
    };
    await cliEval(['--events', 'events.ndjson', '--queries', 'queries.jsonl', '--json'], io);
    const cli = out.map((l) => JSON.parse(l) as CliLine);
    expect(cli).toHaveLength(queries.length);

    // The worker: the events loaded once, each query evaluated by the request handler.
    const store = new EventStore();
    await store.load({ kind: 'load-events', eventsKey: 'k', source: ndjson }, { progress: () => {}, stale: () => false, pause: async () => {} });
    const loaded = await store.get('k');
    const settings = { timestampField: '@timestamp', eventCategoryField: 'event.category' };

    let withMatches = 0;
    const differences: string[] = [];
    queries.forEach((q, k) => {
      const w = evaluateEvents(loaded, { kind: 'evaluate', eventsKey: 'k', query: q.query, settings });
      const c = cli[k];
      const errors = (ds: { severity: string; code: string }[]) =>
        ds
          .filter((d) => d.severity === 'error')
          .map((d) => d.code)
          .sort()
          .join(',');
      const worker = {
        kind: w.result?.kind,
        count: w.totalMatches,
        shown: (w.result?.matches ?? []).map((m) => ({ events: m.events, join_keys: m.joinKeys })),
        errors: errors(w.result?.diagnostics ?? []),
      };
      const fromCli = { kind: c.kind, count: c.matches.length, shown: c.matches.slice(0, MAX_SHOWN_MATCHES), errors: errors(c.diagnostics) };
      if (worker.count > 0) withMatches++;
      if (JSON.stringify(worker) !== JSON.stringify(fromCli))
        differences.push(`${q.name}: worker ${JSON.stringify(worker).slice(0, 300)} ≠ cli ${JSON.stringify(fromCli).slice(0, 300)}`);
    });
    console.log(
      `eval parity: ${queries.length} corpus EQL queries over ${loaded.events.length} events, ${withMatches} with matches, ${differences.length} differences`,
    );
    expect(differences).toEqual([]);
    // Not vacuous: a fair share of the queries match something (454 of 1,081 when written).
    expect(withMatches).toBeGreaterThan(queries.length / 3);
  }, 600_000);
});
