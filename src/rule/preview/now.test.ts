import { describe, expect, it } from 'vitest';
import { previewNow, ruleWindow, timestampReader } from './now.ts';

const T = Date.parse('2024-05-01T12:00:00Z');
const MIN = 60_000;

describe('previewNow', () => {
  it('defaults to the latest timestamp', () => {
    expect(previewNow([T - MIN, null, T, T - 5 * MIN]).now).toBe(T);
  });
  it('takes a given ISO time', () => {
    expect(previewNow([T], '2024-05-02T00:00:00Z').now).toBe(Date.parse('2024-05-02T00:00:00Z'));
  });
  it('an unreadable time is an error', () => {
    const r = previewNow([T], 'yesterday');
    expect(r.now).toBeNull();
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'preview/now']]);
  });
  it('no timestamps and no time: null', () => {
    expect(previewNow([null, null]).now).toBeNull();
  });
});

describe('ruleWindow', () => {
  it('from and to are date math relative to now', () => {
    expect(ruleWindow({ from: 'now-9m' }, T).window).toEqual({ now: T, from: T - 9 * MIN, to: T });
  });
  it("without from, Kibana's default now-6m", () => {
    // Kibana's rule defaults: from "now-6m", to "now" (rules-ui-create.html, "Additional look-back time").
    expect(ruleWindow({}, T).window).toEqual({ now: T, from: T - 6 * MIN, to: T });
  });
  it('the history window starts relative to the window end (forceNow: tuple.to)', () => {
    expect(ruleWindow({ from: 'now-9m', to: 'now-1m' }, T, 'now-14d').window).toEqual({
      now: T,
      from: T - 9 * MIN,
      to: T - MIN,
      historyStart: T - MIN - 14 * 24 * 60 * MIN,
    });
  });
  it.each([
    ['now-9m', 'now-9m'],
    ['now-5m', 'now-9m'],
  ])('history_window_start %s with from %s is refused (it must be earlier than from)', (history, from) => {
    // Kibana new_terms/utils.ts validateHistoryWindowStart: isSameOrAfter(from) throws.
    const r = ruleWindow({ from }, T, history);
    expect(r.window).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['preview/history-window', 'rule.new_terms.history_window_start']]);
  });

  it('bad date math is a diagnostic at its path', () => {
    const r = ruleWindow({ from: 'now-9x' }, T, 'soon');
    expect(r.window).toBeUndefined();
    expect(r.diagnostics.map((d) => d.path)).toEqual(['rule.from', 'rule.new_terms.history_window_start']);
  });
});

describe('timestampReader', () => {
  it('reads @timestamp (ISO or epoch millis)', () => {
    const read = timestampReader({});
    expect(read({ '@timestamp': '2024-05-01T12:00:00Z' })).toBe(T);
    expect(read({ '@timestamp': T })).toBe(T);
    expect(read({})).toBeNull();
  });
  it('timestamp_override first, @timestamp when the event lacks it', () => {
    const read = timestampReader({ timestamp_override: 'event.ingested' });
    expect(read({ event: { ingested: T }, '@timestamp': 1 })).toBe(T);
    expect(read({ '@timestamp': T })).toBe(T);
  });
  it('no fallback when timestamp_override_fallback_disabled', () => {
    const read = timestampReader({ timestamp_override: 'event.ingested', timestamp_override_fallback_disabled: true });
    expect(read({ '@timestamp': T })).toBeNull();
  });
});
