import { describe, expect, it } from 'vitest';
import { scan, ScanError, TokenKind, type Token } from './scanner.ts';

function kinds(text: string): TokenKind[] {
  return scan(text)
    .map((t) => t.kind)
    .slice(0, -1);
}

function only(text: string): Token {
  const tokens = scan(text);
  expect(tokens).toHaveLength(2);
  return tokens[0];
}

describe('scanner', () => {
  it('tells keywords from identifiers, case-sensitively', () => {
    expect(kinds('where WHERE sequence')).toEqual([TokenKind.Where, TokenKind.Identifier, TokenKind.Sequence]);
  });
  it('reads the ~ forms of in, like, regex and of function names', () => {
    expect(kinds('in~ like~ regex~ startsWith~')).toEqual([
      TokenKind.InInsensitive,
      TokenKind.LikeInsensitive,
      TokenKind.RegexInsensitive,
      TokenKind.TildeIdentifier,
    ]);
    expect(only('startsWith~')).toMatchObject({ value: 'startsWith', start: 0, end: 11 });
  });
  it('reads every punctuation token', () => {
    expect(kinds(': = == != < <= > >= + - * / % . , [ ] ( ) | ? ![ !')).toEqual([
      TokenKind.Colon,
      TokenKind.Assign,
      TokenKind.Eq,
      TokenKind.Neq,
      TokenKind.Lt,
      TokenKind.Le,
      TokenKind.Gt,
      TokenKind.Ge,
      TokenKind.Plus,
      TokenKind.Minus,
      TokenKind.Star,
      TokenKind.Slash,
      TokenKind.Percent,
      TokenKind.Dot,
      TokenKind.Comma,
      TokenKind.LBracket,
      TokenKind.RBracket,
      TokenKind.LParen,
      TokenKind.RParen,
      TokenKind.Pipe,
      TokenKind.Question,
      TokenKind.BangBracket,
      TokenKind.Bang,
    ]);
  });
  it('reads integers and decimals', () => {
    expect(kinds('1 1. 1.5 .5 1e5 1E-3 5m 5e')).toEqual([
      TokenKind.Integer,
      TokenKind.Decimal,
      TokenKind.Decimal,
      TokenKind.Decimal,
      TokenKind.Decimal,
      TokenKind.Decimal,
      TokenKind.Integer,
      TokenKind.Identifier,
      TokenKind.Integer,
      TokenKind.Identifier,
    ]);
  });
  it('returns comments as tokens, block comments nested', () => {
    expect(scan('/* a /* b */ c */ x // y\nz').map((t) => [t.kind, t.start, t.end])).toEqual([
      [TokenKind.BlockComment, 0, 17],
      [TokenKind.Identifier, 18, 19],
      [TokenKind.LineComment, 20, 24],
      [TokenKind.Identifier, 25, 26],
      [TokenKind.EOF, 26, 26],
    ]);
  });
  it('unescapes strings and flags bad escapes with their exact range', () => {
    expect(only('"a\\n\\u{41}"')).toMatchObject({ kind: TokenKind.String, value: 'a\nA', error: ScanError.None });
    expect(only('"a\\qb"')).toMatchObject({ error: ScanError.InvalidEscape, errorStart: 2, errorEnd: 4 });
  });
  it('reads raw strings, with up to two extra closing quotes in the value', () => {
    expect(only('"""a\\b"""')).toMatchObject({ value: 'a\\b', error: ScanError.None });
    expect(only('"""a"""""')).toMatchObject({ value: 'a""', end: 9 });
  });
  it('reads rejected string forms with their values', () => {
    expect(only("'a\\'b'")).toMatchObject({ kind: TokenKind.String, value: "a'b", error: ScanError.SingleQuotedString });
    expect(only('?"a\\"b"')).toMatchObject({ kind: TokenKind.String, value: 'a"b', error: ScanError.QuestionString });
  });
  it('ends an unterminated string at the end of the line', () => {
    const tokens = scan('"abc\nx');
    expect(tokens[0]).toMatchObject({ kind: TokenKind.String, end: 4, error: ScanError.UnterminatedString });
    expect(tokens[1]).toMatchObject({ kind: TokenKind.Identifier, value: 'x' });
  });
  it('reads backquoted names with doubled backquotes', () => {
    expect(only('`a``b`')).toMatchObject({ kind: TokenKind.QuotedIdentifier, value: 'a`b' });
    expect(only('`ab')).toMatchObject({ error: ScanError.UnterminatedQuotedIdentifier });
  });
  it('gathers a run of stray characters into one token', () => {
    expect(scan('a #$^ b').map((t) => t.kind)).toEqual([TokenKind.Identifier, TokenKind.Unknown, TokenKind.Identifier, TokenKind.EOF]);
  });
});
