import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TupleMap } from './keys.ts';
import { TupleIds } from './tuple-ids.ts';

// Key values as events hold them, with the cases SameValueZero decides: NaN, -0 and 0, 1 and "1",
// null and undefined (a missing optional key joins under null), long strings sharing their ends,
// and objects (compared by identity, kept beside the table).
const shared = { a: 1 };
const long = (mid: string) => 'x'.repeat(40) + mid + 'y'.repeat(40);
const value = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -0, NaN, 1, '1', 1.5, 2 ** 40, '', 'a', shared, long('p'), long('q')),
  fc.string({ maxLength: 3 }),
  fc.integer({ min: -3, max: 3 }),
);

describe('TupleIds', () => {
  it('gives equal tuples one id and different tuples different ids, as TupleMap tells them apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { maxLength: 300 }), (arity, rows) => {
        const ids = new TupleIds(arity);
        const reference = new TupleMap<number>(arity);
        const firsts: unknown[][] = [];
        for (const row of rows) {
          const tuple = row.slice(0, arity);
          const expected = reference.getOrSet(tuple, reference.size);
          expect(ids.find(tuple)).toBe(expected === ids.size ? -1 : expected);
          expect(ids.idOf(tuple)).toBe(expected);
          // An id's values are those of the first tuple that got it (0 before -0, as TupleMap's users keep).
          firsts[expected] ??= tuple.map((v) => v ?? null);
          expect(ids.tupleAt(expected)).toEqual(firsts[expected]);
        }
        expect(ids.size).toBe(reference.size);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps ids through the table growing', () => {
    const ids = new TupleIds(2);
    for (let i = 0; i < 5000; i++) expect(ids.idOf([`host-${i % 50}`, `entity-${i}`])).toBe(i);
    for (let i = 0; i < 5000; i++) expect(ids.find([`host-${i % 50}`, `entity-${i}`])).toBe(i);
    expect(ids.find(['host-0', 'entity-1'])).toBe(-1);
  });
});
