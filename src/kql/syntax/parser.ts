/**
 * KQL parser: recursive descent over scanKql's tokens, building the tree of ast.ts exactly as
 * Kibana's grammar.peggy does (../shared/kql-reference/README.md "Syntax"): `or` < `and` < `not`
 * < groups, flattened same-level operators, `field:(a or b)` distributed to every value,
 * `path:{ q }` nested, literals unescaped and trimmed, numerals kept as strings.
 *
 * Never throws. A problem becomes a Diagnostic (texts in messages.ts) and the parser goes on:
 * a missing operand is an `error` node, an unclosed group is closed at the end, a stray token is
 * skipped. One mistake gives one diagnostic: after an error, further errors are held back until
 * the parser is back on its feet at the next `and`/`or`. Nesting is bounded (MAX_KQL_DEPTH) so
 * 10,000 parentheses give a diagnostic, not a stack overflow; every loop consumes a token.
 */
import type { Diagnostic, TextRange } from '../../diagnostic.ts';
import type { KqlField, KqlLiteral, KqlNode, KqlValue, KqlWildcard } from './ast.ts';
import { formatKqlMessage, KqlMessages, type KqlMessageDef } from './messages.ts';
import { type KqlToken, type KqlTokenKind, scanKql, unescapeQuoted, unescapeUnquoted } from './scanner.ts';

export const MAX_KQL_DEPTH = 500;

export interface KqlParseResult {
  node: KqlNode;
  diagnostics: Diagnostic[];
}

export function parseKql(text: string): KqlParseResult {
  return new KqlParser(text).parse();
}

/** A literal as written: the pieces after unescaping (wildcards between them), or a quoted string. */
interface RawLiteral {
  quoted: boolean;
  /** Unquoted: text pieces between unescaped `*` (one piece when there is none), trimmed. */
  pieces: string[];
  range: TextRange;
}

type Closer = 'rparen' | 'rbrace';

const EOF: KqlToken = { kind: 'whitespace', start: 0, end: 0, text: '' };

class KqlParser {
  private readonly tokens: KqlToken[];
  private pos = 0;
  private prevEnd = 0;
  private depth = 0;
  /** An error was reported and the parser has not yet recovered: hold back the echoes. */
  private quiet = false;
  private aborted = false;
  /**
   * Recovery skipped tokens to a closer: bracket counts after that point are guesses, so a later
   * unclosed or unmatched bracket is an echo of the first mistake, not a new one.
   */
  private bracketsUnreliable = false;
  private readonly diagnostics: Diagnostic[] = [];
  /** What may close the groups we are in, innermost last (for "expected … or [)]" messages). */
  private readonly closers: Closer[] = [];

  constructor(private readonly text: string) {
    this.tokens = scanKql(text);
  }

  parse(): KqlParseResult {
    this.skipWs();
    if (this.atEnd()) return this.result({ type: 'match_all', range: { start: 0, end: this.text.length } });
    this.skipLeadingGarbage();
    const node = this.atEnd() ? this.errorNode(this.text.length) : this.parseOr(null);
    this.skipWs();
    if (!this.atEnd()) {
      this.reportUnexpectedAfterOperand(node);
      this.pos = this.tokens.length;
    }
    return this.result(node);
  }

  private result(node: KqlNode): KqlParseResult {
    this.diagnostics.sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
    return { node, diagnostics: this.diagnostics };
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  private get tok(): KqlToken {
    return this.tokens[this.pos] ?? { ...EOF, start: this.text.length, end: this.text.length };
  }

  private atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  private at(kind: KqlTokenKind): boolean {
    return !this.atEnd() && this.tokens[this.pos].kind === kind;
  }

  private next(): KqlToken {
    const t = this.tok;
    if (!this.atEnd()) {
      this.prevEnd = t.end;
      this.pos++;
    }
    return t;
  }

  private skipWs(): void {
    while (this.at('whitespace')) this.pos++;
  }

  /** The kind of the next token that is not whitespace (without moving). */
  private peekKind(): KqlTokenKind | 'eof' {
    let p = this.pos;
    while (p < this.tokens.length && this.tokens[p].kind === 'whitespace') p++;
    return p < this.tokens.length ? this.tokens[p].kind : 'eof';
  }

  private describe(t: KqlToken): string {
    if (t.start >= this.text.length && t.text === '') return 'the end of the query';
    const raw = t.text;
    return `[${raw.length > 30 ? `${raw.slice(0, 30)}…` : raw}]`;
  }

  private report(def: KqlMessageDef, args: readonly (string | number)[], range: TextRange, severity: 'error' | 'warning' = 'error'): void {
    if (severity === 'error') {
      if (this.quiet || this.aborted) return;
      this.quiet = true;
    }
    this.diagnostics.push({ severity, code: def.code, message: formatKqlMessage(def, args), source: 'kql', range });
  }

  private errorNode(at: number, end = at): KqlNode {
    return { type: 'error', range: { start: at, end } };
  }

  /** Text before the first operand that cannot start one (`) a`, `: a`, `> 3`): one diagnostic, skipped. */
  private skipLeadingGarbage(): void {
    if (this.startsOperand()) return;
    const first = this.tok;
    this.report(KqlMessages.expectedOperand, ['', this.describe(first)], { start: first.start, end: first.end });
    while (!this.atEnd() && !this.startsOperand()) {
      this.next();
      this.skipWs();
    }
    // Parsing resumes at a real operand: let its own mistakes be reported.
    this.quiet = false;
  }

  private startsOperand(): boolean {
    return this.startsLiteral() || this.at('lparen') || this.at('not');
  }

  /** `or`/`and` where an operand starts are words (Kibana reads `a and or b` as `a`, `or b`). */
  private startsLiteral(): boolean {
    const k = this.tok.kind;
    return !this.atEnd() && (k === 'unquoted' || k === 'quoted' || k === 'unterminated-quoted' || k === 'or' || k === 'and');
  }

  // ---------------------------------------------------------------------------------------------
  // Queries: or > and > not > group | nested | expression. `field` is set inside `field:( … )`.

  private parseOr(field: KqlField | null): KqlNode {
    const args = [this.parseAnd(field)];
    while (this.peekKind() === 'or') {
      this.skipWs();
      this.next();
      this.quiet = false;
      this.skipWs();
      args.push(this.parseAnd(field));
    }
    return args.length === 1 ? args[0] : { type: 'or', args, range: spanOf(args) };
  }

  private parseAnd(field: KqlField | null): KqlNode {
    const args = [this.parseNot(field)];
    while (this.peekKind() === 'and') {
      this.skipWs();
      this.next();
      this.quiet = false;
      this.skipWs();
      args.push(this.parseNot(field));
    }
    return args.length === 1 ? args[0] : { type: 'and', args, range: spanOf(args) };
  }

  private parseNot(field: KqlField | null): KqlNode {
    this.skipWs();
    if (!this.at('not')) return field ? this.parseValues(field, null) : this.parseGroup();
    const starts = [this.next().start];
    this.skipWs();
    if (this.at('not')) {
      // Kibana's grammar has no `not not x`; say so once, then read it as meant (a loop, not
      // recursion: a long run of `not` must not exhaust the stack).
      this.report(KqlMessages.notAfterNot, [], { start: this.tok.start, end: this.tok.end });
      while (this.at('not')) {
        if (this.depth + starts.length >= MAX_KQL_DEPTH) {
          // As deep as MAX_KQL_DEPTH groups: later passes over the tree recurse too.
          this.quiet = false;
          this.abortTooDeep(this.tok);
          return this.errorNode(starts[0], this.text.length);
        }
        starts.push(this.next().start);
        this.skipWs();
      }
    }
    let node = field ? this.parseValues(field, null) : this.parseGroup();
    for (let i = starts.length - 1; i >= 0; i--) {
      node = { type: 'not', arg: node, range: { start: starts[i], end: Math.max(node.range.end, starts[i] + 3, this.prevEnd) } };
    }
    return node;
  }

  /** `( query )` or an expression. */
  private parseGroup(): KqlNode {
    this.skipWs();
    if (!this.at('lparen')) return this.parseExpression();
    return this.parseBracketed('rparen', () => this.parseOr(null));
  }

  /**
   * An opening bracket at the current token, what `inner` parses, and its closer. The returned
   * node keeps its own range (the brackets are not part of it).
   */
  private parseBracketed(closer: Closer, inner: () => KqlNode): KqlNode {
    const open = this.next();
    if (!this.enter(open)) return this.errorNode(open.start, this.text.length);
    this.skipWs();
    let node: KqlNode;
    if (this.at(closer)) {
      this.report(KqlMessages.emptyGroup, [open.text, closer === 'rparen' ? ')' : '}'], { start: open.start, end: this.tok.end });
      node = this.errorNode(open.start, this.tok.end);
    } else {
      this.closers.push(closer);
      node = inner();
      this.closers.pop();
    }
    this.expectClose(open, closer, node);
    this.depth--;
    return node;
  }

  /** One more level of nesting, or (past MAX_KQL_DEPTH) a diagnostic and the end of parsing. */
  private enter(open: KqlToken): boolean {
    if (this.depth < MAX_KQL_DEPTH) {
      this.depth++;
      return true;
    }
    this.abortTooDeep(open);
    return false;
  }

  private abortTooDeep(at: KqlToken): void {
    this.report(KqlMessages.tooDeep, [MAX_KQL_DEPTH], { start: at.start, end: at.end });
    this.aborted = true;
    this.pos = this.tokens.length;
    this.prevEnd = this.text.length;
  }

  private expectClose(open: KqlToken, closer: Closer, node: KqlNode): void {
    this.skipWs();
    if (this.at(closer)) {
      this.next();
      return;
    }
    const close = closer === 'rparen' ? ')' : '}';
    if (this.atEnd()) {
      if (!this.bracketsUnreliable) this.report(KqlMessages.unclosed, [open.text, close], { start: open.start, end: open.end });
      return;
    }
    this.reportUnexpectedAfterOperand(node);
    this.bracketsUnreliable = true;
    // Skip to the matching closer (brackets inside are skipped whole).
    let level = 0;
    while (!this.atEnd()) {
      const k = this.tok.kind;
      if (level === 0 && k === closer) {
        this.next();
        return;
      }
      if (k === 'lparen' || k === 'lbrace') level++;
      else if ((k === 'rparen' || k === 'rbrace') && level > 0) level--;
      else if (k === 'rparen' || k === 'rbrace') return; // an outer group's closer
      this.next();
    }
  }

  /** After a complete operand something else came: say what was expected there. */
  private reportUnexpectedAfterOperand(node: KqlNode): void {
    const t = this.tok;
    const range = { start: t.start, end: t.end };
    if (t.kind === 'not') {
      this.report(KqlMessages.notInsideValue, [t.text], range);
      return;
    }
    if (t.kind === 'colon' && node.type === 'is' && node.value.kind === 'literal') {
      this.report(KqlMessages.colonAfterValue, [String(node.value.value)], range);
      return;
    }
    const innermost = this.closers[this.closers.length - 1];
    if ((t.kind === 'rparen' || t.kind === 'rbrace') && innermost === undefined) {
      if (this.bracketsUnreliable) return;
      this.report(KqlMessages.unmatchedClose, [t.text, t.kind === 'rparen' ? '(' : '{'], range);
      return;
    }
    const expected = innermost === undefined ? 'the end of the query' : innermost === 'rparen' ? '[)]' : '[}]';
    this.report(KqlMessages.expectedAfterOperand, [expected, this.describe(t)], range);
  }

  /**
   * `field: value`, `field: (values)`, `path: { query }`, `field > value` or free text. Reports a
   * missing operand (`a and )`, `not`, `:`) and returns an error node without consuming the token.
   */
  private parseExpression(): KqlNode {
    this.skipWs();
    if (!this.startsLiteral()) return this.missingOperand();
    const literal = this.parseLiteral();
    const kind = this.peekKind();
    if (kind === 'colon') {
      this.skipWs();
      const colon = this.next();
      const field = toField(literal);
      this.skipWs();
      if (this.at('lbrace')) {
        const query = this.parseBracketed('rbrace', () => this.parseOr(null));
        return { type: 'nested', path: field, query, range: { start: literal.range.start, end: Math.max(this.prevEnd, query.range.end) } };
      }
      const node = this.parseValues(field, colon);
      node.range = { start: literal.range.start, end: Math.max(node.range.end, colon.end, this.prevEnd) };
      return node;
    }
    if (kind === 'range') {
      this.skipWs();
      const op = this.next();
      this.skipWs();
      const operator = op.text === '<' ? 'lt' : op.text === '<=' ? 'lte' : op.text === '>' ? 'gt' : 'gte';
      if (!this.startsLiteral()) {
        this.report(KqlMessages.expectedRangeValue, [op.text, this.describe(this.tok)], this.atEnd() ? span(op) : span(this.tok));
        return this.errorNode(literal.range.start, op.end);
      }
      const value = this.parseLiteral();
      return {
        type: 'range',
        field: toField(literal),
        operator,
        value: toRangeLiteral(value),
        range: { start: literal.range.start, end: value.range.end },
      };
    }
    return { type: 'is', field: null, value: toValue(literal), range: literal.range };
  }

  private missingOperand(def: KqlMessageDef = KqlMessages.expectedOperand): KqlNode {
    const t = this.tok;
    const before = this.tokenBefore();
    const after = before ? `after [${before.text}] ` : '';
    const range = this.atEnd() && before ? span(before) : span(t);
    this.report(def, [after, this.describe(t)], range);
    return this.errorNode(range.start, range.end);
  }

  /** The last token before the current one that is not whitespace. */
  private tokenBefore(): KqlToken | undefined {
    for (let p = this.pos - 1; p >= 0; p--) if (this.tokens[p].kind !== 'whitespace') return this.tokens[p];
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Values after `field:` — the same or/and/not/parentheses grammar, the field copied into every leaf.

  /** One value or a parenthesised list. `colon` is set for the value right after `field:`. */
  private parseValues(field: KqlField, colon: KqlToken | null): KqlNode {
    this.skipWs();
    if (this.at('lparen')) return this.parseBracketed('rparen', () => this.parseOr(field));
    if (!this.startsLiteral()) {
      if (colon === null) return this.missingOperand(KqlMessages.expectedListValue);
      if (this.at('not')) {
        this.report(KqlMessages.notAfterColon, [field.name], span(this.tok));
        return this.errorNode(colon.start, colon.end);
      }
      this.report(KqlMessages.expectedValue, [':', this.describe(this.tok)], this.atEnd() ? span(colon) : span(this.tok));
      return this.errorNode(colon.start, colon.end);
    }
    const literal = this.parseLiteral();
    return { type: 'is', field, value: toValue(literal), range: literal.range };
  }

  // ---------------------------------------------------------------------------------------------
  // Literals

  /** A quoted string, or a run of unquoted words with the whitespace between them. */
  private parseLiteral(): RawLiteral {
    const first = this.next();
    if (first.kind === 'quoted' || first.kind === 'unterminated-quoted') {
      if (first.kind === 'unterminated-quoted') this.report(KqlMessages.unterminatedString, [], span(first));
      return { quoted: true, pieces: [unescapeQuoted(first.text)], range: span(first) };
    }
    let end = first.end;
    let error = first.error;
    while (this.at('whitespace') && this.tokens[this.pos + 1]?.kind === 'unquoted') {
      this.pos++;
      const word = this.next();
      end = word.end;
      error ??= word.error;
    }
    if (error) this.report(KqlMessages.invalidEscape, [this.text.slice(error.start, error.end)], error);
    const raw = this.text.slice(first.start, end);
    const pieces = trimPieces(unescapeUnquoted(raw).map((p) => (typeof p === 'string' ? p : null)));
    this.warnDanglingOperator(raw, pieces, { start: first.start, end });
    return { quoted: false, pieces, range: { start: first.start, end } };
  }

  /** `foo:bar and` is the value `bar and` in Kibana; almost always an unfinished condition. */
  private warnDanglingOperator(raw: string, pieces: string[], range: TextRange): void {
    const m = /[ \t\r\n\u00a0](and|or|not)$/i.exec(raw);
    if (!m || pieces.length !== 1) return;
    const start = range.end - m[1].length;
    this.report(KqlMessages.danglingOperator, [m[1], pieces[0]], { start, end: range.end }, 'warning');
  }
}

/** The unescaped pieces between wildcards (null marks a wildcard), trimmed as Kibana trims the literal. */
function trimPieces(raw: (string | null)[]): string[] {
  const pieces = raw.filter((p): p is string => p !== null);
  pieces[0] = pieces[0].trimStart();
  pieces[pieces.length - 1] = pieces[pieces.length - 1].trimEnd();
  return pieces;
}

function span(t: KqlToken): TextRange {
  return { start: t.start, end: t.end };
}

function spanOf(nodes: KqlNode[]): TextRange {
  return { start: nodes[0].range.start, end: nodes[nodes.length - 1].range.end };
}

function toValue(literal: RawLiteral): KqlValue {
  if (literal.quoted) return { kind: 'literal', value: literal.pieces[0], quoted: true, range: literal.range };
  if (literal.pieces.length > 1) return { kind: 'wildcard', parts: literal.pieces, range: literal.range } satisfies KqlWildcard;
  const text = literal.pieces[0];
  const value = text === 'true' ? true : text === 'false' ? false : text === 'null' ? null : text;
  return { kind: 'literal', value, quoted: false, range: literal.range };
}

/** A range bound is one literal: a `*` in it is the character (Kibana prints it escaped). */
function toRangeLiteral(literal: RawLiteral): KqlLiteral {
  if (literal.quoted || literal.pieces.length > 1) {
    return { kind: 'literal', value: literal.pieces.join('*'), quoted: literal.quoted, range: literal.range };
  }
  return toValue(literal) as KqlLiteral;
}

function toField(literal: RawLiteral): KqlField {
  return {
    name: literal.pieces.join('*'),
    quoted: literal.quoted,
    wildcard: !literal.quoted && literal.pieces.length > 1,
    range: literal.range,
  };
}
