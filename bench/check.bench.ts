/**
 * Language-core benchmark: parse, then parse + schema checks, of every EQL query in the
 * detection-rules corpus, with each rule's own index patterns and stack version.
 * Target: p99 under 1 ms per query, so checking on every keystroke is free.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { parseQuery } from '../src/eql/syntax/parser.ts';
import { checkQuery } from '../src/eql/check/index.ts';
import { querySettingsOf } from '../src/rule/eql-settings.ts';
import type { TomlTable } from '../src/rule/types.ts';

const CORPUS = join(import.meta.dirname ?? '.', '../../shared/rules-corpus');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.toml')) out.push(path);
  }
  return out;
}

const rules = walk(CORPUS)
  .map((path) => querySettingsOf(TOML.parse(readFileSync(path, 'utf8')) as TomlTable))
  .filter((s) => s.language === 'eql');

/**
 * Each query is timed `repeats` times and its median kept: on a shared machine a single timing
 * mostly measures who else had the CPU (and when the GC ran), not the query.
 */
function measure(label: string, fn: (s: (typeof rules)[number]) => unknown, repeats = 1): void {
  const times: number[] = [];
  const started = performance.now();
  for (const s of rules) {
    const runs: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      fn(s);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    times.push(runs[runs.length >> 1]);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(3);
  console.log(
    `${label.padEnd(28)} ${rules.length} queries  wall ${total.toFixed(0)} ms  sum ${times.reduce((a, b) => a + b, 0).toFixed(0)} ms  p50 ${p(0.5)} ms  p99 ${p(0.99)} ms  max ${times.at(-1)!.toFixed(2)} ms`,
  );
}

const check = (s: (typeof rules)[number]) => checkQuery(s.query, s);
measure('parse (first run)', (s) => parseQuery(s.query));
measure('parse + check (first run)', check);
measure('parse (median of 7)', (s) => parseQuery(s.query), 7);
measure('parse + check (median of 7)', check, 7);
