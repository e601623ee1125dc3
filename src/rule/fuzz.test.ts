/**
 * Fuzz over rule files (issue 15): real rules (the bundled ones, plus a sample of ../shared's
 * corpus when it is there) mutated with deep nesting, odd keys, huge values and random edits.
 * Loading, validating and formatting never throw and never hang, and the formatter's output
 * keeps every key the input had — or the formatter refuses with a diagnostic.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { loadRule } from './load.ts';
import { validateRule } from './validate/index.ts';
import { formatLoadedRule } from './write.ts';
import { sharedData, tomlFilesUnder } from '../../scripts/shared-data.ts';

const BUNDLED = tomlFilesUnder(join(import.meta.dirname, '../../rules'));
const CORPUS_DIR = sharedData('rules-corpus', 'fuzzing rule files with corpus rules (bundled rules are still used)');
// Every 40th corpus file: ~55 rules of every type and layout, cheap to read.
const CORPUS = CORPUS_DIR ? tomlFilesUnder(CORPUS_DIR).filter((_, i) => i % 40 === 0) : [];
const SEEDS = [...BUNDLED, ...CORPUS].map((p) => readFileSync(p, 'utf8'));

const ODD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '"é"', '"😀"', '""', '"a.b"', '"\\u0000"', 'prototype'];
const keyArb = fc.constantFrom(...ODD_KEYS);

/** A value text: deep arrays or inline tables, huge strings, long arrays, big and odd numbers. */
const valueArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(10, 62, 63, 64, 65, 300, 3000).map((d) => `${'['.repeat(d)}1${']'.repeat(d)}`),
  fc.constantFrom(10, 63, 64, 65, 3000).map((d) => `${'{a='.repeat(d)}1${'}'.repeat(d)}`),
  fc.integer({ min: 1, max: 200_000 }).map((n) => JSON.stringify('x'.repeat(n))),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`),
  fc.constantFrom('9007199254740991', '9007199254740992', '-99999999999999999999', '0xffffffffffffffff', '1e400', 'nan', '-0', '0o777'),
  fc.string({ maxLength: 40 }).map((s) => JSON.stringify(s)),
  fc.constant("'''\nmulti\n'''"),
);

type Mutation = (text: string) => string;

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  // `key = value` added to a table, or a new table holding it.
  fc.tuple(keyArb, valueArb, fc.constantFrom('[rule]\n', '[metadata]\n', '')).map(
    ([k, v, table]): Mutation =>
      (t) =>
        table && t.includes(table) ? t.replace(table, `${table}${k} = ${v}\n`) : `${k} = ${v}\n${t}`,
  ),
  fc.tuple(fc.constantFrom('rule.', 'metadata.', 'rule.threat.', ''), keyArb, valueArb).map(
    ([parent, k, v]): Mutation =>
      (t) =>
        `${t}\n[${parent}${k}]\nx = ${v}\n`,
  ),
  // Headers and dotted keys many levels deep.
  fc.constantFrom(20, 64, 65, 2000).map(
    (d): Mutation =>
      (t) =>
        `${t}\n[rule.deep${'.a'.repeat(d)}]\nx = 1\n`,
  ),
  fc.constantFrom(20, 64, 2000).map(
    (d): Mutation =>
      (t) =>
        t.replace('[rule]\n', `[rule]\ndeep${'.a'.repeat(d)} = 1\n`),
  ),
  // An existing value replaced by a hostile one.
  fc.tuple(fc.constantFrom('risk_score', 'name', 'tags', 'severity', 'type', 'query', 'creation_date'), valueArb).map(
    ([k, v]): Mutation =>
      (t) =>
        t.replace(new RegExp(`^${k} = .*$`, 'm'), `${k} = ${v}`),
  ),
  // Random text edits: cut a slice, duplicate a line, insert TOML punctuation.
  fc.tuple(fc.nat(), fc.nat({ max: 200 })).map(
    ([at, n]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + t.slice(i + n);
      },
  ),
  fc.nat().map(
    (at): Mutation =>
      (t) => {
        const lines = t.split('\n');
        const i = at % lines.length;
        return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
      },
  ),
  fc.tuple(fc.nat(), fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '=', '"', "'", '\n', '.', ',', '#', 'a', '1', ' '), maxLength: 8 })).map(
    ([at, s]): Mutation =>
      (t) => {
        const i = at % (t.length + 1);
        return t.slice(0, i) + s + t.slice(i);
      },
  ),
);

/** Leaf key paths, array positions as `[]`; written apart from key-paths.ts to check it. */
function keys(v: unknown, path: string, out: Set<string>): Set<string> {
  if (Array.isArray(v)) {
    if (v.length === 0) out.add(path);
    for (const x of v) keys(x, `${path}[]`, out);
  } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const own = Object.keys(v);
    if (own.length === 0) out.add(path);
    for (const k of own) keys((v as Record<string, unknown>)[k], `${path}/${k}`, out);
  } else out.add(path);
  return out;
}

describe('fuzzing rule files', () => {
  it(`load, validate and format never throw or hang, and format never drops a key (${SEEDS.length} seed rules)`, () => {
    let formatted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (seed, mutations) => {
        const text = mutations.reduce((t, m) => m(t), SEEDS[seed]);
        const started = performance.now();
        const rule = loadRule(text, 'rules/linux/fuzzed.toml');
        validateRule(rule);
        const result = formatLoadedRule(rule);
        // Generous: a hang (or a quadratic blow-up) takes far longer than this.
        expect(performance.now() - started).toBeLessThan(10_000);
        if ('error' in result) {
          refused++;
          expect(result.error.code).toMatch(/^(toml|rule)\//);
          return;
        }
        formatted++;
        expect(rule.data).not.toBeNull();
        const before = keys(rule.data, '', new Set());
        const after = keys(TOML.parse(result.text), '', new Set());
        for (const k of before) expect(after, `formatting lost ${k}`).toContain(k);
      }),
      { numRuns: 300, ...(process.env.CI ? { seed: 15 } : {}) },
    );
    // Both outcomes must actually be exercised, or the property proves little.
    expect(formatted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});
