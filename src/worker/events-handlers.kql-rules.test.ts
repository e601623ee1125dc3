/**
 * The events worker runs a KQL rule as its type (query, threshold, new terms, indicator match),
 * with its `[[rule.filters]]`, in its window at "now" = the latest event's timestamp: the answer
 * is previewKqlRule's (the function the CLI's `eval` and the rule's test cases call), so the page,
 * the CLI and the tests agree. Rule types as Kibana runs them:
 * https://www.elastic.co/guide/en/security/current/rules-ui-create.html (threshold, new terms,
 * indicator match); the preview's own tests cite Kibana's executors (src/rule/preview/*.ts).
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationSettings } from '../languages/language.ts';
import { previewKqlRule } from '../rule/preview/kql-rule.ts';
import type { TomlTable } from '../rule/types.ts';
import { ruleRunDataOf } from '../state/live-evaluation.ts';
import { compiledQuery, EventStore, evaluateEvents, explain, insights, snapshot } from './events-handlers.ts';
import type { EventSettings } from './events-protocol.ts';

const at = (m: number) => `2024-05-01T12:${String(m).padStart(2, '0')}:00Z`;

function ruleData(rule: Record<string, unknown>): TomlTable {
  return { metadata: {}, rule: { language: 'kuery', from: 'now-9m', index: ['logs-*'], type: 'query', ...rule } } as unknown as TomlTable;
}

/** What the page sends: the rule's run fields as plain data, the query apart. */
function settingsOf(data: TomlTable): EventSettings {
  return {
    language: 'kuery',
    timestampField: '@timestamp',
    eventCategoryField: 'event.category',
    schema: { indexPatterns: ['logs-*'] },
    rule: ruleRunDataOf(data),
  };
}

async function loaded(events: object[]) {
  const store = new EventStore();
  const ctx = { progress() {}, stale: () => false, pause: async () => {} };
  await store.load({ kind: 'load-events', eventsKey: 'k', source: events.map((e) => JSON.stringify(e)).join('\n') }, ctx);
  return store.get('k');
}

async function evaluate(query: string, rule: Record<string, unknown>, events: object[]) {
  const data = ruleData({ ...rule, query });
  const store = await loaded(events);
  const response = evaluateEvents(store, { kind: 'evaluate', eventsKey: 'k', query, settings: settingsOf(data) });
  // One source: the page's answer is the CLI's (previewKqlRule over the same rule and events).
  expect(response.result?.matches.map((m) => m.events)).toEqual(previewKqlRule(data, store.events).matches.map((m) => m.events));
  return { response, store, data };
}

const proc = (m: number, name: string, host: string, extra: object = {}) => ({
  '@timestamp': at(m),
  event: { category: 'process' },
  host: { name: host },
  process: { name },
  ...extra,
});

describe('the events worker runs a KQL rule as its type', () => {
  it('query: the matching events in the rule window (from = now-9m), with [[rule.filters]] applied', async () => {
    // A Kibana phrase filter pill (meta + query.match_phrase), as detection-rules writes it.
    const filters = [{ meta: { negate: false, disabled: false }, query: { match_phrase: { 'host.name': 'a' } } }];
    const events = [proc(1, 'bash', 'a'), proc(25, 'bash', 'a'), proc(26, 'bash', 'b'), proc(27, 'zsh', 'a'), proc(28, 'bash', 'a')];
    const { response } = await evaluate('process.name : bash', { filters }, events);
    // now = 12:28; the window is 12:19 … 12:28: the event of 12:01 is out, host b is filtered out.
    expect(response.result).toMatchObject({ kind: 'events', matches: [{ events: [1] }, { events: [4] }] });
    expect(response.result?.window).toMatchObject({ now: Date.parse(at(28)), from: Date.parse(at(19)) });
  });

  it('threshold: one match per group reaching threshold.value, with the group values, its count and its events', async () => {
    const events = [proc(20, 'bash', 'a'), proc(21, 'bash', 'b'), proc(22, 'bash', 'a'), proc(23, 'bash', 'a'), proc(24, 'bash', 'b'), proc(25, 'sh', 'c')];
    const { response } = await evaluate('process.name : bash', { type: 'threshold', threshold: { field: ['host.name'], value: 3 } }, events);
    expect(response.result?.kind).toBe('threshold');
    expect(response.result?.matches).toEqual([{ events: [0, 2, 3], joinKeys: ['a'], count: 3 }]);
    expect(response.joinKeyNames).toEqual(['host.name']);
    expect(Object.keys(response.matchedEvents).map(Number)).toEqual([0, 2, 3]);
  });

  it('threshold with cardinality: groups need that many distinct values of the cardinality field', async () => {
    const events = [
      proc(20, 'bash', 'a', { user: { name: 'u1' } }),
      proc(21, 'bash', 'a', { user: { name: 'u1' } }),
      proc(22, 'bash', 'b', { user: { name: 'u1' } }),
    ];
    events.push(proc(23, 'bash', 'b', { user: { name: 'u2' } }));
    const threshold = { field: ['host.name'], value: 2, cardinality: [{ field: 'user.name', value: 2 }] };
    const { response } = await evaluate('process.name : bash', { type: 'threshold', threshold }, events);
    expect(response.result?.matches).toEqual([{ events: [2, 3], joinKeys: ['b'], count: 2, cardinality: 2 }]);
  });

  it('new_terms: each combination not seen in the history window, from its first event in the rule window', async () => {
    const new_terms = { field: 'new_terms_fields', value: ['user.name'], history_window_start: [{ field: 'history_window_start', value: 'now-7d' }] };
    const history = { '@timestamp': '2024-04-30T12:00:00Z', event: { category: 'process' }, process: { name: 'bash' }, user: { name: 'alice' } };
    const events = [
      history,
      proc(21, 'bash', 'a', { user: { name: 'alice' } }),
      proc(22, 'bash', 'a', { user: { name: 'bob' } }),
      proc(23, 'bash', 'a', { user: { name: 'bob' } }),
    ];
    const { response } = await evaluate('process.name : bash', { type: 'new_terms', new_terms }, events);
    expect(response.result?.kind).toBe('new_terms');
    expect(response.result?.matches).toEqual([{ events: [2], joinKeys: ['bob'] }]);
    expect(response.joinKeyNames).toEqual(['user.name']);
  });

  it('threat_match: event ↔ indicator pairs, naming the indicator and the mapped fields', async () => {
    const rule = {
      type: 'threat_match',
      threat_index: ['logs-ti_*'],
      threat_query: 'threat.indicator.type : ipv4-addr',
      threat_mapping: [{ entries: [{ field: 'destination.ip', type: 'mapping', value: 'threat.indicator.ip' }] }],
    };
    const events = [
      { _index: 'logs-ti_abuse', '@timestamp': at(1), threat: { indicator: { ip: '10.1.1.1', type: 'ipv4-addr' } } },
      { '@timestamp': at(25), destination: { ip: '10.1.1.1' } },
      { '@timestamp': at(26), destination: { ip: '10.9.9.9' } },
    ];
    const { response } = await evaluate('destination.ip : *', rule, events);
    expect(response.result?.kind).toBe('threat_match');
    expect(response.result?.matches).toEqual([
      { events: [1, 0], joinKeys: ['10.1.1.1'], indicator: 0, mappingGroup: 0, keyNames: ['destination.ip ↔ threat.indicator.ip'] },
    ]);
    expect(Object.keys(response.matchedEvents).map(Number)).toEqual([0, 1]);
  });

  it('a rule type that cannot run says so at its field; the query itself still explains', async () => {
    const events = [proc(20, 'bash', 'a')];
    const query = 'process.name : bash';
    const store = await loaded(events);
    const settings = settingsOf(ruleData({ type: 'threshold', query }));
    const response = evaluateEvents(store, { kind: 'evaluate', eventsKey: 'k', query, settings });
    expect(response.result?.matches).toEqual([]);
    expect(response.result?.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'preview/threshold', path: 'rule.threshold' })]);
    expect(explain(store, { kind: 'explain', eventsKey: 'k', query, settings, index: 0 }).tree?.truth).toBe(true);
  });

  it('compiles once per (query, settings, rule inputs) and runs once per event array', async () => {
    const query = 'process.name : bash';
    const data = ruleData({ type: 'threshold', query, threshold: { field: ['host.name'], value: 1 } });
    const store = await loaded([proc(20, 'bash', 'a')]);
    const settings = settingsOf(data);
    const compiled = compiledQuery(query, settings);
    expect(compiledQuery(query, { ...settings })).toBe(compiled);
    expect(compiled.run(store.events)).toBe(compiled.run(store.events));
    // A changed rule input (the threshold) is a new compile; so is the same input back.
    const changed: EvaluationSettings = settingsOf(ruleData({ type: 'threshold', query, threshold: { field: ['host.name'], value: 2 } }));
    expect(compiledQuery(query, changed)).not.toBe(compiled);
    // Snapshots of a rule type keep its matches' events (a group's events; an event and its indicator).
    expect(snapshot(store, { kind: 'snapshot', eventsKey: 'k', query, settings, maxEvents: 10 }).expect).toEqual([[0]]);
  });
});

describe('KQL near misses (the EQL definition, eql/run/near-miss.ts, read from the Why tree)', () => {
  const settings: EventSettings = { language: 'kuery', timestampField: '@timestamp', eventCategoryField: 'event.category' };
  const events = [proc(1, 'bash', 'a'), proc(2, 'bash', 'b'), proc(3, 'zsh', 'b'), proc(4, 'zsh', 'a')];

  it('lists events one leaf away from matching, with the leaf, its truth and the truth needed', async () => {
    const store = await loaded(events);
    const query = 'process.name : bash and host.name : a';
    const r = insights(store, { kind: 'insights', eventsKey: 'k', query, settings });
    // #1 fails only host.name; #3 only process.name; #2 fails both (two flips away).
    expect(r.nearMissCount).toBe(2);
    expect(r.nearMisses.map((n) => [n.index, n.leaves.map((l) => [l.truth, l.needed, l.values.map((v) => v.value)])])).toEqual([
      [1, [[false, true, ['b']]]],
      [3, [[false, true, ['zsh']]]],
    ]);
  });

  it('under `or` any failing leaf is decisive; under `not` a true leaf must become false', async () => {
    const store = await loaded(events);
    const or = insights(store, { kind: 'insights', eventsKey: 'k', query: 'host.name : c and (process.name : bash or process.name : sh)', settings });
    // #0 and #1 fail only host.name : c; #2/#3 fail host and both names (two flips at least).
    expect(or.nearMisses.map((n) => n.index)).toEqual([0, 1]);
    const not = insights(store, { kind: 'insights', eventsKey: 'k', query: 'process.name : bash and not host.name : a', settings });
    // #0: bash on host a — making `host.name : a` false would match it.
    expect(not.nearMisses.map((n) => [n.index, n.leaves.map((l) => [l.truth, l.needed])])).toEqual([
      [0, [[true, false]]],
      [2, [[false, true]]],
    ]);
  });

  it('a query of a single condition has none', async () => {
    const store = await loaded(events);
    expect(insights(store, { kind: 'insights', eventsKey: 'k', query: 'process.name : bash', settings }).nearMissCount).toBe(0);
  });
});
