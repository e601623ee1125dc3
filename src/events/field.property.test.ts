import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFieldAccessor, getField } from './field.ts';

const segment = fc.constantFrom('a', 'b', 'c', 'constructor');

/** Documents mixing nested objects, dotted keys, arrays of objects and scalars. */
const doc: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(fc.oneof(segment, fc.constantFrom('a.b', 'b.c', 'a.b.c')), tie('value'), { maxKeys: 4 }),
})).object;

describe('compiled field accessors', () => {
  it('agree with getField on any document shape', () => {
    fc.assert(
      fc.property(doc, fc.array(segment, { minLength: 1, maxLength: 4 }), (d, path) => {
        expect(compileFieldAccessor(path)(d)).toEqual(getField(d, path));
      }),
      { numRuns: 500 },
    );
  });

  it('see {"a.b":1} and {"a":{"b":1}} alike', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(getField({ 'a.b': n }, ['a', 'b'])).toBe(getField({ a: { b: n } }, ['a', 'b']));
      }),
    );
  });
});
