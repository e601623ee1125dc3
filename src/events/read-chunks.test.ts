import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { endOfJsonValue, EventsReader, MAX_EVENT_DIAGNOSTICS, readEvents, type ReadEventsResult } from './read.ts';

/** Reads `text` whole, and in chunks of each given size: every way must give the same result. */
function readEventsAll(text: string, chunkSizes = [1, 2, 5, 13, 64]): Omit<ReadEventsResult, 'positions'> {
  const whole = readEvents(text);
  for (const size of chunkSizes) {
    const reader = new EventsReader({ positions: true });
    for (let at = 0; at < text.length; at += size) reader.push(text.slice(at, at + size));
    expect(reader.end(), `read in chunks of ${size}`).toEqual(whole);
  }
  const { positions: _, ...rest } = whole;
  return rest;
}

const a = { '@timestamp': '2024-01-01T00:00:00Z', event: { category: 'process' }, n: 1 };
const b = { '@timestamp': '2024-01-01T00:00:01Z', 'event.category': 'network', s: 'x]},"' };

describe('reading events whole or in chunks', () => {
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
    const csv =
      '"@timestamp","event.category","process.name","process.args",host.name\n' +
      '"May 2, 2024 @ 10:00:01.500",process,bash,"[""bash"",""-c""]",-\n' +
      'bad,row\n' +
      '"Jan 1, 2024 @ 00:00:00.000",network,"a ""quoted"", name",[],web\n';
    const r = readEventsAll(csv);
    expect(r.format).toBe('csv');
    expect(r.events).toEqual([
      { '@timestamp': '2024-05-02T10:00:01.500Z', 'event.category': 'process', 'process.name': 'bash', 'process.args': ['bash', '-c'] },
      { '@timestamp': '2024-01-01T00:00:00.000Z', 'event.category': 'network', 'process.name': 'a "quoted", name', 'process.args': [], 'host.name': 'web' },
    ]);
    expect(r.diagnostics[0].message).toBe('Line 3 has 2 cells but the header has 5; it was skipped.');
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

describe('EventsReader', () => {
  const line = fc.oneof(
    fc.dictionary(fc.constantFrom('a', 'b.c', '@timestamp', 'x'), fc.oneof(fc.integer(), fc.string(), fc.constant(null))).map((o) => JSON.stringify(o)),
    fc.constantFrom('', '  ', 'nope', '{"broken":', '[1,2]', '7', '{"hits":{"hits":[{"_source":{"q":1}}]}}', '\u00e9\u{1F600}'),
  );

  it('gives the same result however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n', ''),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (lines, eol, asArray, cuts) => {
          const text = asArray ? `[${lines.filter((l) => l.trim()).join(`,${eol}`)}]${eol}` : lines.join(eol);
          const whole = readEvents(text);
          const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
          const reader = new EventsReader({ positions: true });
          let from = 0;
          for (const cut of [...at, text.length]) {
            reader.push(text.slice(from, cut));
            from = cut;
          }
          expect(reader.end()).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same result for any text, however cut', () => {
    const jsonish = fc
      .array(fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', '\n', '\r', ' ', 'a', '1', 'é', '😀', 'true', 'null', '{"a":1}', '"hits"', '\uFEFF'), {
        maxLength: 80,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(jsonish, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const whole = readEvents(text);
        const reader = new EventsReader({ positions: true });
        let from = 0;
        for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y).concat(text.length)) {
          reader.push(text.slice(from, cut));
          from = cut;
        }
        expect(reader.end()).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a minified array (no line breaks) item by item as the chunks come', () => {
    const items = Array.from({ length: 100 }, (_, i) => JSON.stringify({ i }));
    const text = `[${items.join(',')}]`;
    const reader = new EventsReader();
    reader.push(text.slice(0, 500));
    expect(reader.eventCount).toBeGreaterThan(30);
    reader.push(text.slice(500));
    expect(reader.end().events).toHaveLength(100);
  });

  it('reads a Discover CSV row whose quoted cell spans chunks and lines', () => {
    const csv = 'process.name,process.command_line\nbash,"echo ""a""\nline two"\nsh,-\n';
    const reader = new EventsReader();
    for (const piece of [csv.slice(0, 45), csv.slice(45, 50), csv.slice(50)]) reader.push(piece);
    expect(reader.end().events).toEqual([{ 'process.name': 'bash', 'process.command_line': 'echo "a"\nline two' }, { 'process.name': 'sh' }]);
  });

  it('keeps the chunks of a pretty-printed document until the end, then reads it whole', () => {
    const doc = JSON.stringify({ hits: { hits: [{ _source: { a: 1 } }, { _source: { a: 2 } }] } }, null, 2);
    const reader = new EventsReader();
    for (let at = 0; at < doc.length; at += 10) reader.push(doc.slice(at, at + 10));
    expect(reader.eventCount).toBe(0);
    const r = reader.end();
    expect(r.format).toBe('json');
    expect(r.events).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reports a broken pretty-printed document once, where JSON.parse stopped', () => {
    const text = '{\n  "a": 1,\n  "b": \n}\n';
    const r = readEvents(text);
    expect(r.events).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0].message).toMatch(/^The JSON document is not valid/);
    expect(r.diagnostics[0].range!.start).toBeGreaterThan(text.indexOf('"b"'));
  });

  it('reads NDJSON whose first line is broken, keeping the good lines after it', () => {
    const r = readEvents('{"a": \n{"a":2}\n{"a":3}');
    expect(r.format).toBe('ndjson');
    expect(r.events).toEqual([{ a: 2 }, { a: 3 }]);
    expect(r.diagnostics[0].message).toMatch(/^Line 1 is not valid JSON/);
  });
});
