/**
 * KQL scanner: turns text into tokens, working on UTF-16 char codes, following Kibana's grammar
 * (grammar.peggy, summarised in ../shared/kql-reference/README.md "Syntax").
 *
 * Bad input is normal input: the scanner never throws and every character lands in a token. An
 * unquoted run with a bad escape (`\x`, `\u12`, a lone `\`) is still an `unquoted` token whose
 * `error` says where the escape is; a `"` that is never closed gives an `unterminated-quoted`
 * token that runs to the end of the text.
 *
 * Keywords follow the grammar's whitespace rules, not word boundaries:
 * - `or` / `and` (any case) only with whitespace on both sides (`foo or` ends with a word);
 * - `not` (any case) only when whitespace follows, wherever it starts: `not foo`, but also the end
 *   of `cannot be`, which Kibana reads as `can` + `not` (and then rejects). `notice` is a word.
 * Whether an `or`/`and` token really is an operator also depends on where the parser stands
 * (Kibana reads `foo and or bar` as `foo` and the value `or bar`); the parser decides that.
 */
import type { TextRange } from '../../diagnostic.ts';

export type KqlTokenKind =
  | 'whitespace'
  | 'lparen'
  | 'rparen'
  | 'lbrace'
  | 'rbrace'
  | 'colon'
  /** `<`, `<=`, `>`, `>=` */
  | 'range'
  | 'and'
  | 'or'
  | 'not'
  | 'quoted'
  | 'unquoted'
  | 'unterminated-quoted';

export interface KqlToken {
  kind: KqlTokenKind;
  start: number;
  end: number;
  text: string;
  /** On an `unquoted` token: the first invalid escape (`\x`, `\u12`, a trailing `\`). */
  error?: TextRange;
}

/** The keywords, lower-case; they match in any case (`OR`, `And`, `nOt`). */
export const KQL_KEYWORDS = ['and', 'or', 'not'] as const;

/** The characters that end an unquoted literal unless escaped with `\`. */
export const KQL_SPECIAL_CHARACTERS = '\\():<>"*{}';

const CH = {
  tab: 0x09,
  lf: 0x0a,
  cr: 0x0d,
  space: 0x20,
  quote: 0x22,
  lparen: 0x28,
  rparen: 0x29,
  star: 0x2a,
  colon: 0x3a,
  lt: 0x3c,
  eq: 0x3d,
  gt: 0x3e,
  backslash: 0x5c,
  lbrace: 0x7b,
  rbrace: 0x7d,
  nbsp: 0xa0,
} as const;

/** KQL whitespace: space, tab, CR, LF and the no-break space U+00A0. */
export function isKqlSpace(code: number): boolean {
  return code === CH.space || code === CH.tab || code === CH.lf || code === CH.cr || code === CH.nbsp;
}

export function isKqlSpecial(code: number): boolean {
  return (
    code === CH.backslash ||
    code === CH.lparen ||
    code === CH.rparen ||
    code === CH.colon ||
    code === CH.lt ||
    code === CH.gt ||
    code === CH.quote ||
    code === CH.star ||
    code === CH.lbrace ||
    code === CH.rbrace
  );
}

function isHexDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** `word` (lower-case ASCII) at `at`, in any case. */
function wordAt(text: string, at: number, word: string): boolean {
  if (at + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** `or`/`and` at `at` with whitespace on both sides. */
function binaryKeywordAt(text: string, at: number): 'and' | 'or' | null {
  if (at === 0 || !isKqlSpace(text.charCodeAt(at - 1))) return null;
  for (const word of ['or', 'and'] as const) {
    const after = at + word.length;
    if (wordAt(text, at, word) && after < text.length && isKqlSpace(text.charCodeAt(after))) return word;
  }
  return null;
}

/** `not` at `at` followed by whitespace. */
function notKeywordAt(text: string, at: number): boolean {
  return wordAt(text, at, 'not') && at + 3 < text.length && isKqlSpace(text.charCodeAt(at + 3));
}

/**
 * The length of the escape sequence starting with the backslash at `at`, or 0 when it is not a
 * valid KQL escape outside quotes (`\t \r \n`, `\` + special character, `\uXXXX`, `\or \and \not`).
 */
export function unquotedEscapeLength(text: string, at: number): number {
  if (at + 1 >= text.length) return 0;
  const next = text.charCodeAt(at + 1);
  // `\t`, `\r`, `\n` come first in the grammar's ordered choice, so `\not` is a newline and `ot`
  // (Kibana reads it so); `\NOT` and `\Not` are the escaped keyword.
  if (next === 0x74 || next === 0x72 || next === 0x6e) return 2;
  if (isKqlSpecial(next)) return 2;
  if (next === 0x75) {
    let k = at + 2;
    while (k < at + 6 && k < text.length && isHexDigit(text.charCodeAt(k))) k++;
    if (k === at + 6) return 6;
  }
  if (wordAt(text, at + 1, 'or')) return 3;
  if (wordAt(text, at + 1, 'and')) return 4;
  if (wordAt(text, at + 1, 'not')) return 4;
  return 0;
}

export function scanKql(text: string): KqlToken[] {
  const tokens: KqlToken[] = [];
  const n = text.length;
  const push = (kind: KqlTokenKind, start: number, end: number, error?: TextRange) => {
    const token: KqlToken = { kind, start, end, text: text.slice(start, end) };
    if (error) token.error = error;
    tokens.push(token);
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isKqlSpace(c)) {
      let j = i + 1;
      while (j < n && isKqlSpace(text.charCodeAt(j))) j++;
      push('whitespace', i, j);
      i = j;
      continue;
    }
    switch (c) {
      case CH.lparen:
        push('lparen', i, ++i);
        continue;
      case CH.rparen:
        push('rparen', i, ++i);
        continue;
      case CH.lbrace:
        push('lbrace', i, ++i);
        continue;
      case CH.rbrace:
        push('rbrace', i, ++i);
        continue;
      case CH.colon:
        push('colon', i, ++i);
        continue;
      case CH.lt:
      case CH.gt: {
        const end = i + 1 < n && text.charCodeAt(i + 1) === CH.eq ? i + 2 : i + 1;
        push('range', i, end);
        i = end;
        continue;
      }
      case CH.quote: {
        const end = quotedEnd(text, i);
        push(end < 0 ? 'unterminated-quoted' : 'quoted', i, end < 0 ? n : end);
        i = end < 0 ? n : end;
        continue;
      }
    }
    const keyword = binaryKeywordAt(text, i);
    if (keyword) {
      push(keyword, i, i + keyword.length);
      i += keyword.length;
      continue;
    }
    if (notKeywordAt(text, i)) {
      push('not', i, i + 3);
      i += 3;
      continue;
    }
    i = scanUnquoted(text, i, push);
  }
  return tokens;
}

/** The offset after the closing quote of the string opening at `at`, or -1 if it never closes. */
function quotedEnd(text: string, at: number): number {
  for (let j = at + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === CH.backslash) j++;
    else if (c === CH.quote) return j + 1;
  }
  return -1;
}

/** One unquoted run: up to whitespace, a special character, or a `not ` keyword. */
function scanUnquoted(text: string, start: number, push: (kind: KqlTokenKind, s: number, e: number, error?: TextRange) => void): number {
  const n = text.length;
  let error: TextRange | undefined;
  let j = start;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === CH.backslash) {
      const length = unquotedEscapeLength(text, j);
      if (length > 0) {
        j += length;
        continue;
      }
      // Invalid escape: keep the backslash and the character after it (unless that ends the run).
      const end = j + 1 < n && !isKqlSpace(text.charCodeAt(j + 1)) && !isKqlSpecial(text.charCodeAt(j + 1)) ? j + 2 : j + 1;
      error ??= { start: j, end };
      j = end;
      continue;
    }
    if (c === CH.star) {
      j++;
      continue;
    }
    if (isKqlSpace(c) || isKqlSpecial(c)) break;
    if (j > start && (c | 0x20) === 0x6e && notKeywordAt(text, j)) break;
    j++;
  }
  push('unquoted', start, j, error);
  return j;
}

/** A piece of an unquoted literal after unescaping: text, or an unescaped `*`. */
export type UnquotedPiece = string | { wildcard: true };

/**
 * The value pieces of an unquoted token's text (escapes resolved, `*` kept as wildcard pieces).
 * Invalid escapes keep their characters (the parser has reported them).
 */
export function unescapeUnquoted(raw: string, pieces: UnquotedPiece[] = []): UnquotedPiece[] {
  let current = '';
  let j = 0;
  while (j < raw.length) {
    const c = raw.charCodeAt(j);
    if (c === CH.star) {
      pieces.push(current, { wildcard: true });
      current = '';
      j++;
      continue;
    }
    if (c !== CH.backslash) {
      current += raw[j];
      j++;
      continue;
    }
    const length = unquotedEscapeLength(raw, j);
    if (length === 0) {
      current += raw[j];
      j++;
      continue;
    }
    const next = raw[j + 1];
    if (length === 6 && next === 'u') current += String.fromCharCode(Number.parseInt(raw.slice(j + 2, j + 6), 16));
    else if (length === 2 && next === 't') current += '\t';
    else if (length === 2 && next === 'r') current += '\r';
    else if (length === 2 && next === 'n') current += '\n';
    else current += raw.slice(j + 1, j + length);
    j += length;
  }
  pieces.push(current);
  return pieces;
}

/** The value of a quoted token's text (with or without its closing quote). */
export function unescapeQuoted(raw: string): string {
  const end = raw.length > 1 && raw.endsWith('"') && !endsWithEscapedQuote(raw) ? raw.length - 1 : raw.length;
  let out = '';
  for (let j = 1; j < end; j++) {
    const c = raw.charCodeAt(j);
    if (c !== CH.backslash || j + 1 >= end) {
      out += raw[j];
      continue;
    }
    const next = raw[j + 1];
    if (next === '"' || next === '\\') {
      out += next;
      j++;
    } else if (next === 't' || next === 'r' || next === 'n') {
      out += next === 't' ? '\t' : next === 'r' ? '\r' : '\n';
      j++;
    } else if (next === 'u' && j + 5 < end + 0 && /^[0-9a-fA-F]{4}$/.test(raw.slice(j + 2, j + 6))) {
      out += String.fromCharCode(Number.parseInt(raw.slice(j + 2, j + 6), 16));
      j += 5;
    } else {
      // Any other backslash is kept as a backslash (README "Quoted literal").
      out += '\\';
    }
  }
  return out;
}

/** For an unterminated string: does the text end in `\"` (an escaped quote, not a closing one)? */
function endsWithEscapedQuote(raw: string): boolean {
  let backslashes = 0;
  for (let k = raw.length - 2; k >= 1 && raw.charCodeAt(k) === CH.backslash; k--) backslashes++;
  return backslashes % 2 === 1;
}
