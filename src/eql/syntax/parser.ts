/**
 * EQL parser: recursive descent over the scanner's tokens, producing the AST in ast.ts.
 *
 * Never throws. Every problem becomes a Diagnostic (codes and texts from messages.ts) and the
 * parser keeps going: a missing expression becomes an 'error' node, an unreadable query an
 * 'error-query' node, and recovery skips to a synchronising token (`]`, `|`, end). One mistake
 * gives one error: the cursor holds back the echoes until a top-level stage closes. Nesting is
 * bounded (MAX_DEPTH) so hostile input cannot overflow the stack, and every loop consumes a
 * token per iteration, so parsing is linear in the input.
 *
 * Layers: tokens.ts (token stream, lexical errors) → cursor.ts (position, diagnostics) →
 * expression-parser.ts (expressions) → this file (statements, queries, stages, pipes).
 */
import type { TextRange } from '../../diagnostic.ts';
import type { EventFilter, Expr, FieldRef, Maxspan, ParseResult, Pipe, Query, Stage, Statement } from './ast.ts';
import { isSyncToken, span } from './cursor.ts';
import { describeExpr, ExpressionParser, type StageContext } from './expression-parser.ts';
import { Messages, type MessageDef } from './messages.ts';
import { isKeywordKind, TokenKind as TokenKinds } from './scanner.ts';
import { editDistance } from './suggest.ts';
import { integerSpan, isTimeUnit, TIME_UNIT_MILLIS } from './time-units.ts';

export { MAX_DEPTH } from './cursor.ts';

// Module-local copy (see cursor.ts).
const TokenKind = TokenKinds;

const SUPPORTED_PIPES = ['head', 'tail'];
const UNSUPPORTED_PIPES = new Set(['count', 'filter', 'sort', 'unique', 'unique_count']);

export function parseQuery(text: string): ParseResult {
  return new Parser(text).parseStatement();
}

class Parser extends ExpressionParser {
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
      do this.next();
      while (!this.at(TokenKind.Pipe) && !this.at(TokenKind.EOF));
    }
    const end = Math.max(this.prevEnd, start);
    const ast: Statement = { kind: 'statement', query, pipes, range: { start: Math.min(start, end), end } };
    this.diagnostics.sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
    return { ast, diagnostics: this.diagnostics };
  }

  private parseQueryPart(): Query {
    switch (this.tok.kind) {
      case TokenKind.Sequence:
        return this.parseSequence();
      case TokenKind.Sample:
        return this.parseSample();
      case TokenKind.Join:
        return this.parseJoin();
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
      this.report(
        inStage ? Messages.expected : Messages.expectedQuery,
        inStage ? ['an event category such as [process] or [any]', this.describe(t)] : [this.describe(t)],
        span(t),
      );
      return null;
    }
    this.next();
    if (this.eat(TokenKind.Where) === null) {
      this.report(Messages.expectedWhere, [category ?? 'any', this.describe(this.tok)], span(this.tok));
      if (this.at(TokenKind.Identifier) && this.tok.value.toLowerCase() === 'where')
        this.next(); // `WHERE`
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
    const errorsBefore = this.errorsSeen;
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
    const stages = this.parseStages('sequence', Messages.expectedStage);
    let until: Stage | null = null;
    for (let untilTok = this.eat(TokenKind.Until); untilTok !== null; untilTok = this.eat(TokenKind.Until)) {
      if (!this.atStageStart()) {
        this.report(Messages.expectedStage, [this.describe(this.tok)], span(this.tok));
        break;
      }
      const stage = this.parseStage('sequence');
      if (this.atStageStart()) {
        // `until` between stages: said at the word, and the stages are read on as if it were not there.
        this.report(Messages.untilNotLast, [], span(untilTok));
        stages.push(stage, ...this.parseStages('sequence', Messages.expectedStage));
        continue;
      }
      until = stage;
      if (until.missing) this.report(Messages.untilMissing, [], { start: until.range.start, end: until.range.start + 2 });
      break;
    }
    // Checks of the whole sequence are only meaningful when it was read without a mistake:
    // a stray token or a broken stage must not also count as a missing stage.
    const clean = this.errorsSeen === errorsBefore;
    // `with runs=N` repeats a stage, so `[a] with runs=3` alone is a valid 3-query sequence.
    const queryCount = stages.reduce((n, s) => n + s.runs, 0);
    if (clean && queryCount === 1) this.report(Messages.sequenceOneStage, [1], span(kw));
    const firstMissing = stages.find((s) => s.missing);
    if (clean && firstMissing !== undefined) {
      if (!maxspanWritten) this.report(Messages.missingNeedsMaxspan, [], { start: firstMissing.range.start, end: firstMissing.range.start + 2 });
      else if (stages.every((s) => s.missing)) this.report(Messages.missingNeedsPositive, [], span(kw));
    }
    return { kind: 'sequence', by, maxspan, stages, until, range: { start: kw.start, end: this.prevEnd } };
  }

  /**
   * The bracketed stages of a sequence or sample, up to `until`, `|` or the end. A stray token
   * between them is one error, at the token; reading carries on at the next stage.
   */
  private parseStages(context: 'sequence' | 'sample', noStage: MessageDef): Stage[] {
    const stages: Stage[] = [];
    for (;;) {
      if (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) {
        const stage = this.parseStage(context);
        stages.push(stage);
        // Python EQL writes `[…] fork=true by k`; after reporting fork, keep the keys.
        if (context === 'sequence' && this.skipFork() && this.at(TokenKind.By)) stage.by = stage.by.concat(this.parseJoinKeys());
        continue;
      }
      // `until` before any stage is a stray token too: the stages that follow are still read.
      const end = this.at(TokenKind.Pipe) || this.at(TokenKind.EOF) || (this.at(TokenKind.Until) && stages.length > 0);
      if (stages.length === 0) this.report(noStage, [this.describe(this.tok)], span(this.tok));
      else if (!end)
        this.report(
          context === 'sequence' ? Messages.unexpectedBetweenStages : Messages.unexpectedBetweenSampleStages,
          [this.describe(this.tok)],
          span(this.tok),
        );
      if (end) return stages;
      do this.next();
      while (
        !this.at(TokenKind.LBracket) &&
        !this.at(TokenKind.BangBracket) &&
        !this.at(TokenKind.Until) &&
        !this.at(TokenKind.Pipe) &&
        !this.at(TokenKind.EOF)
      );
    }
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
    // `sample sequence …`: one stray keyword. The rest is read as the sequence it is, so its
    // `with maxspan` and `with runs` are not reported again as misplaced in a sample.
    if (this.at(TokenKind.Sequence)) {
      this.report(Messages.sampleNoStage, [this.describe(this.tok)], span(this.tok));
      const sequence = this.parseSequence();
      return { kind: 'error-query', range: { start: kw.start, end: sequence.range.end } };
    }
    const by = this.at(TokenKind.By) ? this.parseJoinKeys() : [];
    if (this.at(TokenKind.With)) {
      const w = this.tok;
      this.parseSequenceWith();
      this.reportSequenceOnly(Messages.sampleWith, { start: w.start, end: this.prevEnd });
    }
    const stages = this.parseStages('sample', Messages.sampleNoStage);
    const untilTok = this.tok;
    if (this.eat(TokenKind.Until) !== null) {
      if (this.atStageStart()) this.parseStage('sample');
      this.reportSequenceOnly(Messages.sampleUntil, { start: untilTok.start, end: this.prevEnd });
      // Stages after it are still the sample's: one misplaced word, one error.
      if (this.atStageStart()) stages.push(...this.parseStages('sample', Messages.sampleNoStage));
    }
    return { kind: 'sample', by, stages, range: { start: kw.start, end: this.prevEnd } };
  }

  /** Whether a sequence-only construct (`with`, `![`, `until`) was met outside a sequence already. */
  private sequenceOnlyReported = false;

  /**
   * A sequence-only construct outside a sequence. Reported once per query: several of them
   * (`sample … with maxspan=5m [..] with runs=2 until [..]`) are one mistake — a sequence
   * written as a sample — however many stages resynchronise the parser in between.
   */
  private reportSequenceOnly(def: MessageDef, range: TextRange): void {
    if (this.sequenceOnlyReported) {
      this.errorsSeen++;
      return;
    }
    this.sequenceOnlyReported = true;
    this.report(def, [], range);
  }

  /** `join [..] by k [..] until [..]`: read fully (so later text parses) and rejected. */
  private parseJoin(): Query {
    const kw = this.next();
    this.report(Messages.joinUnsupported, [], span(kw));
    // Its `![` and `with` are part of that one mistake.
    this.sequenceOnlyReported = true;
    if (this.at(TokenKind.By)) this.parseJoinKeys();
    while (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket)) this.parseStage('join');
    if (this.eat(TokenKind.Until) !== null && (this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket))) this.parseStage('join');
    return { kind: 'error-query', range: { start: kw.start, end: this.prevEnd } };
  }

  /** `[filter] by keys with runs=N` or `![filter] …`. The current token is `[` or `![`. */
  protected override parseStage(context: StageContext): Stage {
    const open = this.next();
    const missing = open.kind === TokenKind.BangBracket;
    if (missing && context !== 'sequence') this.reportSequenceOnly(Messages.missingOnlyInSequence, span(open));
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
    // A top-level stage that closes where a stage may end is a sure footing: errors after it
    // are new mistakes. (A `]` typed inside a condition is followed by the rest of it.)
    if (this.eat(TokenKind.RBracket) !== null && this.depth === 0 && this.canFollowStage()) this.resync();
    const by = this.at(TokenKind.By) ? this.parseJoinKeys() : [];
    let runs = 1;
    if (this.at(TokenKind.With)) {
      const w = this.tok;
      runs = this.parseStageWith();
      if (context !== 'sequence') this.reportSequenceOnly(Messages.sampleWith, { start: w.start, end: this.prevEnd });
    }
    return { kind: 'stage', filter, missing, by, runs, range: { start: open.start, end: this.prevEnd } };
  }

  private atStageStart(): boolean {
    return this.at(TokenKind.LBracket) || this.at(TokenKind.BangBracket);
  }

  private canFollowStage(): boolean {
    switch (this.tok.kind) {
      case TokenKind.LBracket:
      case TokenKind.BangBracket:
      case TokenKind.By:
      case TokenKind.With:
      case TokenKind.Until:
      case TokenKind.Pipe:
      case TokenKind.EOF:
        return true;
      default:
        return this.tok.kind === TokenKind.Identifier && this.tok.value === 'fork';
    }
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
      if (this.at(TokenKind.Integer) || this.at(TokenKind.Decimal) || this.at(TokenKind.Identifier) || this.at(TokenKind.True) || this.at(TokenKind.False))
        this.next();
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
          this.report(Messages.maxspanDecimal, [numText + unitText, suggestion], whole, {
            title: `Use ${suggestion}`,
            edits: [{ range: whole, text: suggestion }],
          });
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
}
