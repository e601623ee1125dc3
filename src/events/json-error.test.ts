import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonError } from './json-error.ts';

describe('findJsonError', () => {
  it('accepts what JSON.parse accepts', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonError(text)).toBeNull();
      }),
    );
    for (const ok of ['{}', '[]', ' [1, -2.5e3, "a\\u00e9\\n", true, null, {"a": {"b": []}}] ', '"x"']) expect(findJsonError(ok)).toBeNull();
  });

  it('rejects what JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonError(text) === null).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });

  it('points at the first wrong character and says what was expected', () => {
    const cases: [string, number, string][] = [
      ['{\n  "a": 1,\n  "b": \n}', 20, 'a value'],
      ['{"a": 1 "b": 2}', 8, "',' or '}'"],
      ['[1, 2', 5, "',' or ']'"],
      ['{a: 1}', 1, 'a property name in double quotes'],
      ['{"a" 1}', 5, "':'"],
      ['{"a": "x', 8, 'a closing quote'],
      ['[1] 2', 4, 'the end of the text after the value'],
      ['{"a": tru}', 6, 'a value'],
    ];
    for (const [text, offset, expected] of cases) expect(findJsonError(text), text).toEqual({ offset, expected });
  });

  it('walks a 10,000-deep nest without recursion', () => {
    expect(findJsonError('['.repeat(10_000) + ']'.repeat(10_000))).toBeNull();
    expect(findJsonError('['.repeat(10_000))).toEqual({ offset: 10_000, expected: 'a value before the end of the text' });
  });
});
