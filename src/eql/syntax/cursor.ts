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

/** A lexical error, held until the parser reaches its place so errors come out in reading order. */
interface PendingLexical {
  def: MessageDef;
  args: readonly (string | number)[];
  range: TextRange;
  fix?: Fix;
}

/**
 * Lexical errors after which the token stream may no longer match what the author meant (a
 * string or comment that runs on, characters that split or disguise a name): the parse errors
 * that follow are their echo. The others (single quotes, bad escapes) are read as what they
 * mean, so they rarely derail the parser.
 */
const DESYNCING: ReadonlySet<MessageDef> = new Set<MessageDef>([
  Messages.unterminatedString,
  Messages.unterminatedRawString,
  Messages.unterminatedQuotedIdentifier,
  Messages.unterminatedComment,
  Messages.unexpectedCharacter,
  Messages.unexpectedSpace,
  // A name with a non-ASCII letter is read as a name, not as the keyword it may have been.
  Messages.unexpectedLetter,
  // `!` is read as `not`, `||` as `or`: neither fits most places a stray `!` or `|` lands.
  Messages.bang,
  Messages.symbolicLogical,
]);

const UNTERMINATED_STRINGS: ReadonlySet<MessageDef> = new Set<MessageDef>([Messages.unterminatedString, Messages.unterminatedRawString]);

/**
 * A bad escape most often means a quote went missing or was turned into a backslash: the string
 * then closes at the next quote and every later quote is re-paired, so what follows is its echo.
 */
const BAD_ESCAPES: ReadonlySet<MessageDef> = new Set<MessageDef>([Messages.invalidEscape, Messages.invalidUnicodeEscape]);

/**
 * Lexical errors about quoting. After an earlier error they are most often its echo: a quote
 * deleted or added re-pairs every later quote, so `"Rmc-??????"` reads as `?"…"` or a string
 * boundary lands inside an escape. While recovering they are counted, not reported.
 */
const QUOTING: ReadonlySet<MessageDef> = new Set<MessageDef>([Messages.singleQuote, Messages.questionString, ...BAD_ESCAPES]);

/**
 * Base of the parser classes; holds no grammar, only position, lookahead and reporting.
 *
 * One mistake gives one error. After a parse error (or a desynchronising lexical error) the
 * cursor is recovering: further errors are echoes of the first, and are counted but not
 * reported, until the parser reaches a place it is sure of again — the closing `]` of a
 * top-level stage (resync). Self-contained lexical errors are reported too, except quoting
 * errors while recovering, and a string left open after a quoting error: a moved quote re-pairs
 * every later one. A bad escape starts recovery as a desynchronising error does.
 */
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
  private readonly pendingLexical: PendingLexical[] = [];
  private nextLexical = 0;
  private lastErrorStart = -1;
  /** Up to this token index, a parse error is the echo of a self-contained lexical error. */
  private echoUntil = -1;
  private recovering = false;
  /** A quoting error was reported: a string left open later is its echo. */
  private quotingReported = false;
  /** Every syntax error found, reported or not: checks that derive from a whole construct stay quiet after one. */
  protected errorsSeen = 0;
  private truncated = false;

  constructor(text: string) {
    this.text = text;
    this.tokens = readTokens(text, (def, args, range, fix) => this.pendingLexical.push({ def, args, range, fix }));
    this.pendingLexical.sort((a, b) => a.range.start - b.range.start);
    this.tok = this.tokens[0];
    this.flushLexical();
  }

  /** Reports the lexical errors up to the end of the current token. */
  private flushLexical(): void {
    const upTo = this.tok.kind === TokenKind.EOF ? Infinity : this.tok.end;
    while (this.nextLexical < this.pendingLexical.length && this.pendingLexical[this.nextLexical].range.start < upTo) {
      const p = this.pendingLexical[this.nextLexical++];
      this.errorsSeen++;
      if (this.recovering && QUOTING.has(p.def)) continue;
      // A string left open after a quoting error: the quotes were re-paired, one mistake.
      if (this.quotingReported && UNTERMINATED_STRINGS.has(p.def)) {
        this.recovering = true;
        continue;
      }
      if (QUOTING.has(p.def)) this.quotingReported = true;
      if (DESYNCING.has(p.def) || BAD_ESCAPES.has(p.def)) {
        if (this.recovering) continue;
        this.recovering = true;
      } else {
        // Read as what it means, but what was typed may also have moved a quote or a boundary:
        // a parse error at this token or the next is taken as its echo.
        this.echoUntil = this.pos + 1;
      }
      this.lastErrorStart = p.range.start;
      this.push(p.def, p.args, p.range, p.fix);
    }
  }

  /**
   * Records a parse error, unless it is an echo: while recovering from an earlier error, or at
   * the same offset as the previous one (one mistake often derails several rules there).
   */
  protected report(def: MessageDef, args: readonly (string | number)[], range: TextRange, fix?: Fix): void {
    this.errorsSeen++;
    if (this.recovering || range.start === this.lastErrorStart) return;
    if (this.pos <= this.echoUntil) {
      this.recovering = true;
      return;
    }
    this.recovering = true;
    this.lastErrorStart = range.start;
    this.push(def, args, range, fix);
  }

  /** The parser is at a place it is sure of (a top-level stage closed): errors count again. */
  protected resync(): void {
    this.recovering = false;
  }

  private push(def: MessageDef, args: readonly (string | number)[], range: TextRange, fix?: Fix): void {
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
      this.flushLexical();
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
      // Always said, once: it explains why the rest of the nesting is not checked.
      this.tooDeepReported = true;
      this.errorsSeen++;
      this.recovering = true;
      this.push(Messages.tooDeep, [MAX_DEPTH], at);
    }
  }
}
