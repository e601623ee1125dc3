/**
 * `queryFieldPaths` names every field a query reads: over events projected onto those paths
 * (events/project.ts), every case of Elasticsearch's EQL conformance suite gives exactly the
 * answer it gives over the whole events — matches, join keys and diagnostics — so a reader may
 * keep only those fields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConformanceCases } from '../../../test/eql-conformance-suite.ts';
import { sharedData } from '../../../scripts/shared-data.ts';
import { compileProjection } from '../../events/project.ts';
import { evaluate, queryFieldPaths } from './evaluate.ts';
import type { EvalOptions } from './types.ts';

const SUITE = sharedData('eql-conformance', 'EQL field paths over projected events');
const cases = SUITE ? loadConformanceCases((p) => readFileSync(join(SUITE!, p), 'utf8')) : [];

describe('queryFieldPaths', () => {
  it('names the timestamp, category, condition and join key fields', () => {
    const paths = queryFieldPaths('sequence by host.id [process where process.name == "a"] by process.pid [file where true] by ?process.ppid');
    expect(paths.map((p) => p.join('.')).sort()).toEqual(['@timestamp', 'event.category', 'host.id', 'process.name', 'process.pid', 'process.ppid']);
    const custom = queryFieldPaths('any where x > 1', { timestampField: 'ts', tiebreakerField: 'seq' });
    expect(custom.map((p) => p.join('.')).sort()).toEqual(['seq', 'ts', 'x']);
  });

  describe.skipIf(!SUITE)('conformance cases over events projected onto them', () => {
    it(`gives the same answers for all ${cases.length} cases`, () => {
      let compared = 0;
      for (const c of cases) {
        const options: EvalOptions = {
          size: c.size,
          tiebreakerField: c.dataset.tiebreakerField,
          mapping: c.dataset.mapping,
          maxSamplesPerKey: c.maxSamplesPerKey,
        };
        const project = compileProjection(queryFieldPaths(c.query, options));
        const whole = evaluate(c.query, c.dataset.events, options);
        const projected = evaluate(c.query, c.dataset.events.map(project), options);
        expect(projected, `${c.file} › ${c.name}`).toEqual(whole);
        compared++;
      }
      expect(compared).toBe(cases.length);
    });
  });
});
