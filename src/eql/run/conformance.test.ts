/**
 * Elasticsearch's EQL conformance suite (../shared/eql-conformance), run exactly as its Java
 * harness runs it: one vitest test per case, named `<file> › <name>`. A case listed in
 * known-gaps.json (with its reason) is asserted with `it.fails`, so it still runs and shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_FILES, judge, loadConformanceCases } from '../../../test/eql-conformance-suite.ts';
import type { ConformanceCase } from '../../../test/eql-conformance-suite.ts';
import { evaluate } from './evaluate.ts';
import knownGaps from './known-gaps.json' with { type: 'json' };
import { sharedData } from '../../../scripts/shared-data.ts';

const SUITE = sharedData('eql-conformance', 'EQL conformance (evaluator)');
const read = (p: string) => readFileSync(join(SUITE!, p), 'utf8');
const cases = SUITE ? loadConformanceCases(read) : [];
const gaps = knownGaps as Record<string, string>;
const passed = new Map<string, number>();
const total = new Map<string, number>();

function runCase(c: ConformanceCase, resultPosition: 'head' | 'tail') {
  const result = evaluate(c.query, c.dataset.events, {
    size: c.size,
    tiebreakerField: c.dataset.tiebreakerField,
    mapping: c.dataset.mapping,
    maxSamplesPerKey: c.maxSamplesPerKey,
    resultPosition,
  });
  return judge(c, result);
}

describe.skipIf(!SUITE)('EQL conformance', () => {
  it('loads every active case (198 endgame, 40 extra, 26 missing, 25 sample, 7 multi)', () => {
    const count = (f: string) => cases.filter((c) => c.file === f).length;
    expect(count('test_queries.toml') + count('additional_test_queries.toml') + count('test_queries_date.toml')).toBe(198);
    expect(count('test_extra.toml')).toBe(40);
    expect(count('test_missing_events.toml')).toBe(26);
    expect(count('test_sample.toml')).toBe(25);
    expect(count('test_sample_multi.toml')).toBe(7);
  });

  for (const c of cases) {
    const title = `${c.file} › ${c.name}`;
    const gap = gaps[title];
    const body = () => {
      total.set(c.file, (total.get(c.file) ?? 0) + 1);
      // The Java harness picks head or tail at random; both must give the same answer.
      const tail = runCase(c, 'tail');
      const head = runCase(c, 'head');
      if (tail.pass && head.pass) passed.set(c.file, (passed.get(c.file) ?? 0) + 1);
      expect(tail.reason ?? 'pass').toBe('pass');
      expect(head.reason ?? 'pass').toBe('pass');
    };
    if (gap) it.fails(`${title} (known gap: ${gap})`, body);
    else it(title, body);
  }

  afterAll(() => {
    const lines = CONFORMANCE_FILES.map((f) => `  ${f.padEnd(30)} ${String(passed.get(f) ?? 0).padStart(3)} / ${total.get(f) ?? 0}`);
    console.log(`EQL conformance, passing per file:\n${lines.join('\n')}`);
  });
});
