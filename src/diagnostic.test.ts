import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineColumnAt, lineIndex } from './diagnostic.ts';

describe('line and column of an offset', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
  });

  it('lineIndex answers as lineColumnAt does, for any text and offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', 'b', '\r') }), fc.nat(), (text, n) => {
        const offset = n % (text.length + 2);
        expect(lineIndex(text)(offset)).toEqual(lineColumnAt(text, offset));
      }),
    );
  });
});
