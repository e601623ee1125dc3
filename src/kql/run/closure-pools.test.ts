import { describe, expect, it } from 'vitest';
import { compileFieldAccessor } from '../../events/field.ts';
import { allOf, anyOf, keywordAnyTermTest, keywordTermTest, POOLS, type Test } from './closure-pools.ts';

// A keyword field indexes strings as they are and numbers/booleans as their text; a term matches
// any value of an array (README §3 "term", shared/kql-reference/README.md).
const read = compileFieldAccessor(['f']);
const VALUES: unknown[] = [
  'a',
  'b',
  'c',
  '1',
  'true',
  1,
  true,
  null,
  undefined,
  {},
  ['a'],
  ['x', 1],
  [null, 'b'],
  [['c']],
  [[1, 'x']],
  [[['b', [true]]]],
  [],
  [{}],
];

describe('keyword term tests', () => {
  it('a disjunction of terms on one field (merged into one read) answers as the terms one by one', () => {
    const qs = ['a', 'b', 'c', '1', 'true'];
    for (let n = 1; n <= qs.length; n++) {
      const wanted = qs.slice(0, n);
      const separate = wanted.map((q) => keywordTermTest(read, q));
      const merged = anyOf(wanted.map((q) => keywordTermTest(read, q)));
      const set = keywordAnyTermTest(read, wanted);
      for (const f of VALUES) {
        const ev = { f };
        const expected = separate.some((t) => t(ev));
        expect(merged(ev), `${JSON.stringify(wanted)} on ${JSON.stringify(f)}`).toBe(expected);
        expect(set(ev), `${JSON.stringify(wanted)} on ${JSON.stringify(f)}`).toBe(expected);
      }
    }
  });

  it('arrays nested in arrays are searched, as Elasticsearch flattens them', () => {
    expect(keywordTermTest(read, 'b')({ f: [[['b']]] })).toBe(true);
    expect(keywordTermTest(read, 'true')({ f: ['x', [[true]]] })).toBe(true);
    expect(keywordAnyTermTest(read, ['b', 'c'])({ f: [[['c']]] })).toBe(true);
  });

  it('other tests between the terms keep their place', () => {
    const other = compileFieldAccessor(['g']);
    const t = anyOf([keywordTermTest(read, 'a'), keywordTermTest(other, 'z'), keywordTermTest(read, 'b')]);
    expect(t({ f: 'b' })).toBe(true);
    expect(t({ g: 'z' })).toBe(true);
    expect(t({ f: 'z', g: 'a' })).toBe(false);
  });
});

describe('allOf / anyOf beyond the unrolled sizes', () => {
  it('every width gives the conjunction and the disjunction of its tests', () => {
    for (const width of [0, 1, 2, 3, 4, 5, 6, 9, 17]) {
      for (let hit = -1; hit < width; hit++) {
        // Test i passes unless i === hit (allOf), or only when i === hit (anyOf).
        const all: Test[] = Array.from({ length: width }, (_, i) => () => i !== hit);
        const any: Test[] = Array.from({ length: width }, (_, i) => () => i === hit);
        expect(allOf(all)(undefined), `allOf width ${width}, failing ${hit}`).toBe(hit === -1);
        expect(anyOf(any)(undefined), `anyOf width ${width}, passing ${hit}`).toBe(hit !== -1);
      }
    }
  });
});

describe('the pools', () => {
  // A copy edited alone would silently give different answers for some queries: every copy of a
  // pool has the same source text.
  it('hold identical copies', () => {
    for (const [name, pool] of Object.entries(POOLS)) {
      expect(pool.length, name).toBeGreaterThan(1);
      for (const copy of pool) expect(copy.toString(), name).toBe(pool[0].toString());
    }
  });
});
