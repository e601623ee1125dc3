import { describe, expect, it } from 'vitest';
import { previewRule } from './preview.ts';
import type { TomlTable } from '../types.ts';

// The preview runs the rule once at "now" over the rule's window (`from` … `to`), as Kibana's
// rule executor does: https://www.elastic.co/guide/en/security/current/rules-ui-create.html
// ("Schedule": runs every interval over from … now; "Preview rule results").

const at = (minute: number) => `2024-05-01T12:${String(minute).padStart(2, '0')}:00.000Z`;
const data = (rule: Record<string, unknown>) => ({ rule: { language: 'kuery', from: 'now-9m', ...rule } }) as unknown as TomlTable;
const named = (name: string) => (e: unknown) => (e as { process?: { name?: string } }).process?.name === name;
const ev = (minute: number, extra: Record<string, unknown> = {}) => ({ '@timestamp': at(minute), process: { name: 'sh' }, ...extra });

describe('previewRule: query rules', () => {
  const events = [ev(0), ev(10, { process: { name: 'bash' } }), ev(20), ev(25), ev(29)];

  it('matches the events of the window ending at the latest event', () => {
    // now = 12:29, window 12:20 … 12:29: events 2, 3, 4; event 1 does not match the query.
    const r = previewRule({ data: data({ type: 'query' }), events, matchesQuery: named('sh') });
    expect(r.kind).toBe('events');
    expect(r.matches).toEqual([2, 3, 4].map((i) => ({ events: [i], joinKeys: [] })));
    expect(r.window).toEqual({ now: Date.parse(at(29)), from: Date.parse(at(20)), to: Date.parse(at(29)) });
  });

  it('a given now moves the window', () => {
    const r = previewRule({ data: data({ type: 'query' }), events, matchesQuery: () => true, now: at(10) });
    expect(r.matches.map((m) => m.events[0])).toEqual([1]);
  });

  it('the filters apply with the query', () => {
    const r = previewRule({ data: data({ type: 'query' }), events, matchesQuery: () => true, matchesFilters: named('bash'), now: at(12) });
    expect(r.matches.map((m) => m.events[0])).toEqual([1]);
  });

  it('events come in time order', () => {
    const r = previewRule({ data: data({ type: 'query' }), events: [ev(29), ev(21)], matchesQuery: () => true });
    expect(r.matches.map((m) => m.events[0])).toEqual([1, 0]);
  });

  it('without any timestamp the window is not applied, and says so', () => {
    const r = previewRule({ data: data({ type: 'query' }), events: [{ a: 1 }, { a: 2 }], matchesQuery: () => true });
    expect(r.matches.length).toBe(2);
    expect(r.window).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['preview/no-timestamps']);
  });

  it('undated events are outside the window when others are dated', () => {
    const r = previewRule({ data: data({ type: 'query' }), events: [{ a: 1 }, ev(1)], matchesQuery: () => true });
    expect(r.matches.map((m) => m.events[0])).toEqual([1]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'preview/undated-events']]);
  });

  it('timestamp_override places the events', () => {
    const events2 = [ev(0, { event: { ingested: at(29) } }), ev(29, { event: { ingested: at(0) } })];
    const r = previewRule({ data: data({ type: 'query', timestamp_override: 'event.ingested' }), events: events2, matchesQuery: () => true });
    expect(r.matches.map((m) => m.events[0])).toEqual([0]);
  });

  it('rule types without a query preview are an error', () => {
    const r = previewRule({ data: data({ type: 'machine_learning' }), events, matchesQuery: () => true });
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'preview/rule-type']]);
  });

  it('a wrong --now is an error, no matches', () => {
    const r = previewRule({ data: data({ type: 'query' }), events, matchesQuery: () => true, now: 'never' });
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['preview/now']);
  });
});

describe('previewRule: threshold', () => {
  it('groups the matching events of the window', () => {
    const events = [ev(0, { host: { name: 'a' } }), ev(21, { host: { name: 'a' } }), ev(22, { host: { name: 'a' } }), ev(23, { host: { name: 'b' } })];
    const r = previewRule({ data: data({ type: 'threshold', threshold: { field: ['host.name'], value: 2 } }), events, matchesQuery: () => true });
    expect(r.kind).toBe('threshold');
    expect(r.matches).toEqual([{ events: [1, 2], joinKeys: ['a'], count: 2 }]);
  });

  it('a broken threshold table is reported, no matches', () => {
    const r = previewRule({ data: data({ type: 'threshold' }), events: [ev(0)], matchesQuery: () => true });
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.map((d) => d.path)).toEqual(['rule.threshold']);
  });
});

describe('previewRule: new terms', () => {
  const rule = data({
    type: 'new_terms',
    new_terms: { field: 'new_terms_fields', value: ['user.name'], history_window_start: [{ field: 'history_window_start', value: 'now-1h' }] },
  });
  const user = (t: string, name: string) => ({ '@timestamp': t, user: { name } });

  it('a value not seen in the history window is new', () => {
    const events = [user('2024-05-01T11:30:00Z', 'alice'), user(at(25), 'alice'), user(at(26), 'bob'), user(at(27), 'bob')];
    const r = previewRule({ data: rule, events, matchesQuery: () => true });
    expect(r.kind).toBe('new_terms');
    expect(r.matches).toEqual([{ events: [2], joinKeys: ['bob'] }]);
    expect(r.window?.historyStart).toBe(Date.parse('2024-05-01T11:27:00Z'));
  });

  it('a value seen before the history window started is new again', () => {
    const events = [user('2024-05-01T11:26:59Z', 'alice'), user(at(27), 'alice')];
    expect(previewRule({ data: rule, events, matchesQuery: () => true }).matches).toEqual([{ events: [1], joinKeys: ['alice'] }]);
  });

  it('history events must match the query too', () => {
    const events = [
      { ...user('2024-05-01T11:30:00Z', 'alice'), process: { name: 'other' } },
      { ...user(at(27), 'alice'), process: { name: 'sh' } },
    ];
    expect(previewRule({ data: rule, events, matchesQuery: named('sh') }).matches).toEqual([{ events: [1], joinKeys: ['alice'] }]);
  });
});

describe('previewRule: indicator match', () => {
  const rule = data({
    type: 'threat_match',
    threat_index: ['logs-ti_*'],
    threat_mapping: [{ entries: [{ field: 'destination.ip', type: 'mapping', value: 'threat.indicator.ip' }] }],
  });
  const indicator = (ip: string, confidence = 'high') => ({ _index: 'logs-ti_abuse', '@timestamp': at(0), threat: { indicator: { ip, confidence } } });
  const conn = (minute: number, ip: string) => ({ _index: 'logs-network', '@timestamp': at(minute), destination: { ip } });

  it('pairs source events with the indicators they match', () => {
    const events = [indicator('1.2.3.4'), conn(25, '1.2.3.4'), conn(26, '5.6.7.8'), conn(27, '1.2.3.4')];
    const r = previewRule({ data: rule, events, matchesQuery: () => true });
    expect(r.kind).toBe('threat_match');
    expect(r.matches).toEqual([
      { events: [1, 0], joinKeys: ['1.2.3.4'], indicator: 0, mappingGroup: 0 },
      { events: [3, 0], joinKeys: ['1.2.3.4'], indicator: 0, mappingGroup: 0 },
    ]);
  });

  it('indicators are read outside the rule window; source events inside it', () => {
    const events = [indicator('1.2.3.4'), conn(5, '1.2.3.4'), conn(27, '1.2.3.4')];
    expect(previewRule({ data: rule, events, matchesQuery: () => true }).matches.map((m) => m.events)).toEqual([[2, 0]]);
  });

  it('threat_query selects the indicators', () => {
    const events = [indicator('1.2.3.4', 'low'), indicator('1.2.3.4', 'high'), conn(27, '1.2.3.4'), conn(28, '1.2.3.4')];
    const high = (e: unknown) => (e as { threat?: { indicator?: { confidence?: string } } }).threat?.indicator?.confidence === 'high';
    const r = previewRule({ data: rule, events, matchesQuery: () => true, matchesThreatQuery: high });
    expect(r.matches.map((m) => m.events)).toEqual([
      [2, 1],
      [3, 1],
    ]);
  });

  it('no event from the threat index: no match, and a note saying why', () => {
    const r = previewRule({ data: rule, events: [conn(27, '1.2.3.4')], matchesQuery: () => true });
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['preview/no-indicators']);
  });
});

describe('previewRule: a bare query', () => {
  it('applyWindow false: every event is in, whatever its time', () => {
    const r = previewRule({ data: data({ type: 'query' }), events: [ev(0), ev(29), { a: 1 }], matchesQuery: () => true, applyWindow: false });
    expect(r.matches.map((m) => m.events[0])).toEqual([0, 1, 2]);
    expect(r.window).toBeUndefined();
    expect(r.diagnostics).toEqual([]);
  });
});
