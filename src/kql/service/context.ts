/**
 * A tolerant reading of KQL tokens for completion and hover: which token is a field name, which
 * a value (and of which field), which free text, and which nested path applies. It never needs
 * the query to parse; it follows the grammar's shapes (`field:value`, `field > value`,
 * `field:(a or b)`, `path:{ … }`) over the scanner's tokens in one pass with a stack.
 */
import type { TextRange } from '../../diagnostic.ts';
import { scanKql, unescapeQuoted, unescapeUnquoted, type KqlToken } from '../syntax/scanner.ts';

export type TokenRole = 'field' | 'value' | 'free' | 'keyword' | 'operator' | 'bracket';

export interface ReadToken {
  token: KqlToken;
  role: TokenRole;
  /** For a field: its full name (nested path included); for a value: the field it is compared with. */
  field?: string;
  /** For a value: it follows a range operator (one literal, no wildcards). */
  rangeBound?: boolean;
}

interface Frame {
  kind: 'group' | 'list' | 'nested';
  /** 'list': the field of the values; 'nested': the full nested path. */
  field?: string;
  /** Index in the reading's tokens of the bracket that opened it. */
  open?: number;
}

export interface KqlReading {
  tokens: ReadToken[];
  /** The open groups after the last token, innermost last. */
  frames: Frame[];
  /** The nested path in force after the last token ('' at the top). */
  path: string;
}

const isLiteral = (t: KqlToken | undefined) => t !== undefined && (t.kind === 'unquoted' || t.kind === 'quoted' || t.kind === 'unterminated-quoted');

/** A literal token as a name: quotes and escapes resolved, unescaped `*` kept. */
export function literalName(t: KqlToken): string {
  if (t.kind !== 'unquoted') return unescapeQuoted(t.text);
  return unescapeUnquoted(t.text)
    .map((p) => (typeof p === 'string' ? p : '*'))
    .join('');
}

function nestedPath(frames: Frame[]): string {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i].kind === 'nested') return frames[i].field!;
  return '';
}

/** Reads the significant tokens (whitespace left out) of `tokens`. */
export function readTokens(all: readonly KqlToken[]): KqlReading {
  const sig = all.filter((t) => t.kind !== 'whitespace');
  const out: ReadToken[] = [];
  const frames: Frame[] = [];
  sig.forEach((t, i) => {
    const prev = out[i - 1];
    const next = sig[i + 1];
    const top = frames[frames.length - 1];
    switch (t.kind) {
      case 'and':
      case 'or':
      case 'not':
        out.push({ token: t, role: 'keyword' });
        return;
      case 'colon':
      case 'range':
        out.push({ token: t, role: 'operator', field: prev?.role === 'field' ? prev.field : undefined });
        return;
      case 'lparen': {
        // `field:(` opens a list of values for that field; inside such a list, `(` groups values.
        const list = prev?.token.kind === 'colon' ? prev.field : top?.kind === 'list' ? top.field : undefined;
        frames.push(list !== undefined || top?.kind === 'list' ? { kind: 'list', field: list, open: i } : { kind: 'group', open: i });
        out.push({ token: t, role: 'bracket' });
        return;
      }
      case 'lbrace':
        frames.push({ kind: 'nested', field: prev?.token.kind === 'colon' ? prev.field : undefined, open: i });
        out.push({ token: t, role: 'bracket' });
        return;
      case 'rparen':
      case 'rbrace':
        if (top && (t.kind === 'rbrace') === (top.kind === 'nested')) frames.pop();
        out.push({ token: t, role: 'bracket' });
        return;
    }
    // A literal: a value after an operator or inside a value list, the next word of a value
    // (`foo:bar baz` is one value), a field before an operator, or free text.
    if (prev?.token.kind === 'colon' || prev?.token.kind === 'range') {
      out.push({ token: t, role: 'value', field: prev.field, rangeBound: prev.token.kind === 'range' });
    } else if (top?.kind === 'list') {
      out.push({ token: t, role: 'value', field: top.field });
    } else if (prev?.role === 'value' && !prev.rangeBound && isLiteral(prev.token)) {
      out.push({ token: t, role: 'value', field: prev.field });
    } else if (next && (next.kind === 'colon' || next.kind === 'range')) {
      const path = nestedPath(frames);
      const name = literalName(t);
      out.push({ token: t, role: 'field', field: path ? `${path}.${name}` : name });
    } else {
      out.push({ token: t, role: 'free' });
    }
  });
  return { tokens: out, frames, path: nestedPath(frames) };
}

export interface CursorContext {
  /** What comes before the word being typed. */
  reading: KqlReading;
  /** The word the completion replaces (a literal token around the cursor, or empty). */
  word: { range: TextRange; text: string; token?: KqlToken };
  /** The cursor is inside a `"…` string the user is typing. */
  inString: boolean;
}

/** The literal (or keyword being typed) at the cursor, and the reading of everything before it. */
export function cursorContext(text: string, offset: number): CursorContext {
  const tokens = scanKql(text);
  let at = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.start >= offset) break;
    const typing = isLiteral(t) || t.kind === 'and' || t.kind === 'or' || t.kind === 'not';
    // A closed string is left once the cursor is past its closing quote.
    if (typing && offset <= t.end && !(t.kind === 'quoted' && offset === t.end)) at = i;
  }
  if (at < 0) return { reading: readTokens(tokens.filter((t) => t.end <= offset)), word: { range: { start: offset, end: offset }, text: '' }, inString: false };
  const token = tokens[at];
  const inString = token.kind === 'unterminated-quoted' || token.kind === 'quoted';
  return {
    reading: readTokens(tokens.slice(0, at)),
    word: { range: { start: token.start, end: token.end }, text: text.slice(token.start, offset), token },
    inString,
  };
}
