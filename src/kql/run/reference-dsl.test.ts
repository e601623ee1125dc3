/**
 * Every DSL that ../shared/kql-reference/kql-to-dsl.jsonl records Kibana emitting compiles
 * without diagnostics — except scripted-field queries (`script`, which this evaluator does not
 * run), placeholders standing for a list of clauses, and recorded errors — and evaluates on events
 * shaped like the facts' stub data view. Reads ../shared (tests only; the product never does).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../scripts/shared-data.ts';
import { compileQueryDsl, type FieldTypeInfo } from './compile.ts';

const REFERENCE = sharedData('kql-reference', 'KQL evaluator on the KQL→DSL facts');

interface Fact {
  kql: string | null;
  dsl: unknown;
}

function facts(dir: string): Fact[] {
  return readFileSync(path.join(dir, 'kql-to-dsl.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Fact);
}

/** Placeholder strings (`"<painless …>"`), scripts and recorded errors are not DSL to run. */
function runnable(dsl: unknown): boolean {
  const text = JSON.stringify(dsl);
  return !text.includes('"<') && !text.includes('"script"') && !text.includes('"error"');
}

// The stub data view's mapping types (README "The test data view"): string fields without
// esTypes are text (Kibana sends match to them), machine.os.keyword is a keyword, nested paths.
const TYPES: Record<string, FieldTypeInfo> = {
  bytes: { type: 'long' },
  ssl: { type: 'boolean' },
  '@timestamp': { type: 'date' },
  extension: { type: 'text' },
  'machine.os': { type: 'text' },
  'machine.os.keyword': { type: 'keyword', sourceField: 'machine.os' },
  nestedField: { type: 'nested' },
  'nestedField.nestedChild': { type: 'nested' },
  'nestedField.child': { type: 'text' },
  'nestedField.nestedChild.doublyNestedChild': { type: 'text' },
};

describe.skipIf(!REFERENCE)('KQL→DSL facts', () => {
  const all = REFERENCE ? facts(REFERENCE) : [];
  const runnableFacts = all.filter((f) => runnable(f.dsl));

  it('holds 43 facts, 39 of them runnable DSL', () => {
    expect(all.length).toBe(43);
    expect(runnableFacts.length).toBe(39);
  });

  it('compiles every runnable DSL without diagnostics', () => {
    const failures = runnableFacts
      .map((f) => ({ kql: f.kql, diagnostics: compileQueryDsl(f.dsl, { fieldType: (n) => TYPES[n] }).diagnostics.map((d) => d.message) }))
      .filter((f) => f.diagnostics.length > 0);
    expect(failures).toEqual([]);
  });

  it('evaluates the facts on an event of the stub data view', () => {
    const event = {
      '@timestamp': '2018-04-03T19:04:17.000Z',
      bytes: 5000,
      extension: 'jpg',
      machine: { os: 'Win 7' },
      response: 200,
      nestedField: { child: 'foo', nestedChild: [{ doublyNestedChild: 'foo' }] },
    };
    const results = Object.fromEntries(
      runnableFacts.map((f, i) => [
        `${i}: ${f.kql}`,
        compileQueryDsl(f.dsl, { fieldType: (n) => TYPES[n], now: Date.parse('2026-01-01T00:00:00Z') }).matches(event),
      ]),
    );
    // Every runnable fact is a query this event satisfies, except the ones below (one line per fact).
    const falseOnes = Object.entries(results)
      .filter(([, v]) => !v)
      .map(([k]) => k.replace(/^\d+: /, ''));
    expect(falseOnes.sort()).toEqual(
      [
        // machine.os is "Win 7" (both the filter and the must spelling of the fact)
        '(machine.os: osx AND extension: jpg)',
        '(machine.os: osx AND extension: jpg)',
        // range on a text field compares tokens in byte order: "foo" > "8000" (README §3 "range")
        '*doublyNested* < 8000',
        '*doublyNested* < 8000',
        // 1776338120239 is in 2026, the event in 2018 (number and string spellings)
        '@timestamp > 1776338120239',
        '@timestamp > 1776338120239',
        // the time_zone variant: 19:04:17 in Phoenix is 02:04:17Z the next day (the UTC variant matches)
        '@timestamp: "2018-04-03T19:04:17"',
        'NOT extension: jpg',
        // keyword wildcards are case-sensitive ("Win 7") and the value has no backslash
        'machine.os.keyword: *\\\\*',
        'machine.os.keyword: win*',
        // the event has no nestedField.bytes / extension / response
        'nestedField: { bytes > 1000 }',
        'nestedField: { extension: jpg }',
        'nestedField: { response: * }',
      ].sort(),
    );
  });
});
