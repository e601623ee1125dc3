import { describe, expect, it } from 'vitest';
import { endOfJsonValue, MAX_EVENT_DIAGNOSTICS, readEventsAll, readEventsInSteps } from './read-steps.ts';

const a = { '@timestamp': '2024-01-01T00:00:00Z', event: { category: 'process' }, n: 1 };
const b = { '@timestamp': '2024-01-01T00:00:01Z', 'event.category': 'network', s: 'x]},"' };

describe('readEventsInSteps', () => {
  it('reads NDJSON and reports bad lines by number', () => {
    const text = [JSON.stringify(a), '{"broken": ', '', JSON.stringify(b), 'not json', '[1]'].join('\n');
    const r = readEventsAll(text);
    expect(r.format).toBe('ndjson');
    expect(r.events).toEqual([a, b]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^Line 2 is not valid JSON/),
      expect.stringMatching(/^Line 5 is not valid JSON/),
      'Line 6 is not a JSON object; it was skipped.',
    ]);
    expect(r.diagnostics[0].range).toEqual({ start: text.indexOf('{"broken"'), end: text.indexOf('{"broken"') + 10 });
    expect(r.skipped).toBe(3);
  });

  it('reads a JSON array item by item, skipping bad items with their line', () => {
    const text = `[\n${JSON.stringify(a)},\n  {"x": tru},\n 7,\n${JSON.stringify(b, null, 2)}\n]\n`;
    const r = readEventsAll(text);
    expect(r.format).toBe('array');
    expect(r.events).toEqual([a, b]);
    expect(r.diagnostics[0].message).toMatch(/^Item 1 of the array \(line 3\) is not valid JSON/);
    expect(r.diagnostics[1].message).toMatch(/^Item 2 of the array \(line 4\) is not an object/);
  });

  it('reads a pretty-printed single object and search responses', () => {
    expect(readEventsAll(JSON.stringify(a, null, 2)).events).toEqual([a]);
    const search = { took: 1, hits: { total: { value: 2 }, hits: [{ _source: a }, { _source: b }] } };
    expect(readEventsAll(JSON.stringify(search, null, 2)).events).toEqual([a, b]);
    expect(readEventsAll(JSON.stringify(search)).events).toEqual([a, b]);
    const eql = { hits: { sequences: [{ join_keys: ['h'], events: [{ _source: a }, { missing: true }, { _source: b }] }] } };
    expect(readEventsAll(JSON.stringify(eql)).events).toEqual([a, b]);
  });

  it('reads a Kibana Discover CSV export', () => {
    const csv = '"@timestamp","event.category","process.name","process.args",host.name\n' + '"May 2, 2024 @ 10:00:01.500",process,bash,"[""bash"",""-c""]",-\n' + 'bad,row\n' + '"Jan 1, 2024 @ 00:00:00.000",network,"a ""quoted"", name",[],web\n';
    const r = readEventsAll(csv);
    expect(r.format).toBe('csv');
    expect(r.events).toEqual([
      { '@timestamp': '2024-05-02T10:00:01.500Z', 'event.category': 'process', 'process.name': 'bash', 'process.args': ['bash', '-c'] },
      { '@timestamp': '2024-01-01T00:00:00.000Z', 'event.category': 'network', 'process.name': 'a "quoted", name', 'process.args': [], 'host.name': 'web' },
    ]);
    expect(r.diagnostics[0].message).toBe('Line 3 has 2 cells but the header has 5; it was skipped.');
  });

  it('yields progress between steps and ends with every event', () => {
    const text = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ i })).join('\n');
    const steps = readEventsInSteps(text, 1000);
    const progress: number[] = [];
    let r = steps.next();
    while (!r.done) {
      progress.push(r.value.done);
      r = steps.next();
    }
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(r.value.events).toHaveLength(1000);
  });

  it('caps the diagnostics and counts the rest', () => {
    const text = Array.from({ length: MAX_EVENT_DIAGNOSTICS + 10 }, () => 'nope').join('\n');
    const r = readEventsAll('{"a":1}\n' + text);
    expect(r.diagnostics).toHaveLength(MAX_EVENT_DIAGNOSTICS + 1);
    expect(r.diagnostics.at(-1)!.message).toMatch(/^10 more bad lines/);
    expect(r.skipped).toBe(MAX_EVENT_DIAGNOSTICS + 10);
  });

  it('handles empty input and an unterminated array', () => {
    expect(readEventsAll('  \n ')).toEqual({ events: [], diagnostics: [], format: 'empty', skipped: 0 });
    const r = readEventsAll(`[${JSON.stringify(a)}, {"b": 1`);
    expect(r.events).toEqual([a]);
    expect(r.diagnostics[0].message).toMatch(/not closed/);
  });
});

describe('endOfJsonValue', () => {
  it('skips brackets inside strings and escaped quotes', () => {
    const t = '{"a":"]}\\"}"} rest';
    expect(endOfJsonValue(t, 0)).toBe(t.indexOf(' rest'));
    expect(endOfJsonValue('12, 3', 0)).toBe(2);
    expect(endOfJsonValue('{"a":', 0)).toBe(-1);
  });
});
