/**
 * EQL parser: recursive descent over the scanner's tokens, producing the AST in ast.ts.
 *
 * Never throws. Every problem becomes a Diagnostic (codes and texts from messages.ts) and the
 * parser keeps going: a missing expression becomes an 'error' node, an unreadable query an
 * 'error-query' node, and recovery skips to a synchronising token (`]`, `|`, end). Nesting is
 * bounded (MAX_DEPTH) so hostile input cannot overflow the stack, and every loop consumes a
 * token per iteration, so parsing is linear in the input.
 */
import type { Diagnostic, TextEdit, TextRange } from '../../diagnostic.ts';
import type {
  ArithOp,
  CompareOp,
  ErrorExpr,
  EventFilter,
  Expr,
  FieldRef,
  Literal,
  MatchOp,
  Maxspan,
  ParseResult,
  Pipe,
  Query,
  Stage,
  Statement,
} from './ast.ts';
import { formatMessage, Messages, type MessageDef } from './messages.ts';
import { isKeyword, isKeywordKind, TokenKind as TokenKinds, tokenKindName, type Token } from './scanner.ts';
import { editDistance } from './suggest.ts';
import { integerSpan, isTimeUnit, TIME_UNIT_MILLIS } from './time-units.ts';
import { readTokens } from './tokens.ts';

// Module-local copies: CommonJS-style transpilers (tsx) turn imported bindings into getters,
// which the hot paths below would otherwise call on every token test.
const TokenKind = TokenKinds;
type TokenKind = TokenKinds;

/** Deepest expression nesting accepted; far beyond any real rule, far below stack limits. */
export const MAX_DEPTH = 200;
/** After this many diagnostics the rest are dropped (one more says so). */
const MAX_DIAGNOSTICS = 100;

const SUPPORTED_PIPES = ['head', 'tail'];
const UNSUPPORTED_PIPES = new Set(['count', 'filter', 'sort', 'unique', 'unique_count']);


export function parseQuery(text: string): ParseResult {
  return new Parser(text).parseStatement();
}

/** Tokens after which an expression cannot continue: recovery stops here instead of eating them. */
function isSyncToken(kind: TokenKind): boolean {
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

function compareOpOf(kind: TokenKind): CompareOp | null {
  switch (kind) {
    case TokenKind.Eq: return '==';
    case TokenKind.Neq: return '!=';
    case TokenKind.Lt: return '<';
    case TokenKind.Le: return '<=';
    case TokenKind.Gt: return '>';
    case TokenKind.Ge: return '>=';
    case TokenKind.Assign: return '=='; // reported, then read as == to keep going
    default: return null;
  }
}

function matchOpOf(kind: TokenKind): { op: MatchOp; ci: boolean } | null {
  switch (kind) {
    case TokenKind.Colon: return { op: ':', ci: false };
    case TokenKind.Like: return { op: 'like', ci: false };
    case TokenKind.LikeInsensitive: return { op: 'like', ci: true };
    case TokenKind.Regex: return { op: 'regex', ci: false };
    case TokenKind.RegexInsensitive: return { op: 'regex', ci: true };
    default: return null;
  }
}

class Parser {
  private readonly text: string;
  private readonly tokens: Token[];
  private pos = 0;
  private tok!: Token;
  /** End offset of the last consumed token: where a node that ends here ends. */
  private prevEnd = 0;
  private depth = 0;
  private tooDeepReported = false;
  private readonly diagnostics: Diagnostic[] = [];
  private lastParseErrorStart = -1;
  private truncated = false;

  constructor(text: string) {
    this.text = text;
    this.tokens = readTokens(text, (def, args, range, fix) => this.report(def, args, range, fix, true));
    this.tok = this.tokens[0];
  }

  // -------------------------------------------------------------------------------------------
  // Tokens and diagnostics

  /**
   * Records a diagnostic. Parse errors at the same offset as the previous one are dropped:
   * one mistake often derails several rules, and only the first message is useful.
   */
  private report(def: MessageDef, args: readonly (string | number)[], range: TextRange, fix?: { title: string; edits: TextEdit[] }, lexical = false): void {
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

  private next(): Token {
    const t = this.tok;
    if (t.kind !== TokenKind.EOF) {
      this.prevEnd = t.end;
      this.pos++;
      this.tok = this.tokens[this.pos];
    }
    return t;
  }

  private peek(offset = 1): Token {
    const i = this.pos + offset;
    return i < this.tokens.length ? this.tokens[i] : this.tokens[this.tokens.length - 1];
  }

  private at(kind: TokenKind): boolean {
    return this.tok.kind === kind;
  }

  private eat(kind: TokenKind): Token | null {
    return this.tok.kind === kind ? this.next() : null;
  }

  /** How a token is named in messages: `[==]`, `[where]`, `[process]`, `end of query`. */
  private describe(t: Token): string {
    if (t.kind === TokenKind.EOF) return 'the end of the query';
    const raw = this.text.slice(t.start, t.end);
    // `WHERE`, `AND`…: keywords are case-sensitive, and this is the usual reason for the error.
    if (t.kind === TokenKind.Identifier && raw !== raw.toLowerCase() && isKeyword(raw.toLowerCase())) {
      return `[${raw}] (keywords are lowercase: [${raw.toLowerCase()}])`;
    }
    return `[${raw.length > 30 ? raw.slice(0, 30) + '…' : raw}]`;
  }

  private expect(kind: TokenKind): boolean {
    if (this.eat(kind) !== null) return true;
    this.report(Messages.expected, [`[${tokenKindName(kind)}]`, this.describe(this.tok)], span(this.tok));
    return false;
  }

  private errorExpr(start: number, end: number): ErrorExpr {
    return { kind: 'error', range: { start, end } };
  }

  // -------------------------------------------------------------------------------------------
  // Statement, queries

  parseStatement(): ParseResult {
    const start = this.tok.start;
    const query = this.parseQueryPart();
    const pipes: Pipe[] = [];
    for (;;) {
      if (this.at(TokenKind.Pipe)) {
        pipes.push(this.parsePipe(query.kind === 'sample'));
        continue;
      }
      if (this.at(TokenKind.EOF)) break;
      // Leftovers: say so once, then skip to the next pipe (or the end).
      const def = query.kind === 'event' && pipes.length === 0 ? Messages.missingOperator : Messages.unexpectedAfterQuery;
      this.report(def, [this.describe(this.tok)], span(this.tok));
      do this.next(); while (!this.at(TokenKind.Pipe) && !this.at(TokenKind.EOF));
    }
    const end = Math.max(this.prevEnd, start);
    const ast: Statement = { kind: 'statement', query, pipes, range: { start: Math.min(start, end), end } };
    this.diagnostics.sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
    return { ast, diagnostics: this.diagnostics };
  }

  private parseQueryPart(): Query {
    switch (this.tok.kind) {
      case TokenKind.Sequence: return this.parseSequence();
      case TokenKind.Sample: return this.parseSample();
      case TokenKind.Join: return this.parseJoin();
      default: {
        const start = this.tok.start;
        const filter = this.parseEventFilter(false);
        if (filter === null) return { kind: 'error-query', range: { start, end: Math.max(start, this.prevEnd) } };
        return { kind: 'event', filter, range: filter.range };
      }
    }
  }

  /**
   * `cat where cond` / `"cat" where cond` / `any where cond`. Returns null when not even a
   * category was there (after reporting); a missing `where` is reported and skipped over.
   */
  private parseEventFilter(inStage: boolean): EventFilter | null {
    const t = this.tok;
    let category: string | null;
    if (t.kind === TokenKind.Any) category = null;
    else if (t.kind === TokenKind.Identifier || t.kind === TokenKind.String) category = t.value;
    else if (t.kind === TokenKind.Where) {
      this.report(Messages.expected, ['an event category such as [process] or [any]', this.describe(t)], span(t));
      this.next();
      const condition = this.parseExpression();
      return { kind: 'filter', category: '', categoryRange: { start: t.start, end: t.start }, condition, range: { start: t.start, end: this.prevEnd } };
    } else {
      this.report(inStage ? Messages.expected : Messages.expectedQuery, inStage ? ['an event category such as [process] or [any]', this.describe(t)] : [this.describe(t)], span(t));
      return null;
    }
    this.next();
    if (this.eat(TokenKind.Where) === null) {
      this.report(Messages.expectedWhere, [category ?? 'any', this.describe(this.tok)], span(this.tok));
      if (this.at(TokenKind.Identifier) && this.tok.value.toLowerCase() === 'where') this.next(); // `WHERE`
      else if (isSyncToken(this.tok.kind)) {
        const condition = this.errorExpr(this.tok.start, this.tok.start);
        return { kind: 'filter', category, categoryRange: span(t), condition, range: { start: t.start, end: this.prevEnd } };
      }
    }
    const condition = this.parseExpression();
    return { kind: 'filter', category, categoryRange: span(t), condition, range: { start: t.start, end: this.prevEnd } };
  }

  private parseSequence(): Query {
    const kw = this.next();
    let by: FieldRef[] = [];
    let maxspan: Maxspan | null = null;
    if (this.at(TokenKind.By)) by = this.parseJoinKeys();
    // Whether a maxspan was written at all, valid or not (a bad one is reported already).
    let maxspanWritten = false;
    if (this.at(TokenKind.With)) {
      maxspanWritten = this.peek().kind === TokenKind.Maxspan;
      maxspan = this.parseSequenceWith();
    }
    if (this.at(TokenKind.By)) {
      const byTok = this.tok;
      const keys = this.parseJoinKeys();
      this.report(Messages.byAfterWith, [], { start: byTok.start, end: this.prevEnd });
      by = by.concat(keys);
    }
    const stages: Stage[] = [];
    while (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) {
      const stage = this.parseStage('sequence');
      stages.push(stage);
      // Python EQL writes `[…] fork=true by k`; after reporting fork, keep the keys.
      if (this.skipFork() && this.at(TokenKind.By)) stage.by = stage.by.concat(this.parseJoinKeys());
    }
    // `with runs=N` repeats a stage, so `[a] with runs=3` alone is a valid 3-query sequence.
    const queryCount = stages.reduce((n, s) => n + s.runs, 0);
    if (stages.length === 0) {
      this.report(Messages.expectedStage, [this.describe(this.tok)], span(this.tok));
    } else if (queryCount === 1) {
      this.report(Messages.sequenceOneStage, [1], span(kw));
    }
    let until: Stage | null = null;
    const untilTok = this.eat(TokenKind.Until);
    if (untilTok !== null) {
      if (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) {
        until = this.parseStage('sequence');
        if (until.missing) this.report(Messages.untilMissing, [], { start: until.range.start, end: until.range.start + 2 });
      } else {
        this.report(Messages.expectedStage, [this.describe(this.tok)], span(this.tok));
      }
    }
    const firstMissing = stages.find((s) => s.missing);
    if (firstMissing !== undefined) {
      if (!maxspanWritten) this.report(Messages.missingNeedsMaxspan, [], { start: firstMissing.range.start, end: firstMissing.range.start + 2 });
      else if (stages.every((s) => s.missing)) this.report(Messages.missingNeedsPositive, [], span(kw));
    }
    return { kind: 'sequence', by, maxspan, stages, until, range: { start: kw.start, end: this.prevEnd } };
  }

  /** Python EQL's `fork` / `fork=true` after a stage. */
  private skipFork(): boolean {
    const t = this.tok;
    if (t.kind !== TokenKind.Identifier || t.value !== 'fork') return false;
    this.next();
    if (this.eat(TokenKind.Assign) !== null || this.eat(TokenKind.Eq) !== null) {
      if (this.at(TokenKind.True) || this.at(TokenKind.False) || this.at(TokenKind.Identifier)) this.next();
    }
    this.report(Messages.forkUnsupported, [], { start: t.start, end: this.prevEnd });
    return true;
  }

  private parseSample(): Query {
    const kw = this.next();
    const by = this.at(TokenKind.By) ? this.parseJoinKeys() : [];
    if (this.at(TokenKind.With)) {
      const w = this.tok;
      this.parseSequenceWith();
      this.report(Messages.sampleWith, [], { start: w.start, end: this.prevEnd });
    }
    const stages: Stage[] = [];
    while (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) stages.push(this.parseStage('sample'));
    if (stages.length === 0) this.report(Messages.sampleNoStage, [this.describe(this.tok)], span(this.tok));
    const untilTok = this.tok;
    if (this.eat(TokenKind.Until) !== null) {
      if (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) this.parseStage('sample');
      this.report(Messages.sampleUntil, [], { start: untilTok.start, end: this.prevEnd });
    }
    return { kind: 'sample', by, stages, range: { start: kw.start, end: this.prevEnd } };
  }

  /** `join [..] by k [..] until [..]`: read fully (so later text parses) and rejected. */
  private parseJoin(): Query {
    const kw = this.next();
    this.report(Messages.joinUnsupported, [], span(kw));
    if (this.at(TokenKind.By)) this.parseJoinKeys();
    while (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) this.parseStage('join');
    if (this.eat(TokenKind.Until) !== null && (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket))) this.parseStage('join');
    return { kind: 'error-query', range: { start: kw.start, end: this.prevEnd } };
  }

  /** `[filter] by keys with runs=N` or `![filter] …`. The current token is `[` or `![`. */
  private parseStage(context: 'sequence' | 'sample' | 'join'): Stage {
    const open = this.next();
    const missing = open.kind === TokenKind.BangBracket;
    if (missing && context !== 'sequence') this.report(Messages.missingOnlyInSequence, [], span(open));
    const filter = this.parseEventFilter(true) ?? {
      kind: 'filter' as const,
      category: '',
      categoryRange: { start: this.tok.start, end: this.tok.start },
      condition: this.errorExpr(this.tok.start, this.tok.start),
      range: { start: this.tok.start, end: this.tok.start },
    };
    if (!this.at(TokenKind.RBracket)) {
      this.report(Messages.expected, ['[]]', this.describe(this.tok)], span(this.tok));
      this.skipToStageEnd();
    }
    this.eat(TokenKind.RBracket);
    const by = this.at(TokenKind.By) ? this.parseJoinKeys() : [];
    let runs = 1;
    if (this.at(TokenKind.With)) {
      const w = this.tok;
      runs = this.parseStageWith();
      if (context !== 'sequence') this.report(Messages.sampleWith, [], { start: w.start, end: this.prevEnd });
    }
    return { kind: 'stage', filter, missing, by, runs, range: { start: open.start, end: this.prevEnd } };
  }

  /** Recovery inside `[ … ]`: skip to the matching `]`, or stop before the next stage. */
  private skipToStageEnd(): void {
    let nesting = 0;
    for (;;) {
      const k = this.tok.kind;
      if (k === TokenKind.EOF) return;
      if (nesting === 0) {
        if (k === TokenKind.RBracket || k === TokenKind.BangBracket || k === TokenKind.Pipe || k === TokenKind.Until) return;
        if (k === TokenKind.LBracket && this.peek().kind !== TokenKind.Integer) return;
      }
      if (k === TokenKind.LParen || k === TokenKind.LBracket) nesting++;
      else if ((k === TokenKind.RParen || k === TokenKind.RBracket) && nesting > 0) nesting--;
      this.next();
    }
  }

  /** `by a, ?b, c` → fields; anything that is not a field is reported and dropped. */
  private parseJoinKeys(): FieldRef[] {
    this.next(); // by
    const keys: FieldRef[] = [];
    if (isSyncToken(this.tok.kind)) {
      this.report(Messages.expected, ['a field name after [by]', this.describe(this.tok)], span(this.tok));
      return keys;
    }
    do {
      const e = this.parseExpression();
      if (e.kind === 'field') keys.push(e);
      else if (e.kind !== 'error') this.report(Messages.joinKeyNotField, [describeExpr(e)], e.range);
    } while (this.eat(TokenKind.Comma) !== null);
    return keys;
  }

  /** After `sequence [by …]`: `with maxspan=5m` (or the wrong options, reported). */
  private parseSequenceWith(): Maxspan | null {
    this.next(); // with
    const t = this.tok;
    if (t.kind === TokenKind.Maxspan) {
      this.next();
      this.expectAssign();
      return this.parseTimeUnit(t.start);
    }
    if (t.kind === TokenKind.Identifier && t.value === 'runs') {
      this.next();
      this.expectAssign();
      this.parseRunsValue();
      this.report(Messages.runsOnSequence, [], { start: t.start, end: this.prevEnd });
      return null;
    }
    if (t.kind === TokenKind.Identifier && t.value === 'fork') {
      this.skipFork();
      return null;
    }
    this.report(Messages.expectedWithOption, [this.describe(t)], span(t));
    return null;
  }

  /** After a stage: `with runs=N`. Returns N (1 when invalid). */
  private parseStageWith(): number {
    this.next(); // with
    const t = this.tok;
    if (t.kind === TokenKind.Identifier && t.value === 'runs') {
      this.next();
      this.expectAssign();
      return this.parseRunsValue();
    }
    if (t.kind === TokenKind.Maxspan) {
      this.next();
      this.expectAssign();
      this.parseTimeUnit(t.start);
      this.report(Messages.maxspanOnStage, [], { start: t.start, end: this.prevEnd });
      return 1;
    }
    if (t.kind === TokenKind.Identifier) {
      this.next();
      this.expectAssign();
      if (this.at(TokenKind.Integer) || this.at(TokenKind.Decimal) || this.at(TokenKind.Identifier) || this.at(TokenKind.True) || this.at(TokenKind.False)) this.next();
      this.report(Messages.stageWithKey, [t.value], span(t));
      return 1;
    }
    this.report(Messages.expected, ['[runs]', this.describe(t)], span(t));
    return 1;
  }

  /** `=` in `maxspan=` / `runs=`; `==` is accepted after a report so the value still parses. */
  private expectAssign(): void {
    if (this.eat(TokenKind.Assign) !== null) return;
    this.report(Messages.expected, ['[=]', this.describe(this.tok)], span(this.tok));
    if (this.at(TokenKind.Eq) || this.at(TokenKind.Colon)) this.next();
  }

  private parseRunsValue(): number {
    const t = this.tok;
    if (t.kind === TokenKind.Integer) {
      this.next();
      const n = Number(this.text.slice(t.start, t.end));
      if (n < 1 || n > 100) {
        this.report(Messages.runsRange, [this.text.slice(t.start, t.end)], span(t));
        return 1;
      }
      return n;
    }
    if (t.kind === TokenKind.Decimal || t.kind === TokenKind.Minus) {
      const start = t.start;
      this.next();
      if (t.kind === TokenKind.Minus && (this.at(TokenKind.Integer) || this.at(TokenKind.Decimal))) this.next();
      this.report(Messages.runsNotInteger, [this.text.slice(start, this.prevEnd)], { start, end: this.prevEnd });
      return 1;
    }
    this.report(Messages.expected, ['a number of runs such as [2]', this.describe(t)], span(t));
    return 1;
  }

  /** `5m`, `5 m`, with the maxspan messages of Elasticsearch for everything else. */
  private parseTimeUnit(start: number): Maxspan | null {
    const num = this.tok;
    if (num.kind !== TokenKind.Integer && num.kind !== TokenKind.Decimal) {
      this.report(Messages.maxspanValue, [this.describe(num)], span(num));
      return null;
    }
    this.next();
    const numText = this.text.slice(num.start, num.end);
    const unitTok = this.at(TokenKind.Identifier) ? this.next() : null;
    const unitText = unitTok === null ? '' : unitTok.value;
    const whole = { start: num.start, end: this.prevEnd };
    const value = Number(numText);
    if (num.kind === TokenKind.Decimal) {
      if (unitTok !== null && isTimeUnit(unitText)) {
        const suggestion = integerSpan(value, unitText);
        if (suggestion !== null) {
          this.report(Messages.maxspanDecimal, [numText + unitText, suggestion], whole, { title: `Use ${suggestion}`, edits: [{ range: whole, text: suggestion }] });
        } else {
          this.report(Messages.maxspanDecimal, [numText + unitText, `${Math.max(1, Math.round(value))}${unitText}`], whole);
        }
      } else {
        this.report(Messages.maxspanDecimalNoUnit, [numText + unitText], whole);
      }
      return null;
    }
    if (unitTok === null) {
      // No fix: seconds is a guess, and fixes are only attached when they are certain.
      this.report(Messages.maxspanNoUnit, [numText], span(num));
      return null;
    }
    if (!isTimeUnit(unitText)) {
      this.report(Messages.maxspanUnit, [unitText, numText + unitText], span(unitTok));
      return null;
    }
    if (value <= 0) {
      this.report(Messages.maxspanZero, [numText], whole);
      return null;
    }
    return { kind: 'maxspan', value, unit: unitText, millis: value * TIME_UNIT_MILLIS[unitText], range: { start, end: this.prevEnd } };
  }

  // -------------------------------------------------------------------------------------------
  // Pipes

  private parsePipe(afterSample: boolean): Pipe {
    const bar = this.next();
    const nameTok = this.tok;
    let name = '';
    let nameRange = { start: nameTok.start, end: nameTok.start };
    if (nameTok.kind === TokenKind.Identifier) {
      this.next();
      name = nameTok.value;
      nameRange = span(nameTok);
    } else if (isKeywordKind(nameTok.kind)) {
      // `| sample`, `| sequence`…: a name, just not a pipe that exists.
      this.next();
      name = this.text.slice(nameTok.start, nameTok.end);
      nameRange = span(nameTok);
    } else {
      this.report(Messages.expectedPipeName, [this.describe(nameTok)], span(nameTok));
    }
    const args: Expr[] = [];
    if (!this.at(TokenKind.Pipe) && !this.at(TokenKind.EOF) && name !== '') {
      if (name === 'head' || name === 'tail') {
        do args.push(this.parseExpression());
        while (this.eat(TokenKind.Comma) !== null);
      } else {
        // Python EQL separates pipe arguments with spaces (`| unique a b`). The pipe itself is
        // reported below, so read its arguments either way rather than add a second error.
        for (;;) {
          const before = this.pos;
          args.push(this.parseExpression());
          this.eat(TokenKind.Comma);
          if (this.pos === before || this.at(TokenKind.Pipe) || this.at(TokenKind.EOF)) break;
        }
      }
    }
    const range = { start: bar.start, end: this.prevEnd };
    if (afterSample) this.report(Messages.pipeAfterSample, [], range);
    else if (name !== '') this.checkPipe(name, nameRange, args, range);
    return { kind: 'pipe', name, nameRange, args, range };
  }

  private checkPipe(name: string, nameRange: TextRange, args: Expr[], range: TextRange): void {
    if (name === 'head' || name === 'tail') {
      if (args.length !== 1) {
        this.report(Messages.pipeArgCount, [name, args.length], args.length === 0 ? nameRange : { start: args[0].range.start, end: range.end });
        return;
      }
      const a = args[0];
      if (a.kind !== 'literal' || (a.type !== 'integer' && a.type !== 'long')) {
        if (a.kind !== 'error') this.report(Messages.pipeArgInteger, [name, this.text.slice(a.range.start, a.range.end)], a.range);
      }
      return;
    }
    if (UNSUPPORTED_PIPES.has(name)) {
      this.report(Messages.pipeUnsupported, [name], nameRange);
      return;
    }
    const suggestion = SUPPORTED_PIPES.find((p) => editDistance(name.toLowerCase(), p) <= 2);
    if (suggestion !== undefined) {
      this.report(Messages.pipeUnknownSuggest, [name, suggestion], nameRange);
    } else {
      this.report(Messages.pipeUnknown, [name], nameRange);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Expressions, loosest first: or, and, not, comparison, + -, * / %, unary, predicate, primary.

  /** Too deep: reported once; the caller then skips what it cannot nest. */
  private enterDeep(at: TextRange): boolean {
    if (this.depth < MAX_DEPTH) return true;
    this.reportTooDeep(at);
    return false;
  }

  private reportTooDeep(at: TextRange): void {
    if (!this.tooDeepReported) {
      this.tooDeepReported = true;
      this.report(Messages.tooDeep, [MAX_DEPTH], at, undefined, true);
    }
  }

  parseExpression(): Expr {
    return this.parseLogical('or');
  }

  /** Flat n-ary chains; a parenthesized chain of the same operator is merged in. */
  private parseLogical(op: 'and' | 'or'): Expr {
    const kind = op === 'or' ? TokenKind.Or : TokenKind.And;
    const first = op === 'or' ? this.parseLogical('and') : this.parseNot();
    if (!this.at(kind)) return first;
    const operands: Expr[] = [];
    const add = (e: Expr) => {
      if (e.kind === 'logical' && e.op === op) for (const o of e.operands) operands.push(o);
      else operands.push(e);
    };
    add(first);
    while (this.eat(kind) !== null) add(op === 'or' ? this.parseLogical('and') : this.parseNot());
    return { kind: 'logical', op, operands, range: { start: first.range.start, end: this.prevEnd } };
  }

  private parseNot(): Expr {
    const t = this.tok;
    if (t.kind === TokenKind.Not) {
      if (!this.enterDeep(span(t))) {
        while (this.at(TokenKind.Not)) this.next();
        this.parseComparison();
        return this.errorExpr(t.start, this.prevEnd);
      }
      this.next();
      this.depth++;
      const operand = this.parseNot();
      this.depth--;
      return { kind: 'not', operand, range: { start: t.start, end: this.prevEnd } };
    }
    if (t.kind === TokenKind.Identifier && this.peek().kind === TokenKind.Of) {
      // Python EQL's `descendant of [...]`, `child of [...]`, `event of [...]`.
      this.next();
      const of = this.next();
      if ((this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) && this.enterDeep(span(this.tok))) {
        this.depth++;
        this.parseStage('join');
        this.depth--;
      }
      this.report(Messages.relationshipUnsupported, [t.value], { start: t.start, end: of.end });
      return this.errorExpr(t.start, this.prevEnd);
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parseArith(0);
    let op = compareOpOf(this.tok.kind);
    if (op === null) return left;
    let opTok = this.next();
    if (opTok.kind === TokenKind.Assign) this.reportAssign(opTok);
    const right = this.parseArith(0);
    const result: Expr = { kind: 'compare', op, opRange: span(opTok), left, right, range: { start: left.range.start, end: this.prevEnd } };
    // `a < b < c`: reported, and the extra operands are read and dropped to keep the tree flat.
    while ((op = compareOpOf(this.tok.kind)) !== null) {
      opTok = this.next();
      this.report(Messages.chainedComparison, [], span(opTok));
      this.parseArith(0);
      result.range = { start: result.range.start, end: this.prevEnd };
    }
    return result;
  }

  private reportAssign(t: Token): void {
    this.report(Messages.assign, [], span(t), { title: 'Replace = with ==', edits: [{ range: span(t), text: '==' }] });
  }

  /** Binary arithmetic: level 0 is `+ -`, level 1 is `* / %`. Left-associative, iterative. */
  private parseArith(level: 0 | 1): Expr {
    let left = level === 0 ? this.parseArith(1) : this.parseUnary();
    let chain = 0;
    for (;;) {
      const k = this.tok.kind;
      let op: ArithOp;
      if (level === 0 && k === TokenKind.Plus) op = '+';
      else if (level === 0 && k === TokenKind.Minus) op = '-';
      else if (level === 1 && k === TokenKind.Star) op = '*';
      else if (level === 1 && k === TokenKind.Slash) op = '/';
      else if (level === 1 && k === TokenKind.Percent) op = '%';
      else return left;
      const opTok = this.next();
      // A long chain builds a deep left-nested tree; bound it like any other nesting.
      if (this.depth + ++chain > MAX_DEPTH) {
        // Read the rest of the chain flat and give up on it.
        this.reportTooDeep(span(opTok));
        if (level === 0) this.parseArith(1);
        else this.parseUnary();
        left = this.errorExpr(left.range.start, this.prevEnd);
        continue;
      }
      const right = level === 0 ? this.parseArith(1) : this.parseUnary();
      left = { kind: 'arith', op, left, right, range: { start: left.range.start, end: this.prevEnd } };
    }
  }

  private parseUnary(): Expr {
    const t = this.tok;
    if (t.kind === TokenKind.Minus || t.kind === TokenKind.Plus) {
      if (!this.enterDeep(span(t))) {
        while (this.at(TokenKind.Minus) || this.at(TokenKind.Plus)) this.next();
        this.parsePredicate();
        return this.errorExpr(t.start, this.prevEnd);
      }
      this.next();
      this.depth++;
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'unary', op: t.kind === TokenKind.Minus ? '-' : '+', operand, range: { start: t.start, end: this.prevEnd } };
    }
    return this.parsePredicate();
  }

  /** A primary, then optionally `in (…)`, `not in (…)`, `: …`, `like …`, `regex …`. */
  private parsePredicate(): Expr {
    const operand = this.parsePrimary();
    const t = this.tok;
    if (t.kind === TokenKind.In || t.kind === TokenKind.InInsensitive) {
      this.next();
      return this.parseInList(operand, false, t.kind === TokenKind.InInsensitive);
    }
    if (t.kind === TokenKind.Not) {
      const after = this.peek();
      if (after.kind === TokenKind.In || after.kind === TokenKind.InInsensitive) {
        this.next();
        this.next();
        return this.parseInList(operand, true, after.kind === TokenKind.InInsensitive);
      }
      const m = matchOpOf(after.kind);
      if (m !== null) {
        // `x not like "a"`: say where `not` goes, and read it as `not x like "a"`.
        const opText = this.text.slice(after.start, after.end);
        this.report(Messages.notBeforeMatch, [opText], { start: t.start, end: after.end }, {
          title: `Move not before the operand`,
          edits: [
            { range: { start: operand.range.start, end: operand.range.start }, text: 'not ' },
            { range: { start: t.start, end: after.start }, text: '' },
          ],
        });
        this.next();
        this.next();
        const match = this.parseMatch(operand, m.op, m.ci, span(after));
        return { kind: 'not', operand: match, range: { start: operand.range.start, end: this.prevEnd } };
      }
      return operand;
    }
    const m = matchOpOf(t.kind);
    if (m !== null) {
      this.next();
      return this.parseMatch(operand, m.op, m.ci, span(t));
    }
    return operand;
  }

  private parseInList(operand: Expr, negated: boolean, caseInsensitive: boolean): Expr {
    const values: Expr[] = [];
    if (this.at(TokenKind.LParen) && !this.enterDeep(span(this.tok))) {
      this.skipBalanced();
      return this.errorExpr(operand.range.start, this.prevEnd);
    }
    if (this.expect(TokenKind.LParen)) {
      if (this.at(TokenKind.RParen)) {
        this.report(Messages.emptyList, [], span(this.tok));
      } else {
        this.depth++;
        do values.push(this.parseExpression());
        while (this.eat(TokenKind.Comma) !== null);
        this.depth--;
      }
      this.expect(TokenKind.RParen);
    }
    return { kind: 'in', operand, values, negated, caseInsensitive, range: { start: operand.range.start, end: this.prevEnd } };
  }

  private parseMatch(operand: Expr, op: MatchOp, caseInsensitive: boolean, opRange: TextRange): Expr {
    const patterns: Literal[] = [];
    let list = false;
    if (this.at(TokenKind.LParen)) {
      list = true;
      this.next();
      if (this.at(TokenKind.RParen)) this.report(Messages.emptyList, [], span(this.tok));
      else {
        do this.parsePattern(op, patterns);
        while (this.eat(TokenKind.Comma) !== null);
      }
      this.expect(TokenKind.RParen);
    } else {
      this.parsePattern(op, patterns);
    }
    return { kind: 'match', op, caseInsensitive, opRange, operand, patterns, list, range: { start: operand.range.start, end: this.prevEnd } };
  }

  /** One right-hand side of `:`/like/regex: must be a constant. Anything else is reported. */
  private parsePattern(op: MatchOp, into: Literal[]): void {
    const lit = this.parseConstant();
    if (lit !== null) {
      into.push(lit);
      return;
    }
    const e = this.parseArith(0);
    if (e.kind !== 'error') this.report(Messages.matchNeedsLiteral, [op, describeExpr(e)], e.range);
  }

  private parseConstant(): Literal | null {
    const t = this.tok;
    const raw = () => this.text.slice(t.start, t.end);
    switch (t.kind) {
      case TokenKind.String:
        this.next();
        return { kind: 'literal', value: t.value, type: 'string', raw: raw(), range: span(t) };
      case TokenKind.Integer: {
        this.next();
        const r = raw();
        return { kind: 'literal', value: Number(r), type: integerType(r), raw: r, range: span(t) };
      }
      case TokenKind.Decimal:
        this.next();
        return { kind: 'literal', value: Number(raw()), type: 'double', raw: raw(), range: span(t) };
      case TokenKind.True:
      case TokenKind.False:
        this.next();
        return { kind: 'literal', value: t.kind === TokenKind.True, type: 'boolean', raw: raw(), range: span(t) };
      case TokenKind.Null:
        this.next();
        return { kind: 'literal', value: null, type: 'null', raw: raw(), range: span(t) };
      default:
        return null;
    }
  }

  private parsePrimary(): Expr {
    const lit = this.parseConstant();
    if (lit !== null) return lit;
    const t = this.tok;
    switch (t.kind) {
      case TokenKind.LParen: {
        if (!this.enterDeep(span(t))) return this.skipBalanced();
        this.next();
        this.depth++;
        const inner = this.parseExpression();
        this.depth--;
        this.expect(TokenKind.RParen);
        return inner;
      }
      case TokenKind.Identifier:
        if (this.peek().kind === TokenKind.LParen) return this.parseCall(false);
        return this.parseField();
      case TokenKind.TildeIdentifier:
        if (this.peek().kind === TokenKind.LParen) return this.parseCall(true);
        this.report(Messages.tildeNeedsCall, [t.value], span(t));
        this.next();
        return this.errorExpr(t.start, t.end);
      case TokenKind.QuotedIdentifier:
      case TokenKind.Question:
        return this.parseField();
      default:
        if (isKeywordKind(t.kind) && this.peek().kind === TokenKind.Dot && !isSyncToken(t.kind)) {
          return this.parseField();
        }
        this.report(Messages.expectedExpression, [this.describe(t)], span(t));
        if (!isSyncToken(t.kind) && !isOperatorToken(t.kind)) this.next();
        return this.errorExpr(t.start, t.kind === TokenKind.EOF ? t.start : this.prevEnd);
    }
  }

  /** Too deep at `(`: skip to its matching `)` without recursing. */
  private skipBalanced(): Expr {
    const start = this.tok.start;
    let nesting = 0;
    do {
      const k = this.tok.kind;
      if (k === TokenKind.LParen) nesting++;
      else if (k === TokenKind.RParen) nesting--;
      this.next();
    } while (nesting > 0 && !this.at(TokenKind.EOF));
    return this.errorExpr(start, this.prevEnd);
  }

  private parseCall(caseInsensitive: boolean): Expr {
    const nameTok = this.next();
    if (!this.enterDeep(span(this.tok))) {
      this.skipBalanced();
      return this.errorExpr(nameTok.start, this.prevEnd);
    }
    this.next(); // (
    const args: Expr[] = [];
    if (!this.at(TokenKind.RParen)) {
      this.depth++;
      do args.push(this.parseExpression());
      while (this.eat(TokenKind.Comma) !== null);
      this.depth--;
    }
    this.expect(TokenKind.RParen);
    // nameRange excludes the `~`, like `name`.
    const nameRange = { start: nameTok.start, end: caseInsensitive ? nameTok.end - 1 : nameTok.end };
    return { kind: 'call', name: nameTok.value, nameRange, caseInsensitive, args, range: { start: nameTok.start, end: this.prevEnd } };
  }

  /** `?`? name (`.` name | `[` digits `]`)*, where a name is an identifier or `` `quoted` ``. */
  private parseField(): Expr {
    const start = this.tok.start;
    const optional = this.eat(TokenKind.Question) !== null;
    const path: string[] = [];
    if (!this.readFieldSegment(path)) {
      this.report(Messages.expected, ['a field name', this.describe(this.tok)], span(this.tok));
      return this.errorExpr(start, this.prevEnd);
    }
    for (;;) {
      if (this.at(TokenKind.Dot)) {
        this.next();
        if (this.at(TokenKind.Question)) {
          this.report(Messages.optionalPosition, [], span(this.tok));
          this.next();
        }
        if (!this.readFieldSegment(path)) {
          this.report(Messages.expected, ['a field name after [.]', this.describe(this.tok)], span(this.tok));
          break;
        }
      } else if (this.at(TokenKind.LBracket) && this.peek().kind === TokenKind.Integer) {
        const open = this.next();
        while (this.at(TokenKind.Integer)) this.next();
        this.expect(TokenKind.RBracket);
        const range = { start: open.start, end: this.prevEnd };
        this.report(Messages.arrayIndex, [this.text.slice(start, range.end)], range);
      } else {
        break;
      }
    }
    return { kind: 'field', path, name: path.join('.'), optional, range: { start, end: this.prevEnd } };
  }

  /** Reads one path segment; a reserved word is reported (with a backquote fix) and accepted. */
  private readFieldSegment(path: string[]): boolean {
    const t = this.tok;
    if (t.kind === TokenKind.Identifier || t.kind === TokenKind.QuotedIdentifier) {
      this.next();
      path.push(t.value);
      return true;
    }
    if (isKeywordKind(t.kind) && t.kind !== TokenKind.InInsensitive && t.kind !== TokenKind.LikeInsensitive && t.kind !== TokenKind.RegexInsensitive) {
      const word = this.text.slice(t.start, t.end);
      this.report(Messages.reservedWord, [word], span(t), { title: `Quote ${word}`, edits: [{ range: span(t), text: '`' + word + '`' }] });
      this.next();
      path.push(word);
      return true;
    }
    return false;
  }
}

function span(t: TextRange): TextRange {
  return { start: t.start, end: t.end };
}

function isOperatorToken(kind: TokenKind): boolean {
  return compareOpOf(kind) !== null || matchOpOf(kind) !== null || kind === TokenKind.In || kind === TokenKind.InInsensitive;
}

function describeExpr(e: Expr): string {
  switch (e.kind) {
    case 'field': return `the field [${e.name}]`;
    case 'call': return `a function call [${e.name}(…)]`;
    case 'literal': return `the literal [${e.raw}]`;
    default: return 'an expression';
  }
}

/** `integer` if it fits in 32 bits, `long` if in 64, otherwise `double` (as Elasticsearch). */
function integerType(raw: string): 'integer' | 'long' | 'double' {
  let digits = raw;
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  digits = digits.slice(i);
  if (digits.length < 10) return 'integer';
  if (digits.length > 19) return 'double';
  const big = BigInt(digits);
  if (big <= 2147483647n) return 'integer';
  if (big <= 9223372036854775807n) return 'long';
  return 'double';
}
