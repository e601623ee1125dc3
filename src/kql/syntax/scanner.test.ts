import { describe, expect, it } from 'vitest';
import { scanKql, unescapeQuoted, unescapeUnquoted } from './scanner.ts';

const kinds = (text: string) => scanKql(text).map((t) => `${t.kind}:${t.text}`);

// Keyword and escape rules: Kibana grammar.peggy (Or/And/Not/Keyword/UnquotedCharacter rules),
// summarised in ../shared/kql-reference/README.md "Syntax".
describe('scanKql', () => {
  it('splits a field:value query', () => {
    expect(kinds('foo: bar')).toEqual(['unquoted:foo', 'colon::', 'whitespace: ', 'unquoted:bar']);
  });

  it('reads or/and as keywords only with whitespace on both sides, in any case', () => {
    expect(kinds('a OR b')).toEqual(['unquoted:a', 'whitespace: ', 'or:OR', 'whitespace: ', 'unquoted:b']);
    expect(kinds('a And b')[2]).toBe('and:And');
    expect(kinds('a or')).toEqual(['unquoted:a', 'whitespace: ', 'unquoted:or']);
    expect(kinds('or b')[0]).toBe('unquoted:or');
  });

  it('reads not as a keyword when whitespace follows, even at the end of a word', () => {
    expect(kinds('not a')[0]).toBe('not:not');
    expect(kinds('notice')).toEqual(['unquoted:notice']);
    expect(kinds('cannot be')).toEqual(['unquoted:can', 'not:not', 'whitespace: ', 'unquoted:be']);
  });

  it('counts nbsp as whitespace', () => {
    expect(kinds('a\u00a0and\u00a0b')[2]).toBe('and:and');
  });

  it('keeps escapes inside an unquoted token and flags invalid ones', () => {
    expect(kinds('a\\:b\\ c')).toEqual(['unquoted:a\\:b\\', 'whitespace: ', 'unquoted:c']);
    expect(scanKql('a\\:b\\ c')[0].error).toEqual({ start: 4, end: 5 });
    expect(scanKql('a\\xb')[0].error).toEqual({ start: 1, end: 3 });
    expect(scanKql('a\\u00e9')[0].error).toBeUndefined();
  });

  it('scans range operators, braces and quoted strings', () => {
    expect(kinds('a>=1')).toEqual(['unquoted:a', 'range:>=', 'unquoted:1']);
    expect(kinds('p:{x<"a\\"b"}')).toEqual(['unquoted:p', 'colon::', 'lbrace:{', 'unquoted:x', 'range:<', 'quoted:"a\\"b"', 'rbrace:}']);
    expect(kinds('a:"bc')).toEqual(['unquoted:a', 'colon::', 'unterminated-quoted:"bc']);
  });

  it('unescapes unquoted and quoted text as the grammar does', () => {
    expect(unescapeUnquoted('\\\\\\(\\)\\:\\<\\>\\"\\*')).toEqual(['\\():<>"*']);
    expect(unescapeUnquoted('a*b\\*c*')).toEqual(['a', { wildcard: true }, 'b*c', { wildcard: true }, '']);
    expect(unescapeUnquoted('\\u00e9\\t\\AND')).toEqual(['é\tAND']);
    expect(unescapeQuoted('"\\():<>\\"*"')).toBe('\\():<>"*');
    expect(unescapeQuoted('"\\\\u00A0"')).toBe('\\u00A0');
    expect(unescapeQuoted('"\\u00e9"')).toBe('é');
  });
});
