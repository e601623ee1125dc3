/**
 * EQL printer: AST → readable query text.
 *
 * Parentheses are derived from precedence (the AST keeps none), so `parseQuery(printQuery(ast))`
 * gives back `ast` once ranges are ignored. Literals are printed as written (`raw`), so string
 * escapes and number spellings survive formatting.
 */
import type { Expr, FieldRef, Literal, Pipe, Query, Stage, Statement } from './ast.ts';
import { hasErrors } from '../../diagnostic.ts';
import { parseQuery } from './parser.ts';
import { isPlainIdentifier, scan, TokenKind } from './scanner.ts';

/** Lines longer than this are wrapped at and/or operands and list items. */
const WIDTH = 100;
const STAGE_INDENT = 2;

// Binding strength, loosest first. An operand printed where a higher level is needed gets ().
const enumPrec = {
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
const P = enumPrec;

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'logical': return e.op === 'or' ? P.or : P.and;
    case 'not': return P.not;
    case 'compare': return P.compare;
    case 'arith': return e.op === '+' || e.op === '-' ? P.additive : P.multiplicative;
    case 'unary': return P.unary;
    case 'in':
    case 'match': return P.predicate;
    default: return P.atom;
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
    case 'literal': return printLiteral(e);
    case 'field': return printField(e);
    case 'not': return `not ${flat(e.operand, P.not)}`;
    case 'logical': {
      const inner = e.op === 'or' ? P.or + 1 : P.and + 1;
      return e.operands.map((o) => flat(o, inner)).join(` ${e.op} `);
    }
    case 'compare': return `${flat(e.left, P.additive)} ${e.op} ${flat(e.right, P.additive)}`;
    case 'arith': {
      const p = precedence(e);
      return `${flat(e.left, p)} ${e.op} ${flat(e.right, p + 1)}`;
    }
    case 'unary': return `${e.op}${flat(e.operand, P.unary)}`;
    case 'in': return `${flat(e.operand, P.atom)} ${inOperator(e.negated, e.caseInsensitive)} (${e.values.map((v) => flat(v, 0)).join(', ')})`;
    case 'match': {
      const patterns = e.patterns.map(printLiteral);
      const rhs = e.list ? `(${patterns.join(', ')})` : patterns[0] ?? '""';
      return `${flat(e.operand, P.atom)} ${matchOperator(e.op, e.caseInsensitive)} ${rhs}`;
    }
    case 'call': return `${e.name}${e.caseInsensitive ? '~' : ''}(${e.args.map((a) => flat(a, 0)).join(', ')})`;
    case 'error': return '<error>';
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
    case 'string': return quoteString(String(lit.value));
    case 'null': return 'null';
    case 'boolean': return lit.value ? 'true' : 'false';
    case 'double': {
      const s = String(lit.value);
      return /[.eE]/.test(s) ? s : `${s}.0`;
    }
    default: return String(lit.value);
  }
}

/** A double-quoted EQL string for `value`, escaping what must be escaped. */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    switch (ch) {
      case 34: out += '\\"'; break;
      case 92: out += '\\\\'; break;
      case 10: out += '\\n'; break;
      case 13: out += '\\r'; break;
      case 9: out += '\\t'; break;
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
function wrap(e: Expr, minPrec: number, col: number, indent: number): string {
  const one = flat(e, minPrec);
  if (col + one.length <= WIDTH) return one;
  const parens = precedence(e) < minPrec;
  if (parens) {
    // `(` shifts the content one column; continuation lines align inside the parenthesis.
    return `(${wrapBare(e, col + 1, indent + 1)})`;
  }
  return wrapBare(e, col, indent);
}

function wrapBare(e: Expr, col: number, indent: number): string {
  const pad = ' '.repeat(indent);
  switch (e.kind) {
    case 'logical': {
      const inner = e.op === 'or' ? P.or + 1 : P.and + 1;
      let out = '';
      let c = col;
      e.operands.forEach((o, i) => {
        const last = i === e.operands.length - 1;
        const text = wrap(o, inner, c, indent);
        out += last ? text : `${text} ${e.op}\n${pad}`;
        c = indent;
      });
      return out;
    }
    case 'not':
      return `not ${wrap(e.operand, P.not, col + 4, indent)}`;
    case 'in': {
      const head = `${flat(e.operand, P.atom)} ${inOperator(e.negated, e.caseInsensitive)} (`;
      return head + fill(e.values.map((v) => flat(v, 0)), col + head.length, indent + 2) + ')';
    }
    case 'match': {
      const head = `${flat(e.operand, P.atom)} ${matchOperator(e.op, e.caseInsensitive)} `;
      if (!e.list) return head + (e.patterns.map(printLiteral)[0] ?? '""');
      return `${head}(` + fill(e.patterns.map(printLiteral), col + head.length + 1, indent + 2) + ')';
    }
    case 'call': {
      const head = `${e.name}${e.caseInsensitive ? '~' : ''}(`;
      return head + fill(e.args.map((a) => flat(a, 0)), col + head.length, indent + 2) + ')';
    }
    default:
      return flatBare(e);
  }
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

function printStage(stage: Stage, col: number): string {
  const open = stage.missing ? '![' : '[';
  const head = `${open}${printCategory(stage.filter.category)} where `;
  const cond = wrap(stage.filter.condition, 0, col + head.length, col + STAGE_INDENT);
  const runs = stage.runs !== 1 ? ` with runs=${stage.runs}` : '';
  return `${head}${cond}]${printKeys(stage.by)}${runs}`;
}

function printQueryPart(q: Query): string {
  switch (q.kind) {
    case 'event': {
      const head = `${printCategory(q.filter.category)} where `;
      return head + wrap(q.filter.condition, 0, head.length, STAGE_INDENT);
    }
    case 'sequence': {
      const maxspan = q.maxspan === null ? '' : ` with maxspan=${q.maxspan.value}${q.maxspan.unit}`;
      const lines = [`sequence${printKeys(q.by)}${maxspan}`];
      const pad = ' '.repeat(STAGE_INDENT);
      for (const s of q.stages) lines.push(pad + printStage(s, STAGE_INDENT));
      if (q.until !== null) lines.push(`until ${printStage(q.until, 'until '.length)}`);
      return lines.join('\n');
    }
    case 'sample': {
      const lines = [`sample${printKeys(q.by)}`];
      const pad = ' '.repeat(STAGE_INDENT);
      for (const s of q.stages) lines.push(pad + printStage(s, STAGE_INDENT));
      return lines.join('\n');
    }
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
  const query = printQueryPart(ast.query);
  if (ast.pipes.length === 0) return query;
  const pipes = ast.pipes.map(printPipe);
  const oneLine = `${query} ${pipes.join(' ')}`;
  if (!query.includes('\n') && oneLine.length <= WIDTH) return oneLine;
  return [query, ...pipes].join('\n');
}

/**
 * Formats query text. Null when the text has syntax errors, or comments: the AST keeps no
 * comments, and a formatter must never silently delete what the user wrote.
 */
export function formatQuery(text: string): string | null {
  const { ast, diagnostics } = parseQuery(text);
  if (hasErrors(diagnostics)) return null;
  if (hasComments(text)) return null;
  return printQuery(ast);
}

function hasComments(text: string): boolean {
  if (!text.includes('//') && !text.includes('/*')) return false;
  return scan(text).some((t) => t.kind === TokenKind.LineComment || t.kind === TokenKind.BlockComment);
}
