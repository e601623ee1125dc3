import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentArbitrary } from '../../test/document-arbitrary.ts';
import { compileFieldAccessor, getField, READER_POOLS } from './field.ts';

const segment = fc.constantFrom('a', 'b', 'c', 'constructor');

const doc = documentArbitrary(segment, ['a.b', 'b.c', 'a.b.c'], 4);

describe('compiled field accessors', () => {
  it('agree with getField on any document shape, one field held both nested and dotted included', () => {
    fc.assert(
      fc.property(doc, fc.array(segment, { minLength: 1, maxLength: 5 }), (d, path) => {
        expect(compileFieldAccessor(path)(d)).toEqual(getField(d, path));
      }),
      { numRuns: 500 },
    );
  });

  // Elasticsearch indexes `{"a":{"b":1},"a.b":2}` as two values of the field a.b (the document
  // parser expands dotted keys into the same object path; doc values then hold both), so a
  // condition on a.b sees [1, 2]. Table of collisions at each depth, read by both readers.
  it.each([
    [{ a: { b: 1 }, 'a.b': 2 }, ['a', 'b'], [1, 2]],
    [{ a: { b: { c: 1 } }, 'a.b': { c: 2 } }, ['a', 'b', 'c'], [1, 2]],
    [{ a: { b: { c: 1 } }, 'a.b.c': 2 }, ['a', 'b', 'c'], [1, 2]],
    [{ a: { b: { c: 1 }, 'b.c': 2 } }, ['a', 'b', 'c'], [1, 2]],
    [{ a: { b: { c: { d: 1 }, 'c.d': 2 } } }, ['a', 'b', 'c', 'd'], [1, 2]],
    [{ 'a.b': { c: { d: 1 } }, a: { 'b.c.d': 2 } }, ['a', 'b', 'c', 'd'], [2, 1]],
    [{ a: { b: 1 }, 'a.c': 2 }, ['a', 'b'], 1],
  ])('a field held both nested and dotted reads as both values: %j at %j', (d, path, expected) => {
    expect(getField(d, path)).toEqual(expected);
    expect(compileFieldAccessor(path)(d)).toEqual(expected);
  });

  it('see {"a.b":1} and {"a":{"b":1}} alike', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(getField({ 'a.b': n }, ['a', 'b'])).toBe(getField({ a: { b: n } }, ['a', 'b']));
      }),
    );
  });
});

describe('the reader pools', () => {
  // A copy edited alone would read some paths differently: every copy of a pool has the same source.
  it('hold identical copies', () => {
    for (const [name, pool] of Object.entries(READER_POOLS)) {
      expect(pool.length, name).toBeGreaterThan(1);
      for (const copy of pool) expect(copy.toString(), name).toBe(pool[0].toString());
    }
  });
});
