import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegex } from '../run/regex.ts';
import { lintRegex, valueOffsetToSource } from './regex.ts';

const kinds = (p: string) => lintRegex(p).map((x) => x.kind);

describe('lintRegex', () => {
  it.each(['[a-z]+\\.exe', 'a{2,3}b{4}', 'x<1-5>', '"lit*"', '~(a)b', 'a|b&c', '()', '[^0-9]', 'C:\\\\Windows\\\\.*', '.*@.*', '\\d+\\s[\\w-]', '[a\\-]'])(
    'accepts %s',
    (p) => {
      expect(lintRegex(p)).toEqual([]);
    },
  );

  it.each([
    // Lucene RegExp's own messages (its parser in Lucene 9/10).
    ['(abc', /expected '\)' at position 4/],
    ['abc)', /end-of-string expected at position 3/],
    ['[abc', /expected ']' at position 4/],
    ['abc\\', /unexpected end-of-string/],
    ['a{3,1}', /invalid repetition range\(out of order\): 3..1/],
    ['a{x}', /integer expected/],
    ['[z-a]', /invalid range/],
    ['[a-]', /invalid range/], // Lucene's parseCharClass has no special case for a trailing '-'
    ['a|', /unexpected end/],
    ['x<1-a>', /interval syntax error/],
    ['a\\tb', /invalid character class \\t.*no escapes such as/],
    ['.*a.{20}', /too complex/],
  ])('rejects %s', (p, message) => {
    const problems = lintRegex(p).filter((x) => x.kind === 'invalid');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(message);
  });

  it('flags ^ and $ anchors as literal characters', () => {
    expect(kinds('^abc')).toEqual(['never-matches']);
    expect(kinds('abc$')).toEqual(['never-matches']);
  });

  it('accepts \\d \\s \\w (Lucene 9 predefined classes) and gives the offset of a syntax error', () => {
    expect(kinds('a\\d+')).toEqual([]);
    expect(kinds('a\\\\d')).toEqual([]);
    expect(lintRegex('ab(c')[0].offset).toBe(4);
    expect(lintRegex('a[z-a]')[0].offset).toBe(2);
  });

  it('maps a value offset to the source text of the literal', () => {
    expect(valueOffsetToSource('"""ab(c"""', 4)).toBe(7);
    expect(valueOffsetToSource('"a\\\\b("', 3)).toBe(5);
    expect(valueOffsetToSource('"\\u{1F600}x"', 2)).toBe(10);
  });

  it('flags inline flags and a leading quantifier', () => {
    expect(lintRegex('(?i)abc').some((p) => /regex~/.test(p.message))).toBe(true);
    expect(lintRegex('*abc').some((p) => /did you mean `\.\*`/.test(p.message))).toBe(true);
  });

  it('agrees with the evaluator on which patterns Elasticsearch rejects (one parser, issue 16)', () => {
    const chars = fc.constantFrom(
      'a',
      'b',
      '.',
      '*',
      '+',
      '?',
      '|',
      '&',
      '~',
      '(',
      ')',
      '[',
      ']',
      '^',
      '-',
      '{',
      '}',
      ',',
      '1',
      '<',
      '>',
      '"',
      '\\',
      'd',
      'n',
      '@',
      '#',
    );
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 12 }).map((a) => a.join('')),
        (p) => {
          const checkerRejects = lintRegex(p).some((x) => x.kind === 'invalid');
          expect(checkerRejects, p).toBe(compileRegex(p, false).error !== undefined);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
