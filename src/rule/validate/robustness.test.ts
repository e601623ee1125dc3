/**
 * Validation never throws, whatever shape the TOML data has: every problem is a diagnostic with
 * a 'rule/' code and a path.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import type { LoadedRule, TomlTable, TomlValue } from '../types.ts';
import { validateRule } from './index.ts';

const SEED = TOML.parse(readFileSync(join(import.meta.dirname, '../../../rules/linux/execution_python_tty_shell.toml'), 'utf8')) as unknown as TomlTable;

const scalar: fc.Arbitrary<TomlValue> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 2000 }),
  fc.boolean(),
  fc.constantFrom(
    'eql',
    'query',
    'threshold',
    'machine_learning',
    'esql',
    'new_terms',
    'threat_match',
    'sequence with maxspan=1h [a where true]',
    'now-1d',
    '2020/01/01',
  ),
);
const value: fc.Arbitrary<TomlValue> = fc.letrec<{ v: TomlValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('id', 'name', 'tactic', 'technique', 'field', 'value', 'x'), tie('v'), { maxKeys: 3 }) as fc.Arbitrary<TomlValue>,
  ),
})).v;

/** Paths into the seed data (tables and array elements) to overwrite. */
function paths(v: TomlValue, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null && !(v instanceof Date)) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}
const SEED_PATHS = paths(SEED).filter((p) => p.length > 0);

function replaced(data: TomlValue, path: (string | number)[], v: TomlValue): TomlValue {
  if (path.length === 0) return v;
  const [head, ...rest] = path;
  if (Array.isArray(data)) return data.map((x, i) => (i === head ? replaced(x, rest, v) : x));
  if (typeof data !== 'object' || data === null || data instanceof Date) return data; // an earlier edit removed the path
  const table = data as TomlTable;
  return { ...table, [head]: replaced(table[head as string], rest, v) };
}

describe('validateRule on arbitrary data', () => {
  it('never throws and labels every diagnostic', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...SEED_PATHS), value), { minLength: 1, maxLength: 4 }), (edits) => {
        let data: TomlValue = SEED;
        for (const [path, v] of edits) data = replaced(data, path, v);
        const rule: LoadedRule = { text: '', data: data as TomlTable, spans: new Map(), diagnostics: [], path: 'rules/linux/execution_x.toml' };
        for (const d of validateRule(rule, { today: '2026/11/23' })) {
          expect(d.code).toMatch(/^rule\/(load|repo|query)\//);
          expect(d.path).toBeTruthy();
          expect(d.source).toBe('schema');
          expect(d.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
