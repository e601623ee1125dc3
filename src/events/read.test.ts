import { describe, expect, it } from 'vitest';
import { readEvents } from './read.ts';
import { getField, compileFieldAccessor } from './field.ts';
import { compileProjection } from './project.ts';

describe('readEvents', () => {
  it('keeps of each event what `project` returns, with the same positions and diagnostics', () => {
    const text = '{"a":{"b":1,"c":2},"d":3}\nnot json\n{"hits":{"hits":[{"_source":{"a":{"b":4}}}]}}\n{"d":5}\n';
    const whole = readEvents(text);
    const projected = readEvents(text, { positions: true, project: compileProjection([['a', 'b']]) });
    expect(projected.events).toEqual([{ a: { b: 1 } }, { a: { b: 4 } }, {}]);
    expect(projected.positions).toEqual(whole.positions);
    expect(projected.diagnostics).toEqual(whole.diagnostics);
  });

  it('reads NDJSON, keeping good lines and reporting bad ones with their line number', () => {
    const text = '{"a":1}\n\n{"a":\n{"a":3}\n';
    const { events, diagnostics } = readEvents(text);
    expect(events).toEqual([{ a: 1 }, { a: 3 }]);
    expect(readEvents(text).positions).toEqual([0, 2]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'events/parse', source: 'events', severity: 'error' });
    expect(diagnostics[0].message).toContain('Line 3');
    expect(text.slice(diagnostics[0].range!.start, diagnostics[0].range!.end)).toBe('{"a":');
  });

  it('says what was expected where, on a bad line', () => {
    const { diagnostics } = readEvents('{"a":1}\n  {"a": 1 "b": 2}\nnope');
    expect(diagnostics.map((d) => d.message)).toEqual([
      "Line 2 is not valid JSON (expected ',' or '}' at column 11); it was skipped.",
      'Line 3 is not valid JSON (expected a value at column 1); it was skipped.',
    ]);
  });

  it('caps per-line diagnostics and counts the rest', () => {
    const { events, diagnostics } = readEvents('{"a":1}\n' + 'x\n'.repeat(250));
    expect(events).toHaveLength(1);
    expect(diagnostics).toHaveLength(201);
    expect(diagnostics[200].message).toBe('50 more bad lines or items were skipped (only the first 200 are listed).');
  });

  it('reads a JSON array', () => {
    expect(readEvents(' [{"a":1},{"b":2}]').events).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reads a single pretty-printed object', () => {
    expect(readEvents('{\n  "a": 1\n}\n').events).toEqual([{ a: 1 }]);
  });

  it('reads a _search response', () => {
    const r = { hits: { hits: [{ _source: { a: 1 } }, { _source: { a: 2 } }] } };
    expect(readEvents(JSON.stringify(r, null, 2)).events).toEqual([{ a: 1 }, { a: 2 }]);
    expect(readEvents(JSON.stringify(r)).events).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads an _eql/search response with events or sequences, skipping missing placeholders', () => {
    expect(readEvents(JSON.stringify({ hits: { events: [{ _source: { a: 1 } }] } })).events).toEqual([{ a: 1 }]);
    const seq = { hits: { sequences: [{ events: [{ _source: { a: 1 } }, { _index: '', _id: '', _source: {}, missing: true }, { _source: { a: 2 } }] }] } };
    expect(readEvents(JSON.stringify(seq)).events).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('keeps the items of an array that is cut short, and says so', () => {
    const r = readEvents('[{"a":1},');
    expect(r.events).toEqual([{ a: 1 }]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'events/parse', severity: 'warning', message: expect.stringMatching(/no closing "\]"/) })]);
  });

  it('returns nothing for blank input', () => {
    expect(readEvents('  \n ')).toEqual({ events: [], diagnostics: [], format: 'empty', skipped: 0, positions: [] });
  });
});

describe('getField', () => {
  it('resolves nested objects and literal dotted keys alike', () => {
    expect(getField({ process: { pid: 1 } }, ['process', 'pid'])).toBe(1);
    expect(getField({ 'process.pid': 1 }, ['process', 'pid'])).toBe(1);
    expect(getField({ process: { 'parent.pid': 2 } }, ['process', 'parent', 'pid'])).toBe(2);
    expect(getField({ 'process.parent': { pid: 3 } }, ['process', 'parent', 'pid'])).toBe(3);
  });

  it('keeps arrays and flattens arrays of objects', () => {
    expect(getField({ tags: ['a', 'b'] }, ['tags'])).toEqual(['a', 'b']);
    expect(getField({ a: [{ b: 1 }, { b: [2, 3] }] }, ['a', 'b'])).toEqual([1, 2, 3]);
  });

  it('distinguishes null from absent, and ignores prototype members', () => {
    expect(getField({ a: null }, ['a'])).toBeNull();
    expect(getField({}, ['a'])).toBeUndefined();
    expect(getField({}, ['constructor'])).toBeUndefined();
    expect(compileFieldAccessor(['constructor'])({})).toBeUndefined();
  });

  it('compiled accessors agree with getField', () => {
    const docs = [{ a: { b: { c: 1 } } }, { 'a.b': { c: 2 } }, { a: { 'b.c': 3 } }, { 'a.b.c': 4 }, { a: [{ b: { c: 5 } }] }, { a: 1 }, {}];
    for (const path of [['a'], ['a', 'b'], ['a', 'b', 'c']]) {
      const acc = compileFieldAccessor(path);
      for (const d of docs) expect(acc(d)).toEqual(getField(d, path));
    }
  });
});
