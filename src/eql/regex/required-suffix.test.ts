import { describe, expect, it } from 'vitest';
import { parseLuceneRegex } from './lucene-parser.ts';
import { requiredSuffix } from './required-suffix.ts';

const suffix = (pattern: string) => {
  const parsed = parseLuceneRegex(pattern);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return requiredSuffix(parsed.ast);
};

// Every string of the language ends with the suffix (Lucene RegExp javadoc for the operators);
// compileLuceneRegex's differential property test (regex.property.test.ts) checks the matcher
// that uses it against a brute-force reference.
describe('requiredSuffix', () => {
  it('reads the literal end of a concatenation', () => {
    expect(suffix('C:\\\\Users\\\\[a-z]+\\\\AppData\\\\.*\\.ps1')).toBe('.ps1');
    expect(suffix('.*"evil"')).toBe('evil');
    expect(suffix('abc')).toBe('abc');
    expect(suffix('a(bc){2}')).toBe('abcbc');
  });

  it('keeps what every branch of a union and at least one copy of a repeat end with', () => {
    expect(suffix('.*(\\.exe|\\.ps1\\.exe)')).toBe('.exe');
    expect(suffix('(ab)+')).toBe('ab');
    expect(suffix('x(ab)*')).toBe('');
    expect(suffix('.*(a|b)')).toBe('');
  });

  it('knows nothing of classes, complements, intersections, intervals and any-strings', () => {
    expect(suffix('.*[ab]')).toBe('');
    expect(suffix('~(a)')).toBe('');
    expect(suffix('a&a')).toBe('');
    expect(suffix('x<1-20>')).toBe('');
    expect(suffix('a@')).toBe('');
  });

  it('spells code points outside the BMP as UTF-16', () => {
    expect(suffix('.*😀')).toBe('😀');
  });
});
