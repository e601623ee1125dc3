/**
 * EQL printer: AST → readable query text.
 *
 * Parentheses are derived from precedence (the AST keeps none), so `parseQuery(printQuery(ast))`
 * gives back `ast` once ranges are ignored. Literals are printed as written (`raw`), so string
 * escapes and number spellings survive formatting.
 */
import type { EventFilter, Expr, FieldRef, Literal, Pipe, Query, Stage, Statement } from './ast.ts';
import { hasErrors } from '../../diagnostic.ts';
import { parseQuery } from './parser.ts';
import { isPlainIdentifier, scan, TokenKind } from './scanner.ts';

/** Lines longer than this are wrapped at and/or operands and list items. */
const WIDTH = 100;
const STAGE_INDENT = 2;

// Binding strength, loosest first. An operand printed where a higher level is needed gets ().
const Precedence = {
  or: 1,
  and: 2,
  not: 3,
  compare: 4,
  additive: 5,
  multiplicative: 6,
  unary: 7,
  predicate: 8,
  atom: 9,
} as const;
const P = Precedence;

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'logical':
      return e.op === 'or' ? P.or : P.and;
    case 'not':
      return P.not;
    case 'compare':
      return P.compare;
    case 'arith':
      return e.op === '+' || e.op === '-' ? P.additive : P.multiplicative;
    case 'unary':
      return P.unary;
    case 'in':
    case 'match':
      return P.predicate;
    default:
      return P.atom;
  }
}

// ---------------------------------------------------------------------------------------------
// Flat (single-line) printing

/** Prints an expression on one line, with only the parentheses precedence requires. */
export function printExpr(expr: Expr): string {
  return flat(expr, 0);
}

function flat(e: Expr, minPrec: number): string {
  const s = flatBare(e);
  return precedence(e) < minPrec ? `(${s})` : s;
}

function flatBare(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return printLiteral(e);
    case 'field':
      return printField(e);
    case 'not':
      return `not ${flat(e.operand, P.not)}`;
    case 'logical': {
      const inner = e.op === 'or' ? P.or + 1 : P.and + 1;
      return e.operands.map((o) => flat(o, inner)).join(` ${e.op} `);
    }
    case 'compare':
      return `${flat(e.left, P.additive)} ${e.op} ${flat(e.right, P.additive)}`;
    case 'arith': {
      const p = precedence(e);
      return `${flat(e.left, p)} ${e.op} ${flat(e.right, p + 1)}`;
    }
    case 'unary':
      return `${e.op}${flat(e.operand, P.unary)}`;
    case 'in':
      return `${flat(e.operand, P.atom)} ${inOperator(e.negated, e.caseInsensitive)} (${e.values.map((v) => flat(v, 0)).join(', ')})`;
    case 'match': {
      const patterns = e.patterns.map(printLiteral);
      const rhs = e.list ? `(${patterns.join(', ')})` : (patterns[0] ?? '""');
      return `${flat(e.operand, P.atom)} ${matchOperator(e.op, e.caseInsensitive)} ${rhs}`;
    }
    case 'call':
      return `${e.name}${e.caseInsensitive ? '~' : ''}(${e.args.map((a) => flat(a, 0)).join(', ')})`;
    case 'error':
      return '<error>';
  }
}

function inOperator(negated: boolean, caseInsensitive: boolean): string {
  return `${negated ? 'not ' : ''}in${caseInsensitive ? '~' : ''}`;
}

function matchOperator(op: string, caseInsensitive: boolean): string {
  return op === ':' ? ':' : `${op}${caseInsensitive ? '~' : ''}`;
}

export function printLiteral(lit: Literal): string {
  if (lit.raw !== '') return lit.raw;
  switch (lit.type) {
    case 'string':
      return quoteString(String(lit.value));
    case 'null':
      return 'null';
    case 'boolean':
      return lit.value ? 'true' : 'false';
    case 'double': {
      const s = String(lit.value);
      return /[.eE]/.test(s) ? s : `${s}.0`;
    }
    default:
      return String(lit.value);
  }
}

/** A double-quoted EQL string for `value`, escaping what must be escaped. */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    switch (ch) {
      case 34:
        out += '\\"';
        break;
      case 92:
        out += '\\\\';
        break;
      case 10:
        out += '\\n';
        break;
      case 13:
        out += '\\r';
        break;
      case 9:
        out += '\\t';
        break;
      default:
        out += ch < 32 ? `\\u{${ch.toString(16).padStart(2, '0')}}` : value[i];
    }
  }
  return out + '"';
}

/** A path segment or category as a bare identifier when possible, else backquoted. */
export function quoteName(name: string): string {
  return isPlainIdentifier(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

export function printField(f: FieldRef): string {
  return (f.optional ? '?' : '') + f.path.map(quoteName).join('.');
}

function printCategory(category: string | null): string {
  if (category === null) return 'any';
  return isPlainIdentifier(category) ? category : quoteString(category);
}

// ---------------------------------------------------------------------------------------------
// Wrapped (multi-line) printing

/**
 * Prints `e` starting at column `col`; lines it breaks continue at column `indent`. Short
 * expressions stay on one line; long and/or chains put each operand on its own line, and long
 * lists wrap their items.
 */
function wrap(e: Expr, minPrec: number, col: number, indent: number, cm: CommentPlacer | null): string {
  const one = flat(e, minPrec);
  // A comment inside `e` can only be kept if `e` is broken over lines.
  const holdsComment = cm?.pendingBefore(e.range.end) ?? false;
  if (!holdsComment && col + one.length <= WIDTH) return one;
  const parens = precedence(e) < minPrec;
  if (parens) {
    // `(` shifts the content one column; continuation lines align inside the parenthesis.
    return `(${wrapBare(e, col + 1, indent + 1, cm)})`;
  }
  return wrapBare(e, col, indent, cm);
}

function wrapBare(e: Expr, col: number, indent: number, cm: CommentPlacer | null): string {
  const pad = ' '.repeat(indent);
  switch (e.kind) {
    case 'logical': {
      const inner = e.op === 'or' ? P.or + 1 : P.and + 1;
      let out = '';
      let c = col;
      e.operands.forEach((o, i) => {
        if (i > 0 && cm !== null) out += commentLines(cm.take(e.operands[i - 1].range.end, leadingEdge(o)), pad);
        const last = i === e.operands.length - 1;
        // In an `or` spread over lines, `and` groups read better in parentheses; they change
        // nothing in the tree (and binds tighter anyway).
        const text = e.op === 'or' && o.kind === 'logical' ? `(${wrap(o, 0, c + 1, indent + 1, cm)})` : wrap(o, inner, c, indent, cm);
        out += last ? text : `${text} ${e.op}\n${pad}`;
        c = indent;
      });
      return out;
    }
    case 'not':
      return `not ${wrap(e.operand, P.not, col + 4, indent + 4, cm)}`;
    case 'in': {
      const head = `${flat(e.operand, P.atom)} ${inOperator(e.negated, e.caseInsensitive)} (`;
      return (
        head +
        fill(
          e.values.map((v) => flat(v, 0)),
          col + head.length,
          indent + 2,
        ) +
        ')'
      );
    }
    case 'match': {
      const head = `${flat(e.operand, P.atom)} ${matchOperator(e.op, e.caseInsensitive)} `;
      if (!e.list) return head + (e.patterns.map(printLiteral)[0] ?? '""');
      return `${head}(` + fill(e.patterns.map(printLiteral), col + head.length + 1, indent + 2) + ')';
    }
    case 'call': {
      const head = `${e.name}${e.caseInsensitive ? '~' : ''}(`;
      return (
        head +
        fill(
          e.args.map((a) => flat(a, 0)),
          col + head.length,
          indent + 2,
        ) +
        ')'
      );
    }
    default:
      return flatBare(e);
  }
}

/**
 * Where the comments that lead `e` may end: the start of its innermost first operand. A
 * comment after the `(` of a nested group is placed before the group, and then stays there
 * when the output is formatted again.
 */
function leadingEdge(e: Expr): number {
  while (e.kind === 'logical') e = e.operands[0];
  return e.range.start;
}

/** Comma-separated items, as many per line as fit; continuation lines start at `indent`. */
function fill(items: string[], col: number, indent: number): string {
  let out = '';
  let c = col;
  items.forEach((item, i) => {
    const sep = i === 0 ? '' : ', ';
    if (i > 0 && c + sep.length + item.length + 1 > WIDTH) {
      out += `,\n${' '.repeat(indent)}${item}`;
      c = indent + item.length;
    } else {
      out += sep + item;
      c += sep.length + item.length;
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Queries

function printKeys(keys: FieldRef[]): string {
  return keys.length === 0 ? '' : ` by ${keys.map(printField).join(', ')}`;
}

/** `cat where cond`, with comments written between `where` and the condition kept there. */
function printFilter(filter: EventFilter, open: string, col: number, cm: CommentPlacer | null): string {
  const head = `${open}${printCategory(filter.category)} where `;
  const indent = col + STAGE_INDENT;
  const comments = cm === null ? [] : cm.take(filter.categoryRange.end, leadingEdge(filter.condition));
  if (comments.length === 0) return head + wrap(filter.condition, 0, col + head.length, indent, cm);
  return head + commentLines(comments, ' '.repeat(indent)) + wrap(filter.condition, 0, indent, indent, cm);
}

function printStage(stage: Stage, col: number, cm: CommentPlacer | null): string {
  const filter = printFilter(stage.filter, stage.missing ? '![' : '[', col, cm);
  const runs = stage.runs !== 1 ? ` with runs=${stage.runs}` : '';
  return `${filter}]${printKeys(stage.by)}${runs}`;
}

/** Stage lines of a sequence or sample; comments between stages get lines of their own. */
function stageLines(stages: Stage[], headerEnd: number, cm: CommentPlacer | null): string[] {
  const pad = ' '.repeat(STAGE_INDENT);
  const lines: string[] = [];
  stages.forEach((s, i) => {
    if (cm !== null) for (const c of cm.take(i === 0 ? headerEnd : stages[i - 1].range.end, s.range.start)) lines.push(pad + c);
    lines.push(pad + printStage(s, STAGE_INDENT, cm));
  });
  return lines;
}

/** Where the `sequence by … with maxspan=…` / `sample by …` header ends in the source. */
function headerEnd(keyword: string, start: number, by: FieldRef[], extra: number): number {
  return Math.max(start + keyword.length, extra, ...by.map((f) => f.range.end));
}

function printQueryPart(q: Query, cm: CommentPlacer | null): string {
  switch (q.kind) {
    case 'event':
      return printFilter(q.filter, '', 0, cm);
    case 'sequence': {
      const maxspan = q.maxspan === null ? '' : ` with maxspan=${q.maxspan.value}${q.maxspan.unit}`;
      const end = headerEnd('sequence', q.range.start, q.by, q.maxspan?.range.end ?? 0);
      const lines = [`sequence${printKeys(q.by)}${maxspan}`, ...stageLines(q.stages, end, cm)];
      if (q.until !== null) {
        const after = q.stages.length > 0 ? q.stages[q.stages.length - 1].range.end : end;
        if (cm !== null) lines.push(...cm.take(after, q.until.range.start));
        lines.push(`until ${printStage(q.until, 'until '.length, cm)}`);
      }
      return lines.join('\n');
    }
    case 'sample':
      return [`sample${printKeys(q.by)}`, ...stageLines(q.stages, headerEnd('sample', q.range.start, q.by, 0), cm)].join('\n');
    case 'error-query':
      return '<error>';
  }
}

function printPipe(p: Pipe): string {
  return `| ${p.name}${p.args.length > 0 ? ' ' + p.args.map((a) => flat(a, 0)).join(', ') : ''}`;
}

/**
 * Prints a statement: sequence and sample stages on their own indented lines, the `by` and
 * `with maxspan` on the header line, long conditions wrapped at and/or, pipes after the query
 * (on the same line when the query is one line and it fits).
 */
export function printQuery(ast: Statement): string {
  return printStatement(ast, null);
}

function printStatement(ast: Statement, cm: CommentPlacer | null): string {
  const lines: string[] = cm === null ? [] : [...cm.take(0, ast.query.range.start)];
  const query = printQueryPart(ast.query, cm);
  let prevEnd = ast.query.range.end;
  const pipes: string[] = [];
  let pipeComments = false;
  for (const p of ast.pipes) {
    const comments = cm === null ? [] : cm.take(prevEnd, p.range.start);
    pipeComments ||= comments.length > 0;
    pipes.push(...comments, printPipe(p));
    prevEnd = p.range.end;
  }
  const trailing = cm === null ? [] : cm.take(prevEnd, Infinity);
  const oneLine = `${query} ${pipes.join(' ')}`;
  if (pipes.length > 0 && !pipeComments && !query.includes('\n') && oneLine.length <= WIDTH) lines.push(oneLine);
  else lines.push(query, ...pipes);
  return [...lines, ...trailing].join('\n');
}

/**
 * Formats query text; null when it has syntax errors. Comments are kept when they sit between
 * and/or operands, between stages, after `where`, or before/after the whole query; a comment
 * anywhere else (inside a list, say) also makes this return null, because a formatter must
 * never silently delete what the user wrote.
 */
export function formatQuery(text: string): string | null {
  const { ast, diagnostics } = parseQuery(text);
  if (hasErrors(diagnostics)) return null;
  const comments = commentsOf(text);
  if (comments.length === 0) return printQuery(ast);
  const cm = new CommentPlacer(comments);
  const out = printStatement(ast, cm);
  return cm.allPlaced() ? out : null;
}

interface SourceComment {
  start: number;
  text: string;
}

function commentsOf(text: string): SourceComment[] {
  if (!text.includes('/')) return [];
  return scan(text)
    .filter((t) => t.kind === TokenKind.LineComment || t.kind === TokenKind.BlockComment)
    .map((t) => ({ start: t.start, text: text.slice(t.start, t.end) }));
}

/** Hands out the source's comments, in order, for the gaps the printer breaks lines at. */
class CommentPlacer {
  private next = 0;
  private lost = false;

  constructor(private readonly comments: SourceComment[]) {}

  /** Whether a comment not yet placed starts before `offset`. */
  pendingBefore(offset: number): boolean {
    return this.next < this.comments.length && this.comments[this.next].start < offset;
  }

  /** The comments in [from, to). A comment passed over before `from` had no place: it is lost. */
  take(from: number, to: number): string[] {
    const out: string[] = [];
    while (this.next < this.comments.length && this.comments[this.next].start < to) {
      const c = this.comments[this.next++];
      if (c.start >= from) out.push(c.text);
      else this.lost = true;
    }
    return out;
  }

  allPlaced(): boolean {
    return !this.lost && this.next === this.comments.length;
  }
}

/** Each comment on a line of its own, then the indentation of the line that follows. */
function commentLines(comments: string[], pad: string): string {
  return comments.map((c) => `${c}\n${pad}`).join('');
}
