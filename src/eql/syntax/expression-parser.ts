/**
 * Expression parsing, loosest binding first: or, and, not, comparison, + -, * / %, unary,
 * predicate (`in`, `:`, `like`, `regex` on a primary), primary. and/or chains come out flat;
 * prefix chains and arithmetic chains count against MAX_DEPTH.
 */
import type { TextRange } from '../../diagnostic.ts';
import type { ArithOp, CompareOp, Expr, Literal, MatchOp, Stage } from './ast.ts';
import { isSyncToken, MAX_DEPTH, span, TokenCursor } from './cursor.ts';
import { Messages } from './messages.ts';
import { isKeywordKind, TokenKind as TokenKinds, type Token } from './scanner.ts';

// Module-local copies (see cursor.ts).
const TokenKind = TokenKinds;
type TokenKind = TokenKinds;

/** Where a bracketed `[cat where …]` term appears; the query parser reads those. */
export type StageContext = 'sequence' | 'sample' | 'join';

function compareOpOf(kind: TokenKind): CompareOp | null {
  switch (kind) {
    case TokenKind.Eq:
      return '==';
    case TokenKind.Neq:
      return '!=';
    case TokenKind.Lt:
      return '<';
    case TokenKind.Le:
      return '<=';
    case TokenKind.Gt:
      return '>';
    case TokenKind.Ge:
      return '>=';
    case TokenKind.Assign:
      return '=='; // reported, then read as == to keep going
    default:
      return null;
  }
}

interface MatchOperator {
  op: MatchOp;
  ci: boolean;
}

// Shared, so that testing every primary for a following operator allocates nothing.
const COLON: MatchOperator = { op: ':', ci: false };
const LIKE: MatchOperator = { op: 'like', ci: false };
const LIKE_CI: MatchOperator = { op: 'like', ci: true };
const REGEX: MatchOperator = { op: 'regex', ci: false };
const REGEX_CI: MatchOperator = { op: 'regex', ci: true };

function matchOpOf(kind: TokenKind): MatchOperator | null {
  switch (kind) {
    case TokenKind.Colon:
      return COLON;
    case TokenKind.Like:
      return LIKE;
    case TokenKind.LikeInsensitive:
      return LIKE_CI;
    case TokenKind.Regex:
      return REGEX;
    case TokenKind.RegexInsensitive:
      return REGEX_CI;
    default:
      return null;
  }
}

export abstract class ExpressionParser extends TokenCursor {
  /** `[cat where …] by …`: needed here for Python EQL's `descendant of [ … ]`. */
  protected abstract parseStage(context: StageContext): Stage;

  parseExpression(): Expr {
    return this.parseLogical('or');
  }

  /** Flat n-ary chains; a parenthesized chain of the same operator is merged in. */
  private parseLogical(op: 'and' | 'or'): Expr {
    const kind = op === 'or' ? TokenKind.Or : TokenKind.And;
    // Node ranges start where their text does, including a `(` the first operand's range omits.
    const start = this.tok.start;
    const first = op === 'or' ? this.parseLogical('and') : this.parseNot();
    if (!this.at(kind)) return first;
    const operands: Expr[] = [];
    const add = (e: Expr) => {
      if (e.kind === 'logical' && e.op === op) for (const o of e.operands) operands.push(o);
      else operands.push(e);
    };
    add(first);
    while (this.eat(kind) !== null) add(op === 'or' ? this.parseLogical('and') : this.parseNot());
    return { kind: 'logical', op, operands, range: { start, end: this.prevEnd } };
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
    const start = this.tok.start;
    const left = this.parseArith(0);
    let op = compareOpOf(this.tok.kind);
    if (op === null) return left;
    let opTok = this.next();
    if (opTok.kind === TokenKind.Assign) this.reportAssign(opTok);
    const right = this.parseArith(0);
    const result: Expr = { kind: 'compare', op, opRange: span(opTok), left, right, range: { start, end: this.prevEnd } };
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
    const start = this.tok.start;
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
        left = this.errorExpr(start, this.prevEnd);
        continue;
      }
      const right = level === 0 ? this.parseArith(1) : this.parseUnary();
      left = { kind: 'arith', op, left, right, range: { start, end: this.prevEnd } };
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
    // Where the operand's text starts, including a `(` its range leaves out.
    const operandStart = this.tok.start;
    const operand = this.parsePrimary();
    const t = this.tok;
    if (t.kind === TokenKind.In || t.kind === TokenKind.InInsensitive) {
      this.next();
      return this.parseInList(operand, operandStart, false, t.kind === TokenKind.InInsensitive);
    }
    if (t.kind === TokenKind.Not) {
      const after = this.peek();
      if (after.kind === TokenKind.In || after.kind === TokenKind.InInsensitive) {
        this.next();
        this.next();
        return this.parseInList(operand, operandStart, true, after.kind === TokenKind.InInsensitive);
      }
      const m = matchOpOf(after.kind);
      if (m !== null) {
        // `x not like "a"`: say where `not` goes, and read it as `not x like "a"`.
        const opText = this.text.slice(after.start, after.end);
        this.report(
          Messages.notBeforeMatch,
          [opText],
          { start: t.start, end: after.end },
          {
            title: `Move not before the operand`,
            edits: [
              { range: { start: operandStart, end: operandStart }, text: 'not ' },
              { range: { start: t.start, end: after.start }, text: '' },
            ],
          },
        );
        this.next();
        this.next();
        const match = this.parseMatch(operand, operandStart, m.op, m.ci, span(after));
        return { kind: 'not', operand: match, range: { start: operandStart, end: this.prevEnd } };
      }
      return operand;
    }
    const m = matchOpOf(t.kind);
    if (m !== null) {
      this.next();
      return this.parseMatch(operand, operandStart, m.op, m.ci, span(t));
    }
    return operand;
  }

  private parseInList(operand: Expr, start: number, negated: boolean, caseInsensitive: boolean): Expr {
    const values: Expr[] = [];
    if (this.at(TokenKind.LParen) && !this.enterDeep(span(this.tok))) {
      this.skipBalanced();
      return this.errorExpr(start, this.prevEnd);
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
    return { kind: 'in', operand, values, negated, caseInsensitive, range: { start, end: this.prevEnd } };
  }

  private parseMatch(operand: Expr, start: number, op: MatchOp, caseInsensitive: boolean, opRange: TextRange): Expr {
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
    return { kind: 'match', op, caseInsensitive, opRange, operand, patterns, list, range: { start, end: this.prevEnd } };
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
    let value: Literal['value'];
    let type: Literal['type'];
    switch (t.kind) {
      case TokenKind.String:
        value = t.value;
        type = 'string';
        break;
      case TokenKind.Integer:
      case TokenKind.Decimal: {
        const digits = this.text.slice(t.start, t.end);
        value = Number(digits);
        type = t.kind === TokenKind.Integer ? integerType(digits) : 'double';
        break;
      }
      case TokenKind.True:
      case TokenKind.False:
        value = t.kind === TokenKind.True;
        type = 'boolean';
        break;
      case TokenKind.Null:
        value = null;
        type = 'null';
        break;
      default:
        return null;
    }
    this.next();
    return { kind: 'literal', value, type, raw: this.text.slice(t.start, t.end), range: span(t) };
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

function isOperatorToken(kind: TokenKind): boolean {
  return compareOpOf(kind) !== null || matchOpOf(kind) !== null || kind === TokenKind.In || kind === TokenKind.InInsensitive;
}

export function describeExpr(e: Expr): string {
  switch (e.kind) {
    case 'field':
      return `the field [${e.name}]`;
    case 'call':
      return `a function call [${e.name}(…)]`;
    case 'literal':
      return `the literal [${e.raw}]`;
    default:
      return 'an expression';
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
