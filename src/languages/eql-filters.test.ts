/**
 * An EQL rule's [[rule.filters]] run in front of its query in the app as in the CLI: Kibana sends
 * them as the EQL search's `filter`, so the query only sees the events they keep
 * (https://www.elastic.co/guide/en/elasticsearch/reference/current/eql-search-api.html, `filter`).
 */
import { describe, expect, it } from 'vitest';
import { compileEql } from './eql.ts';

const rule = {
  metadata: {},
  rule: { type: 'eql', language: 'eql', filters: [{ meta: { negate: true }, query: { match_phrase: { 'host.name': 'build-01' } } }] },
};
const event = (i: number, host: string, name: string) => ({
  '@timestamp': `2024-01-01T00:00:0${i}Z`,
  event: { category: 'process' },
  host: { name: host },
  process: { name },
});
const events = [event(0, 'ws-1', 'cmd.exe'), event(1, 'build-01', 'cmd.exe'), event(2, 'ws-2', 'cmd.exe'), event(3, 'ws-2', 'calc.exe')];

describe('EQL rule filters in the seam', () => {
  it('drop the events they exclude before the query runs; positions are the input positions', () => {
    const q = compileEql('process where process.name == "cmd.exe"', { timestampField: '@timestamp', eventCategoryField: 'event.category', rule });
    expect(q.run(events).matches.map((m) => m.events)).toEqual([[0], [2]]);
    // Without the rule, every cmd.exe event matches.
    expect(
      compileEql('process where process.name == "cmd.exe"', { timestampField: '@timestamp', eventCategoryField: 'event.category' }).run(events).matches,
    ).toHaveLength(3);
  });

  it('Why says an excluded event never reached the query, and near misses keep input positions', () => {
    const q = compileEql('process where process.name == "cmd.exe"', { timestampField: '@timestamp', eventCategoryField: 'event.category', rule });
    expect(q.explain(events, 1)).toMatchObject({ truth: false, label: expect.stringContaining('rule filters') });
    expect(q.explain(events, 2)).toMatchObject({ truth: true });
    expect(q.nearMisses(events, 10).items.map((n) => n.index)).toEqual([3]);
  });

  it('sequences map their events and trace back to the input', () => {
    const q = compileEql('sequence [process where process.name == "cmd.exe"] [process where process.name == "calc.exe"]', {
      timestampField: '@timestamp',
      eventCategoryField: 'event.category',
      rule,
    });
    const result = q.run(events, { trace: true });
    expect(result.matches.map((m) => m.events)).toEqual([[2, 3]]);
    expect(result.trace?.every((t) => t.event !== 1)).toBe(true);
  });
});
