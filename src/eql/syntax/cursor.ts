/**
 * The parser's reading position over the token stream, and its diagnostics: the primitives
 * (`next`, `eat`, `expect`, `report`, the nesting bound) the expression and query parsers share.
 */
import type { Diagnostic, TextEdit, TextRange } from '../../diagnostic.ts';
import type { ErrorExpr } from './ast.ts';
import { formatMessage, Messages, type MessageDef } from './messages.ts';
import { isKeyword, TokenKind as TokenKinds, tokenKindName, type Token } from './scanner.ts';
import { readTokens } from './tokens.ts';

// Module-local copies: CommonJS-style transpilers (tsx) turn imported bindings into getters,
// which the hot paths would otherwise call on every token test.
const TokenKind = TokenKinds;
type TokenKind = TokenKinds;

/** Deepest expression nesting accepted; far beyond any real rule, far below stack limits. */
export const MAX_DEPTH = 200;
/** After this many diagnostics the rest are dropped (one more says so). */
const MAX_DIAGNOSTICS = 100;

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** Tokens after which an expression cannot continue: recovery stops here instead of eating them. */
export function isSyncToken(kind: TokenKind): boolean {
  switch (kind) {
    case TokenKind.EOF:
    case TokenKind.RParen:
    case TokenKind.RBracket:
    case TokenKind.LBracket:
    case TokenKind.BangBracket:
    case TokenKind.Pipe:
    case TokenKind.Comma:
    case TokenKind.And:
    case TokenKind.Or:
    case TokenKind.Where:
    case TokenKind.By:
    case TokenKind.With:
    case TokenKind.Until:
      return true;
    default:
      return false;
  }
}

export function span(t: TextRange): TextRange {
  return { start: t.start, end: t.end };
}

/** Base of the parser classes; holds no grammar, only position, lookahead and reporting. */
export class TokenCursor {
  protected readonly text: string;
  private readonly tokens: Token[];
  protected pos = 0;
  protected tok!: Token;
  /** End offset of the last consumed token: where a node that ends here ends. */
  protected prevEnd = 0;
  /** Current expression nesting (parentheses, prefixes, calls, lists), bounded by MAX_DEPTH. */
  protected depth = 0;
  private tooDeepReported = false;
  protected readonly diagnostics: Diagnostic[] = [];
  private lastParseErrorStart = -1;
  private truncated = false;

  constructor(text: string) {
    this.text = text;
    this.tokens = readTokens(text, (def, args, range, fix) => this.report(def, args, range, fix, true));
    this.tok = this.tokens[0];
  }

  /**
   * Records a diagnostic. Parse errors at the same offset as the previous one are dropped:
   * one mistake often derails several rules, and only the first message is useful.
   */
  protected report(def: MessageDef, args: readonly (string | number)[], range: TextRange, fix?: Fix, lexical = false): void {
    if (!lexical) {
      if (range.start === this.lastParseErrorStart) return;
      this.lastParseErrorStart = range.start;
    }
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      if (!this.truncated) {
        this.truncated = true;
        this.diagnostics.push(this.diagnostic(Messages.tooManyErrors, [], range));
      }
      return;
    }
    const d = this.diagnostic(def, args, { start: range.start, end: range.end });
    if (fix !== undefined) d.fix = fix;
    this.diagnostics.push(d);
  }

  private diagnostic(def: MessageDef, args: readonly (string | number)[], range: TextRange): Diagnostic {
    return { severity: 'error', code: def.code, message: formatMessage(def, args), source: 'eql', range };
  }

  protected next(): Token {
    const t = this.tok;
    if (t.kind !== TokenKind.EOF) {
      this.prevEnd = t.end;
      this.pos++;
      this.tok = this.tokens[this.pos];
    }
    return t;
  }

  protected peek(offset = 1): Token {
    const i = this.pos + offset;
    return i < this.tokens.length ? this.tokens[i] : this.tokens[this.tokens.length - 1];
  }

  protected at(kind: TokenKind): boolean {
    return this.tok.kind === kind;
  }

  protected eat(kind: TokenKind): Token | null {
    return this.tok.kind === kind ? this.next() : null;
  }

  /** How a token is named in messages: `[==]`, `[where]`, `[process]`, `end of query`. */
  protected describe(t: Token): string {
    if (t.kind === TokenKind.EOF) return 'the end of the query';
    const raw = this.text.slice(t.start, t.end);
    // `WHERE`, `AND`…: keywords are case-sensitive, and this is the usual reason for the error.
    if (t.kind === TokenKind.Identifier && raw !== raw.toLowerCase() && isKeyword(raw.toLowerCase())) {
      return `[${raw}] (keywords are lowercase: [${raw.toLowerCase()}])`;
    }
    return `[${raw.length > 30 ? raw.slice(0, 30) + '…' : raw}]`;
  }

  protected expect(kind: TokenKind): boolean {
    if (this.eat(kind) !== null) return true;
    this.report(Messages.expected, [`[${tokenKindName(kind)}]`, this.describe(this.tok)], span(this.tok));
    return false;
  }

  protected errorExpr(start: number, end: number): ErrorExpr {
    return { kind: 'error', range: { start, end } };
  }

  /** Too deep: reported once; the caller then skips what it cannot nest. */
  protected enterDeep(at: TextRange): boolean {
    if (this.depth < MAX_DEPTH) return true;
    this.reportTooDeep(at);
    return false;
  }

  protected reportTooDeep(at: TextRange): void {
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.report(Messages.tooDeep, [MAX_DEPTH], at, undefined, true);
    }
  }
}
