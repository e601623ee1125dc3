import { describe, expect, it } from 'vitest';
import { lintRegex } from './regex.ts';

const kinds = (p: string) => lintRegex(p).map((x) => x.kind);

describe('lintRegex', () => {
  it.each(['[a-z]+\\.exe', 'a{2,3}b{4}', 'x<1-5>', '"lit*"', '~(a)b', 'a|b&c', '()', '[^0-9]', 'C:\\\\Windows\\\\.*', '.*@.*', '[a-]'])(
    'accepts %s',
    (p) => {
      expect(lintRegex(p)).toEqual([]);
    },
  );

  it.each([
    ['(abc', /expected `\)`/],
    ['abc)', /unexpected `\)`/],
    ['[abc', /expected `]`/],
    ['abc\\', /trailing backslash/],
    ['a{3,1}', /maximum below its minimum/],
    ['a{x}', /repeat/],
    ['[z-a]', /invalid character range/],
    ['a|', /unexpected end/],
    ['x<1-a>', /invalid interval/],
  ])('rejects %s', (p, message) => {
    const problems = lintRegex(p).filter((x) => x.kind === 'invalid');
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(message);
  });

  it('flags ^ and $ anchors as literal characters', () => {
    expect(kinds('^abc')).toEqual(['never-matches']);
    expect(kinds('abc$')).toEqual(['never-matches']);
  });

  it('flags \\d \\s \\w but not an escaped backslash before a letter', () => {
    expect(kinds('a\\d+')).toEqual(['never-matches']);
    expect(kinds('a\\\\d')).toEqual([]);
  });

  it('flags inline flags and a leading quantifier', () => {
    expect(lintRegex('(?i)abc').some((p) => /regex~/.test(p.message))).toBe(true);
    expect(lintRegex('*abc').some((p) => /did you mean `\.\*`/.test(p.message))).toBe(true);
  });
});
