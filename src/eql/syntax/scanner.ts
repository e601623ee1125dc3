/**
 * EQL scanner: turns text into tokens, working on UTF-16 char codes.
 *
 * Bad input is normal input here: the scanner never throws. A malformed token (unterminated
 * string, bad escape, single-quoted string, stray character) is still a token; its `error`
 * field says what is wrong and `errorStart`/`errorEnd` say exactly where, so the parser can
 * report it and the editor can colour it.
 */

export const TokenKind = {
  EOF: 0,
  Identifier: 1,
  /** `name~`: an identifier immediately followed by `~` (function names only). */
  TildeIdentifier: 2,
  /** `` `a b` `` */
  QuotedIdentifier: 3,
  /** `"…"`, `"""…"""`, and the rejected `'…'`, `?"…"`, `?'…'` forms (see `error`). */
  String: 4,
  Integer: 5,
  Decimal: 6,
  LineComment: 7,
  BlockComment: 8,
  /** A run of characters that start no token. */
  Unknown: 9,

  // Keywords (lowercase, case-sensitive).
  And: 20,
  Any: 21,
  By: 22,
  False: 23,
  In: 24,
  InInsensitive: 25,
  Join: 26,
  Like: 27,
  LikeInsensitive: 28,
  Maxspan: 29,
  Not: 30,
  Null: 31,
  Of: 32,
  Or: 33,
  Regex: 34,
  RegexInsensitive: 35,
  Sample: 36,
  Sequence: 37,
  True: 38,
  Until: 39,
  Where: 40,
  With: 41,

  // Punctuation.
  Colon: 60,
  /** `=`: only valid in `maxspan=` and `runs=`. */
  Assign: 61,
  Eq: 62,
  Neq: 63,
  Lt: 64,
  Le: 65,
  Gt: 66,
  Ge: 67,
  Plus: 68,
  Minus: 69,
  Star: 70,
  Slash: 71,
  Percent: 72,
  Dot: 73,
  Comma: 74,
  LBracket: 75,
  RBracket: 76,
  LParen: 77,
  RParen: 78,
  Pipe: 79,
  Question: 80,
  /** `![`: opens a missing-event stage. */
  BangBracket: 81,
  /** A lone `!` (not part of `!=` or `![`): not EQL, reported by the parser. */
  Bang: 82,
} as const;

export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export const ScanError = {
  None: 0,
  UnterminatedString: 1,
  UnterminatedRawString: 2,
  UnterminatedQuotedIdentifier: 3,
  UnterminatedComment: 4,
  InvalidEscape: 5,
  InvalidUnicodeEscape: 6,
  /** `'…'`: tokenized (value computed) but not allowed. */
  SingleQuotedString: 7,
  /** `?"…"` / `?'…'`: tokenized but not allowed. */
  QuestionString: 8,
  UnexpectedCharacter: 9,
  /** A name with non-ASCII letters (`näme`): read as one identifier, but it needs backquotes. */
  NonAsciiIdentifier: 10,
} as const;

export type ScanError = (typeof ScanError)[keyof typeof ScanError];

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /**
   * Identifiers: the name. Quoted identifiers: the name without backquotes. Strings: the
   * unescaped value. Everything else: ''.
   */
  value: string;
  error: ScanError;
  /** Where the error is, when narrower than the token (for example one bad escape). */
  errorStart: number;
  errorEnd: number;
}

const KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['and', TokenKind.And],
  ['any', TokenKind.Any],
  ['by', TokenKind.By],
  ['false', TokenKind.False],
  ['in', TokenKind.In],
  ['join', TokenKind.Join],
  ['like', TokenKind.Like],
  ['maxspan', TokenKind.Maxspan],
  ['not', TokenKind.Not],
  ['null', TokenKind.Null],
  ['of', TokenKind.Of],
  ['or', TokenKind.Or],
  ['regex', TokenKind.Regex],
  ['sample', TokenKind.Sample],
  ['sequence', TokenKind.Sequence],
  ['true', TokenKind.True],
  ['until', TokenKind.Until],
  ['where', TokenKind.Where],
  ['with', TokenKind.With],
]);

/** Every reserved word, for completion, highlighting and deciding when a field name needs backquotes. */
export const KEYWORD_NAMES: readonly string[] = [...KEYWORDS.keys()];

/** The keywords that have a case-insensitive form written `word~` (`in~`, `like~`, `regex~`). */
const INSENSITIVE_KEYWORDS: ReadonlyMap<string, TokenKind> = new Map<string, TokenKind>([
  ['in', TokenKind.InInsensitive],
  ['like', TokenKind.LikeInsensitive],
  ['regex', TokenKind.RegexInsensitive],
]);

export const CASE_INSENSITIVE_KEYWORD_NAMES: readonly string[] = [...INSENSITIVE_KEYWORDS.keys()];

/** How each punctuation token is spelled. */
const PUNCTUATION: ReadonlyMap<TokenKind, string> = new Map<TokenKind, string>([
  [TokenKind.Colon, ':'],
  [TokenKind.Assign, '='],
  [TokenKind.Eq, '=='],
  [TokenKind.Neq, '!='],
  [TokenKind.Lt, '<'],
  [TokenKind.Le, '<='],
  [TokenKind.Gt, '>'],
  [TokenKind.Ge, '>='],
  [TokenKind.Plus, '+'],
  [TokenKind.Minus, '-'],
  [TokenKind.Star, '*'],
  [TokenKind.Slash, '/'],
  [TokenKind.Percent, '%'],
  [TokenKind.Dot, '.'],
  [TokenKind.Comma, ','],
  [TokenKind.LBracket, '['],
  [TokenKind.RBracket, ']'],
  [TokenKind.LParen, '('],
  [TokenKind.RParen, ')'],
  [TokenKind.Pipe, '|'],
  [TokenKind.Question, '?'],
  [TokenKind.BangBracket, '!['],
  [TokenKind.Bang, '!'],
]);

const OPERATOR_KINDS: readonly TokenKind[] = [
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
];

/** The spellings of the comparison, match and arithmetic operators (`==`, `:`, `+`…), for highlighters. */
export const OPERATOR_SPELLINGS: readonly string[] = OPERATOR_KINDS.map((k) => PUNCTUATION.get(k)!);

/** The spelling of a punctuation token kind (`'=='` for Eq), or undefined for other kinds. */
export function punctuationText(kind: TokenKind): string | undefined {
  return PUNCTUATION.get(kind);
}

export function keywordKind(name: string): TokenKind | undefined {
  return KEYWORDS.get(name);
}

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

export function isKeywordKind(kind: TokenKind): boolean {
  return kind >= 20 && kind < 60;
}

export function isPunctuationKind(kind: TokenKind): boolean {
  return kind >= 60;
}

// Char codes used by the hot loops.
const Char = {
  tab: 9,
  lf: 10,
  cr: 13,
  space: 32,
  bang: 33,
  dquote: 34,
  percent: 37,
  squote: 39,
  lparen: 40,
  rparen: 41,
  star: 42,
  plus: 43,
  comma: 44,
  minus: 45,
  dot: 46,
  slash: 47,
  _0: 48,
  _9: 57,
  colon: 58,
  lt: 60,
  eq: 61,
  gt: 62,
  question: 63,
  at: 64,
  A: 65,
  E: 69,
  F: 70,
  Z: 90,
  lbracket: 91,
  backslash: 92,
  rbracket: 93,
  underscore: 95,
  backquote: 96,
  a: 97,
  b: 98,
  e: 101,
  f: 102,
  n: 110,
  r: 114,
  t: 116,
  u: 117,
  z: 122,
  lbrace: 123,
  pipe: 124,
  rbrace: 125,
  tilde: 126,
} as const;
const C = Char;

export function isIdentifierStart(ch: number): boolean {
  return (ch >= C.a && ch <= C.z) || (ch >= C.A && ch <= C.Z) || ch === C.underscore || ch === C.at;
}

export function isIdentifierPart(ch: number): boolean {
  return (ch >= C.a && ch <= C.z) || (ch >= C.A && ch <= C.Z) || ch === C.underscore || (ch >= C._0 && ch <= C._9);
}

const NON_ASCII_LETTER = /\p{L}/u;

/** Only called for char codes above 127, so the regex stays off the hot path. */
function isNonAsciiLetter(ch: number): boolean {
  return ch < 0xd800 || ch > 0xdfff ? NON_ASCII_LETTER.test(String.fromCharCode(ch)) : false;
}

function isDigit(ch: number): boolean {
  return ch >= C._0 && ch <= C._9;
}

function isHexDigit(ch: number): boolean {
  return (ch >= C._0 && ch <= C._9) || (ch >= C.a && ch <= C.f) || (ch >= C.A && ch <= C.F);
}

function isWhitespace(ch: number): boolean {
  return ch === C.space || ch === C.lf || ch === C.cr || ch === C.tab;
}

/** True when `name` can be written without backquotes (identifier syntax, not reserved). */
export function isPlainIdentifier(name: string): boolean {
  if (name.length === 0 || !isIdentifierStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) {
    if (!isIdentifierPart(name.charCodeAt(i))) return false;
  }
  return !KEYWORDS.has(name);
}

/** A character that starts some token; anything else is gathered into an Unknown run. */
function startsToken(ch: number): boolean {
  if (isIdentifierStart(ch) || isDigit(ch) || isWhitespace(ch)) return true;
  switch (ch) {
    case C.bang:
    case C.dquote:
    case C.percent:
    case C.squote:
    case C.lparen:
    case C.rparen:
    case C.star:
    case C.plus:
    case C.comma:
    case C.minus:
    case C.dot:
    case C.slash:
    case C.colon:
    case C.lt:
    case C.eq:
    case C.gt:
    case C.question:
    case C.lbracket:
    case C.rbracket:
    case C.backquote:
    case C.pipe:
      return true;
    default:
      return false;
  }
}

export interface Scanner {
  /** Scans the next token, skipping whitespace (comments are returned as tokens). */
  next(): Token;
  readonly text: string;
}

export function createScanner(text: string, startOffset = 0): Scanner {
  const len = text.length;
  let pos = startOffset;

  function make(kind: TokenKind, start: number, value = ''): Token {
    return { kind, start, end: pos, value, error: ScanError.None, errorStart: start, errorEnd: start };
  }

  function fail(tok: Token, error: ScanError, errorStart = tok.start, errorEnd = tok.end): Token {
    if (tok.error === ScanError.None) {
      tok.error = error;
      tok.errorStart = errorStart;
      tok.errorEnd = errorEnd;
    }
    return tok;
  }

  function scanIdentifier(start: number): Token {
    // Non-ASCII letters are not allowed in names, but reading them as part of the name (and
    // flagging it) gives one precise error instead of a cascade.
    let badStart = -1;
    let badEnd = -1;
    while (pos < len) {
      const ch = text.charCodeAt(pos);
      if (isIdentifierPart(ch) || (ch === C.at && pos === start)) pos++;
      else if (ch > 127 && isNonAsciiLetter(ch)) {
        if (badStart < 0) badStart = pos;
        if (badEnd < 0 || badEnd === pos) badEnd = pos + 1;
        pos++;
      } else break;
    }
    const name = text.slice(start, pos);
    if (badStart >= 0) return fail(make(TokenKind.Identifier, start, name), ScanError.NonAsciiIdentifier, badStart, badEnd);
    if (pos < len && text.charCodeAt(pos) === C.tilde) {
      pos++;
      const insensitive = INSENSITIVE_KEYWORDS.get(name);
      if (insensitive !== undefined) return make(insensitive, start);
      return make(TokenKind.TildeIdentifier, start, name);
    }
    const kw = KEYWORDS.get(name);
    return kw === undefined ? make(TokenKind.Identifier, start, name) : make(kw, start);
  }

  /** Digits already seen up to `pos`, or `.digit` at `pos`; reads the rest of a number. */
  function scanNumber(start: number): Token {
    let decimal = false;
    while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    if (pos < len && text.charCodeAt(pos) === C.dot) {
      // `1.` is a decimal, but `1..` is not special either; grammar: DIGIT+ '.' DIGIT*.
      decimal = true;
      pos++;
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    }
    const ch = pos < len ? text.charCodeAt(pos) : 0;
    if (ch === C.e || ch === C.E) {
      // An exponent only when digits follow; otherwise `5e` is `5` then the identifier `e`.
      let p = pos + 1;
      const sign = p < len ? text.charCodeAt(p) : 0;
      if (sign === C.plus || sign === C.minus) p++;
      if (p < len && isDigit(text.charCodeAt(p))) {
        pos = p;
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
        decimal = true;
      }
    }
    return make(decimal ? TokenKind.Decimal : TokenKind.Integer, start);
  }

  /** `"…"` or `'…'` with escapes; ends at the closing quote or (unterminated) at end of line. */
  function scanEscapedString(start: number, quote: number): Token {
    pos++; // opening quote
    let value = '';
    let chunkStart = pos;
    let badStart = -1;
    let badEnd = -1;
    let badKind: ScanError = ScanError.None;
    let terminated = false;
    while (pos < len) {
      const ch = text.charCodeAt(pos);
      if (ch === quote) {
        value += text.slice(chunkStart, pos);
        pos++;
        terminated = true;
        break;
      }
      if (ch === C.lf || ch === C.cr) break;
      if (ch !== C.backslash) {
        pos++;
        continue;
      }
      value += text.slice(chunkStart, pos);
      const escStart = pos;
      const next = pos + 1 < len ? text.charCodeAt(pos + 1) : -1;
      pos += 2;
      switch (next) {
        case C.n:
          value += '\n';
          break;
        case C.r:
          value += '\r';
          break;
        case C.t:
          value += '\t';
          break;
        case C.b:
          value += '\b';
          break;
        case C.f:
          value += '\f';
          break;
        case C.backslash:
          value += '\\';
          break;
        case C.dquote:
          value += '"';
          break;
        case C.squote:
          value += "'";
          break;
        case C.u: {
          const cp = readUnicodeEscape();
          if (cp < 0) {
            if (badKind === ScanError.None) {
              badKind = ScanError.InvalidUnicodeEscape;
              badStart = escStart;
              badEnd = pos;
            }
          } else {
            value += String.fromCodePoint(cp);
          }
          break;
        }
        default:
          if (next === -1 || next === C.lf || next === C.cr) {
            pos = escStart + 1; // leave the line break alone
          } else if (badKind === ScanError.None) {
            badKind = ScanError.InvalidEscape;
            badStart = escStart;
            badEnd = pos;
          }
          if (next !== -1 && next !== C.lf && next !== C.cr) value += text.slice(escStart, pos);
      }
      chunkStart = pos;
    }
    if (!terminated) value += text.slice(chunkStart, pos);
    const tok = make(TokenKind.String, start, value);
    if (!terminated) fail(tok, ScanError.UnterminatedString);
    if (badKind !== ScanError.None) fail(tok, badKind, badStart, badEnd);
    return tok;
  }

  /**
   * After `\u` (pos just past `u`): reads `{XX…}` with 2–8 hex digits. Returns the code point,
   * or -1 (having consumed what looked like the escape) when malformed.
   */
  function readUnicodeEscape(): number {
    if (pos >= len || text.charCodeAt(pos) !== C.lbrace) return -1;
    let p = pos + 1;
    const digitsStart = p;
    while (p < len && isHexDigit(text.charCodeAt(p))) p++;
    const digits = p - digitsStart;
    if (p >= len || text.charCodeAt(p) !== C.rbrace) {
      pos = p;
      return -1;
    }
    pos = p + 1;
    if (digits < 2 || digits > 8) return -1;
    const cp = parseInt(text.slice(digitsStart, p), 16);
    return cp <= 0x10ffff ? cp : -1;
  }

  /** `"""…"""` on one line; up to two extra `"` after the closing triple belong to the value. */
  function scanRawString(start: number): Token {
    pos += 3;
    const contentStart = pos;
    while (pos < len) {
      const ch = text.charCodeAt(pos);
      if (ch === C.lf || ch === C.cr) break;
      if (ch === C.dquote && text.charCodeAt(pos + 1) === C.dquote && text.charCodeAt(pos + 2) === C.dquote) {
        pos += 3;
        if (text.charCodeAt(pos) === C.dquote) pos++;
        if (text.charCodeAt(pos) === C.dquote) pos++;
        return make(TokenKind.String, start, text.slice(contentStart, pos - 3));
      }
      pos++;
    }
    return fail(make(TokenKind.String, start, text.slice(contentStart, pos)), ScanError.UnterminatedRawString);
  }

  /** `?"…"` / `?'…'`: only the quote itself can be escaped. Rejected, but read for recovery. */
  function scanQuestionString(start: number, quote: number): Token {
    pos += 2;
    let terminated = false;
    let value = '';
    let chunkStart = pos;
    while (pos < len) {
      const ch = text.charCodeAt(pos);
      if (ch === C.lf || ch === C.cr) break;
      if (ch === C.backslash && text.charCodeAt(pos + 1) === quote) {
        value += text.slice(chunkStart, pos);
        pos += 2;
        chunkStart = pos - 1;
        continue;
      }
      if (ch === quote) {
        terminated = true;
        break;
      }
      pos++;
    }
    value += text.slice(chunkStart, pos);
    if (terminated) pos++;
    const tok = make(TokenKind.String, start, value);
    return fail(tok, terminated ? ScanError.QuestionString : ScanError.UnterminatedString);
  }

  function scanQuotedIdentifier(start: number): Token {
    pos++;
    let value = '';
    let chunkStart = pos;
    while (pos < len) {
      const ch = text.charCodeAt(pos);
      if (ch === C.backquote) {
        if (text.charCodeAt(pos + 1) === C.backquote) {
          value += text.slice(chunkStart, pos + 1);
          pos += 2;
          chunkStart = pos;
          continue;
        }
        value += text.slice(chunkStart, pos);
        pos++;
        return make(TokenKind.QuotedIdentifier, start, value);
      }
      if (ch === C.lf || ch === C.cr) break;
      pos++;
    }
    value += text.slice(chunkStart, pos);
    return fail(make(TokenKind.QuotedIdentifier, start, value), ScanError.UnterminatedQuotedIdentifier);
  }

  /** `/* … *\/`, nesting. */
  function scanBlockComment(start: number): Token {
    pos += 2;
    let depth = 1;
    while (pos < len) {
      const ch = text.charCodeAt(pos);
      if (ch === C.star && text.charCodeAt(pos + 1) === C.slash) {
        pos += 2;
        if (--depth === 0) return make(TokenKind.BlockComment, start);
      } else if (ch === C.slash && text.charCodeAt(pos + 1) === C.star) {
        pos += 2;
        depth++;
      } else {
        pos++;
      }
    }
    return fail(make(TokenKind.BlockComment, start), ScanError.UnterminatedComment);
  }

  function next(): Token {
    while (pos < len && isWhitespace(text.charCodeAt(pos))) pos++;
    const start = pos;
    if (pos >= len) return make(TokenKind.EOF, start);
    const ch = text.charCodeAt(pos);
    if (isIdentifierStart(ch) || (ch > 127 && isNonAsciiLetter(ch))) return scanIdentifier(start);
    if (isDigit(ch)) return scanNumber(start);
    const next1 = pos + 1 < len ? text.charCodeAt(pos + 1) : -1;
    switch (ch) {
      case C.dquote:
        if (next1 === C.dquote && text.charCodeAt(pos + 2) === C.dquote) return scanRawString(start);
        return scanEscapedString(start, C.dquote);
      case C.squote:
        return fail(scanEscapedString(start, C.squote), ScanError.SingleQuotedString);
      case C.backquote:
        return scanQuotedIdentifier(start);
      case C.question:
        if (next1 === C.dquote || next1 === C.squote) return scanQuestionString(start, next1);
        pos++;
        return make(TokenKind.Question, start);
      case C.dot:
        if (isDigit(next1)) return scanNumber(start);
        pos++;
        return make(TokenKind.Dot, start);
      case C.slash:
        if (next1 === C.slash) {
          pos += 2;
          while (pos < len) {
            const c = text.charCodeAt(pos);
            if (c === C.lf || c === C.cr) break;
            pos++;
          }
          return make(TokenKind.LineComment, start);
        }
        if (next1 === C.star) return scanBlockComment(start);
        pos++;
        return make(TokenKind.Slash, start);
      case C.eq:
        if (next1 === C.eq) {
          pos += 2;
          return make(TokenKind.Eq, start);
        }
        pos++;
        return make(TokenKind.Assign, start);
      case C.bang:
        if (next1 === C.eq) {
          pos += 2;
          return make(TokenKind.Neq, start);
        }
        if (next1 === C.lbracket) {
          pos += 2;
          return make(TokenKind.BangBracket, start);
        }
        pos++;
        return make(TokenKind.Bang, start);
      case C.lt:
        if (next1 === C.eq) {
          pos += 2;
          return make(TokenKind.Le, start);
        }
        pos++;
        return make(TokenKind.Lt, start);
      case C.gt:
        if (next1 === C.eq) {
          pos += 2;
          return make(TokenKind.Ge, start);
        }
        pos++;
        return make(TokenKind.Gt, start);
      case C.colon:
        pos++;
        return make(TokenKind.Colon, start);
      case C.plus:
        pos++;
        return make(TokenKind.Plus, start);
      case C.minus:
        pos++;
        return make(TokenKind.Minus, start);
      case C.star:
        pos++;
        return make(TokenKind.Star, start);
      case C.percent:
        pos++;
        return make(TokenKind.Percent, start);
      case C.comma:
        pos++;
        return make(TokenKind.Comma, start);
      case C.lbracket:
        pos++;
        return make(TokenKind.LBracket, start);
      case C.rbracket:
        pos++;
        return make(TokenKind.RBracket, start);
      case C.lparen:
        pos++;
        return make(TokenKind.LParen, start);
      case C.rparen:
        pos++;
        return make(TokenKind.RParen, start);
      case C.pipe:
        pos++;
        return make(TokenKind.Pipe, start);
    }
    // A run of characters that start nothing becomes one token, so garbage yields one error.
    pos++;
    while (pos < len && !startsToken(text.charCodeAt(pos))) pos++;
    return fail(make(TokenKind.Unknown, start), ScanError.UnexpectedCharacter);
  }

  return { next, text };
}

/** All tokens of `text` including comments, ending with one EOF token. Never throws. */
export function scan(text: string): Token[] {
  const scanner = createScanner(text);
  const tokens: Token[] = [];
  for (;;) {
    const tok = scanner.next();
    tokens.push(tok);
    if (tok.kind === TokenKind.EOF) return tokens;
  }
}

const KIND_NAMES: ReadonlyMap<TokenKind, string> = new Map<TokenKind, string>([
  [TokenKind.EOF, 'end of query'],
  [TokenKind.Identifier, 'identifier'],
  [TokenKind.TildeIdentifier, 'function name'],
  [TokenKind.QuotedIdentifier, 'quoted identifier'],
  [TokenKind.String, 'string'],
  [TokenKind.Integer, 'integer'],
  [TokenKind.Decimal, 'number'],
  [TokenKind.LineComment, 'comment'],
  [TokenKind.BlockComment, 'comment'],
  [TokenKind.Unknown, 'unknown character'],
  ...[...INSENSITIVE_KEYWORDS].map(([name, kind]): [TokenKind, string] => [kind, name + '~']),
  ...PUNCTUATION,
  ...[...KEYWORDS].map(([name, kind]): [TokenKind, string] => [kind, name]),
]);

/** A short human name for a token kind, as used in messages (`'=='`, `'where'`, `'string'`). */
export function tokenKindName(kind: TokenKind): string {
  return KIND_NAMES.get(kind) ?? 'token';
}
