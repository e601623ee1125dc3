/**
 * The Lucene regular expression language as Elasticsearch runs it. Sources of the expectations:
 *  [RegExp]  Lucene `org.apache.lucene.util.automaton.RegExp` javadoc and parser (Lucene 9.x/10.x):
 *            grammar, precedence (`|` < `&` < concatenation < repeat < `~`), `\d \s \w`
 *            (expandPredefined: [0-9], [ \t\n\r], [a-zA-Z_0-9]), interval rules, error messages.
 *  [Automata] Lucene `Automata.makeDecimalInterval`: "if digits > 0, use fixed number of digits
 *            (strings must be prefixed by 0's to obtain the right length) - otherwise, the number
 *            of digits is not fixed (any number of leading 0s is accepted)".
 *  [ES-docs] Elasticsearch "Regular expression syntax" reference (regexp-syntax.asciidoc): optional
 *            operators with examples (`a~bc`, `aaa.+&.+bbb`, `foo<1-100>`, `@&~(abc.+)`, `#`).
 *  [ES-flags] Elasticsearch `RegexpFlag.ALL` is the default of the regexp query EQL builds.
 */
import { describe, expect, it } from 'vitest';
import { compileLuceneRegex, parseLuceneRegex } from './index.ts';

const m = (pattern: string, s: string, ci = false): boolean => {
  const r = compileLuceneRegex(pattern, ci);
  if (!r.ok) throw new Error(`${pattern}: ${r.kind === 'syntax' ? r.error.message : r.message}`);
  return r.matches(s);
};
const err = (pattern: string) => {
  const r = parseLuceneRegex(pattern);
  return r.ok ? null : r.error;
};

describe('Lucene RegExp: standard operators', () => {
  it.each([
    // [ES-docs] anchoring: "Lucene's patterns are always anchored".
    ['abc', 'abc', true],
    ['abc', 'xabc', false],
    ['.*abc.*', 'xabcx', true],
    ['ab*c', 'ac', true],
    ['ab+c', 'ac', false],
    ['ab?c', 'abc', true],
    ['a{2}', 'aa', true],
    ['a{2,}', 'aaaa', true],
    ['a{2,3}', 'aaaa', false],
    ['(ab)+', 'abab', true],
    ['abc|xyz', 'xyz', true],
    ['[abc]', 'b', true],
    ['[a-c]', 'd', false],
    ['[^abc]', 'd', true],
    ['[^abc]', 'a', false],
    ['a\\.b', 'a.b', true],
    ['a\\.b', 'axb', false],
    ['"a.b"c', 'a.bc', true],
    ['()a', 'a', true],
    // [RegExp] `.` is one code point, also outside the BMP.
    ['.', '😀', true],
    ['..', '😀', false],
    // [RegExp] `"…"` is a literal string: reserved characters lose their meaning inside.
    ['"*+?"', '*+?', true],
  ])('%s on %s → %s', (p, s, want) => {
    expect(m(p, s)).toBe(want);
  });
});

describe('Lucene RegExp: optional operators (RegexpFlag.ALL)', () => {
  it.each([
    // [ES-docs] "a~bc   # matches 'adc' and 'aec' but not 'abc'"
    ['a~bc', 'adc', true],
    ['a~bc', 'aec', true],
    ['a~bc', 'abc', false],
    // [RegExp] complement is over whole strings: ~b also accepts '' and 'bb'.
    ['a~bc', 'ac', true],
    ['a~bc', 'abbc', true],
    // [ES-docs] "aaa.+&.+bbb  # matches 'aaabbb'"
    ['aaa.+&.+bbb', 'aaabbb', true],
    ['aaa.+&.+bbb', 'aaabb', false],
    // [ES-docs] "@&~(abc.+)  # matches everything except terms beginning with 'abc'"
    ['@&~(abc.+)', 'abd', true],
    ['@&~(abc.+)', 'abcd', false],
    ['@&~(abc.+)', 'abc', true],
    // [ES-docs] "foo<1-100>  # matches 'foo1', 'foo2' ... 'foo99', 'foo100'"; "foo<01-100>" pads.
    ['foo<1-100>', 'foo1', true],
    ['foo<1-100>', 'foo100', true],
    ['foo<1-100>', 'foo101', false],
    ['foo<1-100>', 'foo0', false],
    ['foo<01-100>', 'foo01', true],
    ['foo<01-100>', 'foo1', true],
    // [Automata] different widths: any number of leading zeros; same width: exactly that width.
    ['<1-100>', '0007', true],
    ['<01-10>', '05', true],
    ['<01-10>', '5', false],
    ['<0-5>', '00', false],
    ['<10-1>', '5', true], // [RegExp] reversed bounds are swapped
    ['<0-2147483647>', '2147483647', true],
    ['<0-2147483647>', '2147483648', false],
    ['<000123-999999>', '000123', true],
    ['<000123-999999>', '000122', false],
    // [ES-docs] "#  # matches nothing" (the empty language); "@" any string.
    ['#', '', false],
    ['#|a', 'a', true],
    ['@', '', true],
    ['x@', 'xanything', true],
    // [RegExp] precedence: `|` binds loosest, then `&`: a|b&c is a|(b&c).
    ['a|b&c', 'a', true],
    ['a|b&c', 'b', false],
    ['(a|b)&b', 'b', true],
    // [RegExp] `~` binds tighter than repeat: ~a* is (~a)*, pieces none of which is "a".
    ['~a*', 'aa', true],
    ['~a*', 'a', false],
    ['~(a*)', 'aa', false],
    ['~(a*)', 'ab', true],
  ])('%s on %s → %s', (p, s, want) => {
    expect(m(p, s)).toBe(want);
  });
});

describe('Lucene RegExp: predefined classes (Lucene 9, Elasticsearch 8.0+)', () => {
  it.each([
    // [RegExp] expandPredefined: \d [0-9], \s [ \t\n\r], \w [a-zA-Z_0-9] and their negations.
    ['\\d+', '0123456789', true],
    ['\\d', 'd', false],
    ['\\d', '٣', false],
    ['\\D', 'x', true],
    ['\\D', '5', false],
    ['\\s', ' ', true],
    ['\\s', '\t', true],
    ['\\s', '\n', true],
    ['\\s', '\r', true],
    ['\\s', '\f', false],
    ['\\s', 's', false],
    ['\\S', 'x', true],
    ['\\S', ' ', false],
    ['\\w+', 'aZ_9', true],
    ['\\w', 'é', false],
    ['\\W', '-', true],
    ['\\W', '_', false],
    // Inside brackets, mixed with ranges and characters.
    ['[\\d_]+', '1_2', true],
    ['[\\sx]', 'x', true],
    ['[\\sx]', ' ', true],
    ['[^\\d]', '5', false],
    ['[^\\d]', 'a', true],
    ['[\\W]', 'a', false],
    // [RegExp] `\\` is a backslash; other escaped non-letters are themselves.
    ['C:\\\\Windows\\\\.*', 'C:\\Windows\\x', true],
    ['\\*', '*', true],
    ['[\\]]', ']', true],
  ])('%s on %s → %s', (p, s, want) => {
    expect(m(p, s)).toBe(want);
  });
});

describe('Lucene RegExp: case-insensitive regex~', () => {
  it.each([
    // Single characters and "…" strings fold ([RegExp] REGEXP_CHAR / REGEXP_STRING under the flag).
    ['abc', 'ABC', true],
    ['"abc"', 'AbC', true],
    ['[abc]x', 'BX', true],
    // Ranges do not fold ([RegExp] REGEXP_CHAR_RANGE is built with makeCharRange, no case variants).
    ['[a-c]', 'B', false],
    ['ab[c-d]', 'ABd', true],
    ['ab[c-d]', 'ABD', false],
    // Predefined classes are built without the flag: \w already covers both cases, \d no letters.
    ['\\w', 'A', true],
    // Negated classes exclude the folded characters too.
    ['[^a]', 'A', false],
    ['[^a]', 'b', true],
    // Unicode folding per code point (Lucene CaseFolding; see case-fold.test.ts).
    ['k', '\u212a', true],
    ['s+', 'sſS', true],
    ['ΣΙΣ', 'σις', true],
  ])('%s on %s → %s', (p, s, want) => {
    expect(m(p, s, true)).toBe(want);
  });
});

describe('Lucene RegExp: errors, with the offset Lucene names', () => {
  it.each([
    // [RegExp] messages; offsets are UTF-16 positions in the pattern.
    ['(abc', "expected ')' at position 4", 4],
    ['abc)', 'end-of-string expected at position 3', 3],
    ['[abc', "expected ']' at position 4", 4],
    ['abc\\', 'unexpected end-of-string', 4],
    ['a{x}', 'integer expected at position 2', 2],
    ['a{2', "expected '}' at position 3", 3],
    ['a{3,1}', 'invalid repetition range(out of order): 3..1', 5],
    ['[z-a]', 'invalid range: from (122) cannot be > to (97)', 1],
    // [RegExp] parseCharClass has no special case for a trailing '-': "[a-]" is the range a..']'.
    ['[a-]', 'invalid range: from (97) cannot be > to (93)', 1],
    ['x<1-a>', 'interval syntax error at position 5', 5],
    ['x<1-2', "expected '>' at position 5", 5],
    // [RegExp] a named automaton: Elasticsearch provides none.
    ['<name>', "'name' not found", 0],
    // [RegExp] matchPredefinedCharacterClass: a backslash before another letter is an error.
    ['a\\nb', 'invalid character class \\n', 1],
    ['a|', 'unexpected end-of-string', 2],
    ['"abc', `expected '"' at position 4`, 4],
  ])('%s: %s', (p, message, offset) => {
    expect(err(p)).toEqual({ message, offset });
  });

  it('accepts what Lucene reads as literals', () => {
    // A leading quantifier, `^`, `$`, `(?` and `{` after nothing are ordinary characters.
    for (const p of ['*abc', '^abc$', '(?i)abc', '(|a)', '', '.*@.*', '~(a)b', 'a|b&c']) expect(err(p)).toBeNull();
    expect(m('*abc', '*abc')).toBe(true);
    expect(m('^a$', '^a$')).toBe(true);
    expect(m('(|a)', '|a')).toBe(true);
    expect(m('', '')).toBe(true);
  });
});

describe('Lucene RegExp: linear matching and a determinization budget', () => {
  it('matches hostile patterns on long inputs in linear time', () => {
    const long = 'a'.repeat(200_000);
    const t0 = performance.now();
    expect(m('(a|aa)*b', long)).toBe(false);
    expect(m('(a*)*b', long)).toBe(false);
    expect(m('(a|aa)*', long)).toBe(true);
    expect(m('(.*a){20}', long)).toBe(true);
    expect(m('~(~(~(a*)))', long)).toBe(false);
    expect(m('~(.*b.*)&(a|aa)+', long)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('compiles nested complements, intersections and big intervals', () => {
    expect(m('~(~(~(~(abc))))', 'abc')).toBe(true);
    expect(m('(~(.*a.*)|~(.*b.*))&.{3}', 'aab')).toBe(false);
    expect(m('(~(.*a.*)|~(.*b.*))&.{3}', 'aac')).toBe(true);
    expect(m('ip-<0-255>\\.<0-255>', 'ip-255.0')).toBe(true);
    expect(m('ip-<0-255>\\.<0-255>', 'ip-256.0')).toBe(false);
  });

  it('turns a pattern past the budget into "too complex" instead of hanging', () => {
    // The classic exponential DFA: the n-th character from the end is an 'a'.
    const t0 = performance.now();
    const r = compileLuceneRegex('.*a.{20}', false);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.kind).toBe('too-complex');
    expect(compileLuceneRegex('(a{1000}){1000}', false).ok).toBe(false);
    expect(performance.now() - t0).toBeLessThan(5000);
    // Small enough ones still compile.
    expect(m('.*a.{5}', 'xxa12345')).toBe(true);
    expect(m('.*a.{5}', 'xxab12345')).toBe(false);
  });
});

describe('Lucene RegExp: character classes as Lucene 10 (Elasticsearch 9) parses them', () => {
  it.each([
    // [RegExp 10] parseCharClasses: an escaped non-letter is one character and never starts a range.
    ['[\\.-z]', '-', true],
    ['[\\.-z]', 'm', false],
    ['[\\.-z]', '.', true],
    // A range's end may be escaped.
    ['[!-\\.]', '-', true],
    // `\\` inside brackets is a backslash.
    ['[\\\\a]', '\\', true],
  ])('%s on %s → %s', (p, s, want) => {
    expect(m(p, s)).toBe(want);
  });

  it('folds unescaped single characters only under regex~', () => {
    expect(m('[a\\.]', 'A', true)).toBe(true);
    expect(m('[^a]', 'A', true)).toBe(false);
  });
});

describe('Lucene RegExp: compile cost stays bounded', () => {
  it('compiles long chains of optional items in about linear work per state', () => {
    const t0 = performance.now();
    expect(m('[a-z]?'.repeat(300), 'abc')).toBe(true);
    expect(m('(a?){300}b', 'aaab')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('reports patterns that nest deeper than the stack as too complex instead of throwing', () => {
    for (const p of ['('.repeat(20000) + 'a' + ')'.repeat(20000), 'a?'.repeat(50000), '~'.repeat(50000) + 'a']) {
      const r = compileLuceneRegex(p, false);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.kind).toBe('too-complex');
    }
  });
});
