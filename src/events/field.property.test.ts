import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFieldAccessor, getField } from './field.ts';

const segment = fc.constantFrom('a', 'b', 'c', 'constructor');

/** Documents mixing nested objects, dotted keys, arrays of objects and scalars. */
const doc: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(fc.oneof(segment, fc.constantFrom('a.b', 'b.c', 'a.b.c')), tie('value'), { maxKeys: 4 }),
})).object;

/**
 * True when some object holds one field both nested and dotted (`{"a":{"b":1},"a.b":2}`). For
 * those documents the compiled accessors read the nested value alone while getField returns
 * both: a known gap (see the test below and the README), so the equivalence is checked on
 * every other shape.
 */
function holdsBothForms(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsBothForms);
  if (value === null || typeof value !== 'object') return false;
  const keys = Object.keys(value);
  if (keys.some((k) => k.includes('.') && keys.includes(k.slice(0, k.indexOf('.'))))) return true;
  return Object.values(value).some(holdsBothForms);
}

describe('compiled field accessors', () => {
  it('agree with getField on any document shape that holds each field one way', () => {
    fc.assert(
      fc.property(doc, fc.array(segment, { minLength: 1, maxLength: 4 }), (d, path) => {
        fc.pre(!holdsBothForms(d));
        expect(compileFieldAccessor(path)(d)).toEqual(getField(d, path));
      }),
      { numRuns: 500 },
    );
  });

  it('known gap: a field held both nested and dotted reads as the nested value', () => {
    const d = { a: { b: 1 }, 'a.b': 2 };
    expect(getField(d, ['a', 'b'])).toEqual([1, 2]);
    expect(compileFieldAccessor(['a', 'b'])(d)).toBe(1);
  });

  it('see {"a.b":1} and {"a":{"b":1}} alike', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(getField({ 'a.b': n }, ['a', 'b'])).toBe(getField({ a: { b: n } }, ['a', 'b']));
      }),
    );
  });
});
