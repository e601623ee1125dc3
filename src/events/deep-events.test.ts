/**
 * Hostile nesting in sample events: one event whose field holds an array (or object) nested far
 * deeper than any real event must not take the others down with it. The reader reports it as
 * unreadable, at its line or item, and keeps the rest; field access and the evaluator never
 * recurse on an event's nesting, so events that reach them by another path (rule test cases)
 * cannot overflow the stack either.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EVENT_DEPTH, nestsDeeperThan, readEvents, valueNestsDeeperThan } from './read.ts';
import { getField } from './field.ts';
import { evaluate } from '../eql/run/evaluate.ts';
import { javaToString } from '../eql/run/java.ts';
import { run as runEval } from '../cli/commands/eval.ts';

const deepArray = (n: number, leaf = '1') => '['.repeat(n) + leaf + ']'.repeat(n);
const deepObject = (n: number) => '{"y":'.repeat(n) + '1' + '}'.repeat(n);
const event = (extra: string) => `{"event":{"category":"process"},${extra}}`;

/** Builds the nested value without JSON.parse (so the test itself needs no deep recursion). */
function nestedArrays(n: number, leaf: unknown): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

describe('events nested too deep', () => {
  const ndjson = [event('"a":1'), event('"b":2'), event(`"x":${deepArray(10_000)}`), event('"c":3')].join('\n') + '\n';

  it('reports the deep NDJSON line with its number and keeps the others', () => {
    const { events, diagnostics, positions, skipped } = readEvents(ndjson);
    expect(events).toHaveLength(3);
    expect(positions).toEqual([0, 1, 3]);
    expect(skipped).toBe(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'events/parse', source: 'events' });
    expect(diagnostics[0].message).toBe(`Line 3 nests deeper than ${MAX_EVENT_DEPTH} levels; it was skipped.`);
    const { start, end } = diagnostics[0].range!;
    expect(ndjson.slice(start, end)).toBe(event(`"x":${deepArray(10_000)}`));
  });

  it('accepts an event exactly at the limit and refuses one a level deeper', () => {
    // The event object is level 1, so its field may hold MAX_EVENT_DEPTH - 1 levels of arrays.
    const atLimit = readEvents(`{"x":${deepArray(MAX_EVENT_DEPTH - 1)}}\n`);
    expect(atLimit.events).toHaveLength(1);
    expect(atLimit.diagnostics).toEqual([]);
    const over = readEvents(`{"x":${deepArray(MAX_EVENT_DEPTH)}}\n`);
    expect(over.events).toHaveLength(0);
    expect(over.diagnostics[0].message).toContain('Line 1 nests deeper');
  });

  it('does not count brackets inside strings', () => {
    const text = `{"s":${JSON.stringify('['.repeat(5000) + '{'.repeat(5000))}}\n`;
    expect(nestsDeeperThan(text)).toBe(false);
    expect(readEvents(text).events).toHaveLength(1);
  });

  it('reports a deep item of a JSON array with its index and line', () => {
    const text = `[\n${event('"a":1')},\n${event(`"x":${deepObject(5000)}`)},\n${event('"c":3')}\n]`;
    const { events, diagnostics, positions } = readEvents(text);
    expect(positions).toEqual([0, 2]);
    expect(events).toHaveLength(2);
    expect(diagnostics.map((d) => d.message)).toEqual([`Item 1 of the array (line 3) nests deeper than ${MAX_EVENT_DEPTH} levels; it was skipped.`]);
  });

  it('reports a deep document of a pretty-printed response and keeps the others', () => {
    const text = `{\n "hits": {"hits": [\n {"_source": ${event('"a":1')}},\n {"_source": ${event(`"x":${deepArray(3000)}`)}}\n ]}\n}`;
    const { events, diagnostics } = readEvents(text);
    expect(events).toEqual([{ event: { category: 'process' }, a: 1 }]);
    expect(diagnostics.map((d) => d.message)).toEqual([`Document 1 of the response nests deeper than ${MAX_EVENT_DEPTH} levels; it was skipped.`]);
  });

  it('measures parsed values iteratively', () => {
    expect(valueNestsDeeperThan(nestedArrays(200_000, 1))).toBe(true);
    expect(valueNestsDeeperThan({ a: [[{ b: [1] }]] }, 5)).toBe(false);
    expect(valueNestsDeeperThan({ a: [[{ b: [1] }]] }, 4)).toBe(true);
  });

  it('evaluates the readable events of the file: the deep one is no match, the rest are', () => {
    const { events } = readEvents(ndjson);
    for (const query of ['any where true', 'any where x.y == 1', 'any where x == null']) {
      const result = evaluate(query, events);
      expect(result.diagnostics, query).toEqual([]);
    }
    expect(evaluate('any where true', events).matches).toHaveLength(3);
  });
});

describe('field access and the evaluator on deep values that bypass the reader', () => {
  // Rule test cases carry their events in JSON; nothing stops them from nesting 200,000 deep.
  const deep = { event: { category: 'process' }, x: nestedArrays(200_000, { y: 7 }), z: nestedArrays(200_000, null) };
  const events = [deep, { event: { category: 'process' }, x: { y: 1 } }];

  it('flattens nested arrays without recursion', () => {
    expect(getField(deep, ['x', 'y'])).toEqual([7]);
    expect(getField({ x: [[{ y: 1 }, [{ y: 2 }]], { y: 3 }] }, ['x', 'y'])).toEqual([1, 2, 3]);
  });

  it('answers field comparisons and null checks without an internal error', () => {
    const byQuery = (q: string) => {
      const r = evaluate(q, events);
      expect(r.diagnostics, q).toEqual([]);
      return r.matches.map((m) => m.events[0]);
    };
    expect(byQuery('any where x.y == 7')).toEqual([0]);
    expect(byQuery('any where x.y == 1')).toEqual([1]);
    expect(byQuery('any where z == null')).toEqual([0, 1]);
    // Scripts on a deep multi-valued field: no internal error (byQuery checks the diagnostics).
    byQuery('any where length(string(x)) > 0');
    byQuery('any where startsWith(string(x), "a")');
  });

  it('writes nested lists the Java way without recursion', () => {
    expect(javaToString([1, [2, [3.5, 'a']], [], null])).toBe('[1, [2, [3.5, a]], [], null]');
    expect(javaToString(nestedArrays(200_000, 1))).toBe('['.repeat(200_000) + '1' + ']'.repeat(200_000));
  });
});

describe('rule-studio eval --events with a deep event', () => {
  it('evaluates the other events and reports the deep one at its line', async () => {
    const text = [event('"a":1'), event('"b":2'), event(`"x":${deepArray(10_000)}`), event('"x":{"y":1}')].join('\n') + '\n';
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readFile: () => text, writeFile: () => {}, listFiles: () => [] };
    const code = await runEval(['--events', 'f.ndjson', '--query', 'any where x.y == 1', '--json'], io);
    expect(out.map((l) => JSON.parse(l))).toEqual([{ kind: 'events', matches: [{ events: [3], join_keys: [] }], diagnostics: [] }]);
    expect(err).toEqual([`f.ndjson:3:1 error events/parse Line 3 nests deeper than ${MAX_EVENT_DEPTH} levels; it was skipped.`]);
    // An unreadable line fails the run, as any bad line does.
    expect(code).toBe(1);
  });
});
