/**
 * EQL abstract syntax tree. Every node carries the source range it was parsed from.
 *
 * This file is the contract between the parser (produces it), the printer, the checks
 * (src/eql/check), the evaluator (src/eql/run) and the editor. Parentheses are not kept as
 * nodes: the printer re-derives them from precedence, so `parse(print(ast))` equals `ast`
 * once ranges are ignored.
 */
import type { TextRange } from '../../diagnostic.ts';

export type { TextRange };

interface NodeBase {
  range: TextRange;
}

// ---------------------------------------------------------------------------------------------
// Statement and queries

export interface Statement extends NodeBase {
  kind: 'statement';
  query: Query;
  pipes: Pipe[];
}

export type Query = EventQuery | SequenceQuery | SampleQuery | ErrorQuery;

/** `process where …` or `any where …`. */
export interface EventQuery extends NodeBase {
  kind: 'event';
  filter: EventFilter;
}

export interface EventFilter extends NodeBase {
  kind: 'filter';
  /** The category as written (unquoted); `null` for `any`. */
  category: string | null;
  categoryRange: TextRange;
  condition: Expr;
}

export interface SequenceQuery extends NodeBase {
  kind: 'sequence';
  /** `sequence by a, b` keys (shared by every stage). */
  by: FieldRef[];
  maxspan: Maxspan | null;
  stages: Stage[];
  until: Stage | null;
}

export interface SampleQuery extends NodeBase {
  kind: 'sample';
  by: FieldRef[];
  stages: Stage[];
}

/** Stands in for a query that could not be parsed at all (diagnostics explain why). */
export interface ErrorQuery extends NodeBase {
  kind: 'error-query';
}

/** One `[cat where …] by k with runs=N` term of a sequence or sample, or the `until` term. */
export interface Stage extends NodeBase {
  kind: 'stage';
  filter: EventFilter;
  /** `![ … ]`: a missing-event stage (sequences only). */
  missing: boolean;
  /** The stage's own `by` keys (the query-level keys come first at run time). */
  by: FieldRef[];
  /** `with runs=N`; 1 when absent. */
  runs: number;
}

export type TimeUnit = 'ms' | 's' | 'm' | 'h' | 'd';

export interface Maxspan extends NodeBase {
  kind: 'maxspan';
  value: number;
  unit: TimeUnit;
  /** The span in milliseconds. */
  millis: number;
}

/** `| head 5`, `| tail 3`. Other names are parsed (so they can be reported) and rejected. */
export interface Pipe extends NodeBase {
  kind: 'pipe';
  name: string;
  nameRange: TextRange;
  args: Expr[];
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr = Literal | FieldRef | NotExpr | LogicalExpr | CompareExpr | ArithExpr | UnaryExpr | InExpr | MatchExpr | CallExpr | ErrorExpr;

export type LiteralType = 'string' | 'integer' | 'long' | 'double' | 'boolean' | 'null';

export interface Literal extends NodeBase {
  kind: 'literal';
  /** Strings are unescaped; integers beyond 2^53 lose precision (Java long semantics are rare). */
  value: string | number | boolean | null;
  type: LiteralType;
  /** The literal as written in the source, e.g. `"""C:\x"""` or `1e5`. */
  raw: string;
}

export interface FieldRef extends NodeBase {
  kind: 'field';
  /** Path segments, unquoted: `process.parent.name` → ['process','parent','name']. */
  path: string[];
  /** The dotted name: path.join('.'). */
  name: string;
  /** Written `?field`. */
  optional: boolean;
}

export interface NotExpr extends NodeBase {
  kind: 'not';
  operand: Expr;
}

/** `and`/`or` chains are kept flat (n-ary) so long chains do not make deep trees. */
export interface LogicalExpr extends NodeBase {
  kind: 'logical';
  op: 'and' | 'or';
  operands: Expr[];
}

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface CompareExpr extends NodeBase {
  kind: 'compare';
  op: CompareOp;
  opRange: TextRange;
  left: Expr;
  right: Expr;
}

export type ArithOp = '+' | '-' | '*' | '/' | '%';

export interface ArithExpr extends NodeBase {
  kind: 'arith';
  op: ArithOp;
  left: Expr;
  right: Expr;
}

export interface UnaryExpr extends NodeBase {
  kind: 'unary';
  op: '-' | '+';
  operand: Expr;
}

/** `x in (…)`, `x in~ (…)`, `x not in (…)`, `x not in~ (…)`. */
export interface InExpr extends NodeBase {
  kind: 'in';
  operand: Expr;
  values: Expr[];
  negated: boolean;
  caseInsensitive: boolean;
}

export type MatchOp = ':' | 'like' | 'regex';

/** `x : "a*"`, `x like~ ("a*","b")`, `x regex """.*"""`: right-hand sides are literals. */
export interface MatchExpr extends NodeBase {
  kind: 'match';
  op: MatchOp;
  /** `like~`, `regex~` (`:` is always case-insensitive and has no `~` form). */
  caseInsensitive: boolean;
  opRange: TextRange;
  operand: Expr;
  patterns: Literal[];
  /** Written with parentheses: `like ("a")` (kept so the printer is faithful). */
  list: boolean;
}

export interface CallExpr extends NodeBase {
  kind: 'call';
  /** The name as written (without `~`); functions are looked up case-insensitively. */
  name: string;
  nameRange: TextRange;
  /** Written `name~(…)`. */
  caseInsensitive: boolean;
  args: Expr[];
}

/** Stands in for an expression the parser could not read (diagnostics explain why). */
export interface ErrorExpr extends NodeBase {
  kind: 'error';
}

export type Node = Statement | Query | EventFilter | Stage | Maxspan | Pipe | Expr;

export interface ParseResult {
  ast: Statement;
  diagnostics: import('../../diagnostic.ts').Diagnostic[];
}
