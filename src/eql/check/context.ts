/**
 * Where is the cursor, grammatically? A tolerant reading of the tokens before an offset, for
 * completion and signature help. It never needs the query to parse: it looks at the last few
 * significant tokens and keeps a stack of open parentheses (call, `in` list, or grouping).
 */
import { TokenKind, scan, type Token } from '../syntax/scanner.ts';
import type { TextRange } from '../../diagnostic.ts';

export type ParenKind = 'call' | 'list' | 'group';

export interface ParenFrame {
  kind: ParenKind;
  /** Index of the `(` token. */
  open: number;
  /** Function name for 'call' (without `~`). */
  name?: string;
  caseInsensitive?: boolean;
  /** For 'list': the field the list is tested against (`x in (…)`, `x : (…)`). */
  field?: string;
  /** For 'list': the operator before the `(` (`in`, `in~`, `:`, `like`, `regex`…). */
  operator?: TokenKind;
  /** Commas seen at this depth so far. */
  commas: number;
}

export interface CursorContext {
  /** Significant tokens (no comments) that end at or before `word.start`. */
  tokens: Token[];
  /** The partially typed field path or word the completion replaces. */
  word: { range: TextRange; text: string };
  /** The cursor is inside an unterminated string that starts at `word.range.start`. */
  inString: boolean;
  parens: ParenFrame[];
}

const isWordKind = (k: TokenKind) => k === TokenKind.Identifier || k === TokenKind.QuotedIdentifier || (k >= 20 && k < 60) || k === TokenKind.TildeIdentifier;

function significant(text: string): Token[] {
  return scan(text).filter((t) => t.kind !== TokenKind.LineComment && t.kind !== TokenKind.BlockComment && t.kind !== TokenKind.EOF);
}

/** Extends an offset over the identifier characters right after it (so a completion replaces the whole word). */
function wordEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_.@]/.test(text[end])) end++;
  return end;
}

export function cursorContext(text: string, offset: number): CursorContext {
  const before = significant(text.slice(0, offset));
  let wordStartIndex = before.length;
  let inString = false;
  const last = before[before.length - 1];
  if (last && last.end === offset) {
    if (last.kind === TokenKind.String && last.error !== 0 && !text.slice(last.start, offset).startsWith('"""')) {
      // An unterminated "… string the user is typing a value into.
      inString = true;
      wordStartIndex = before.length - 1;
    } else if (isWordKind(last.kind) || last.kind === TokenKind.Dot) {
      // Walk back over a contiguous dotted path: a.b.c or a.b.
      let i = before.length - 1;
      while (
        i > 0 &&
        before[i - 1].end === before[i].start &&
        (before[i - 1].kind === TokenKind.Dot || (before[i].kind === TokenKind.Dot && isWordKind(before[i - 1].kind)))
      )
        i--;
      if (before[i].kind === TokenKind.Dot) i++;
      wordStartIndex = i;
    }
  }
  const tokens = before.slice(0, wordStartIndex);
  const start = wordStartIndex < before.length ? before[wordStartIndex].start : offset;
  let end = inString ? offset : wordEnd(text, offset);
  if (inString && text[offset] === '"') end = offset + 1;
  return {
    tokens,
    word: { range: { start, end }, text: text.slice(start, offset) },
    inString,
    parens: parenStack(tokens),
  };
}

/** Pattern operators that take a parenthesised list of literals as well as one literal. */
const LIST_AFTER = new Set<TokenKind>([TokenKind.Colon, TokenKind.Like, TokenKind.LikeInsensitive, TokenKind.Regex, TokenKind.RegexInsensitive]);

/** The open parentheses among `tokens`, innermost last. */
export function parenStack(tokens: Token[]): ParenFrame[] {
  const stack: ParenFrame[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === TokenKind.LParen) {
      const prev = tokens[i - 1];
      if (prev && (prev.kind === TokenKind.Identifier || prev.kind === TokenKind.TildeIdentifier) && prev.end === t.start) {
        stack.push({ kind: 'call', open: i, name: prev.value, caseInsensitive: prev.kind === TokenKind.TildeIdentifier, commas: 0 });
      } else if (prev && (prev.kind === TokenKind.In || prev.kind === TokenKind.InInsensitive)) {
        const notIdx = tokens[i - 2]?.kind === TokenKind.Not ? i - 2 : i - 1;
        stack.push({ kind: 'list', open: i, field: pathBefore(tokens, notIdx)?.name, operator: prev.kind, commas: 0 });
      } else if (prev && LIST_AFTER.has(prev.kind)) {
        // `x : ("a", "b")`, `x like ("a*", …)`: the right side is a list of literals.
        stack.push({ kind: 'list', open: i, field: pathBefore(tokens, i - 1)?.name, operator: prev.kind, commas: 0 });
      } else {
        stack.push({ kind: 'group', open: i, commas: 0 });
      }
    } else if (t.kind === TokenKind.RParen) {
      stack.pop();
    } else if (t.kind === TokenKind.Comma && stack.length > 0) {
      stack[stack.length - 1].commas++;
    }
  });
  return stack;
}

/** The dotted field path whose last token is just before `index`, if any. */
export function pathBefore(tokens: Token[], index: number): { name: string; start: number } | undefined {
  let i = index - 1;
  if (i < 0 || !(tokens[i].kind === TokenKind.Identifier || tokens[i].kind === TokenKind.QuotedIdentifier)) return undefined;
  const parts = [tokens[i].value];
  while (i >= 2 && tokens[i - 1].kind === TokenKind.Dot && (tokens[i - 2].kind === TokenKind.Identifier || tokens[i - 2].kind === TokenKind.QuotedIdentifier)) {
    parts.unshift(tokens[i - 2].value);
    i -= 2;
  }
  return { name: parts.join('.'), start: tokens[i].start };
}

export { significant };
