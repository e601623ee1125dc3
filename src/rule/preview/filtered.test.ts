import { describe, expect, it } from 'vitest';
import { evaluate } from '../../eql/run/index.ts';
import type { TomlTable } from '../types.ts';
import { evaluateFiltered } from './filtered.ts';

// Kibana sends a rule's filters with its search; for EQL rules they are the EQL search's
// `filter` ("Query DSL used to filter events upon which the EQL query runs",
// https://www.elastic.co/guide/en/elasticsearch/reference/current/eql-search-api.html#eql-search-api-request-body),
// so a sequence only ever sees the events they keep.

const phrase = (key: string, value: string, negate = false) => ({
  meta: { disabled: false, negate, type: 'phrase', key, params: { query: value } },
  query: { match_phrase: { [key]: value } },
});
const data = (filters?: unknown[]) => ({ rule: { language: 'eql', ...(filters ? { filters } : {}) } }) as unknown as TomlTable;
const events = [
  { '@timestamp': 1, event: { category: 'process' }, host: { name: 'a' }, user: { name: 'x' } },
  { '@timestamp': 2, event: { category: 'process' }, host: { name: 'b' }, user: { name: 'x' } },
  { '@timestamp': 3, event: { category: 'file' }, host: { name: 'a' }, user: { name: 'x' } },
];
const run = (filters: unknown[] | undefined, query: string) =>
  evaluateFiltered(data(filters), events, {}, (subset) => evaluate(query, subset, {})).matches.map((m) => m.events);

describe('evaluateFiltered', () => {
  it('without filters the query sees every event', () => {
    expect(run(undefined, 'sequence by user.name [process where true] [file where true]')).toEqual([[1, 2]]);
  });

  it('a filter hides events from the sequence, and positions are the input positions', () => {
    // Without host b, the sequence pairs the host a process (0) with the file (2).
    expect(run([phrase('host.name', 'a')], 'sequence by user.name [process where true] [file where true]')).toEqual([[0, 2]]);
  });

  it('a negated filter', () => {
    expect(run([phrase('host.name', 'a', true)], 'any where true')).toEqual([[1]]);
  });

  it('an unusable filter is an error diagnostic', () => {
    const result = evaluateFiltered(data([42]), events, {}, (subset) => evaluate('any where true', subset, {}));
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'kql/unsupported-filter']]);
  });
});
