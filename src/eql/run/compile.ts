/**
 * Compiles EQL expressions into closures. Each node becomes one function over the event, so a
 * condition costs a few calls per event and no interpretation. Constant sub-expressions are
 * folded once, which is also how `?unmapped == null` becomes `null == null` (true), exactly as
 * Elasticsearch's optimizer does it.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { CallExpr, CompareExpr, EventFilter, Expr, FieldRef, InExpr, MatchExpr, TextRange } from '../syntax/ast.ts';
import { compileFieldAccessor } from '../../events/field.ts';
import { canonicalIp } from './ip.ts';
import { compareVersions } from './compare.ts';
import { toEpochMillis } from './dates.ts';
import { arityRange, lookupFunction } from '../functions/registry.ts';
import type { ArgInfo } from '../functions/registry.ts';
import { arithmeticFn, negateFn, widen } from '../functions/numbers.ts';
import type { NumKind } from '../functions/numbers.ts';
import type { FieldCatalog, FieldInfo, FieldType } from './mapping.ts';
import { dateParsersOf, dynamicType, isFloatType, isIntegerType, isStringType } from './mapping.ts';
import { compileRegex } from './regex.ts';
import type { Truth } from './types.ts';
import { anyTruth, asTruth, compareScalars, isNullValue, isNullish, scalarOf } from './values.ts';
import { compileWildcard } from './wildcard.ts';
import { compileFoldSet } from '../regex/case-fold.ts';
import { anyCombination, isAnyValueLeaf, isScriptLeaf, ScriptScope } from './multi-value.ts';
import type { WitnessValue } from './multi-value.ts';

export type Evaluator = (event: any) => unknown;
export type Condition = (event: any) => Truth;

/** Static type of an expression, as far as the compiler can tell. */
export type StaticType = 'string' | 'int' | 'double' | 'number' | 'boolean' | 'date' | 'ip' | 'version' | 'null' | 'any';

export interface CompiledExpr {
  ev: Evaluator;
  type: StaticType;
  /** Set when the expression is a compile-time constant. */
  constant?: { value: unknown };
  /** Java number kind where it differs from what `type` implies (see numKindOf). */
  num?: NumKind;
}

/** An expression's Java number kind: integer fields are longs in scripts (doc values). */
function numKindOf(c: CompiledExpr): NumKind {
  if (c.num) return c.num;
  return c.type === 'double' ? 'double' : c.type === 'int' ? 'long' : 'unknown';
}

function staticTypeOf(kind: NumKind): StaticType {
  return kind === 'double' ? 'double' : kind === 'unknown' ? 'number' : 'int';
}

export interface CompileContext {
  catalog: FieldCatalog;
  /** Events the query will run on, to apply dynamic mapping; undefined = unknown. */
  events?: readonly object[];
  diagnostics: Diagnostic[];
  /** Every compiled node's evaluator, for explanations. */
  evaluators: Map<object, Evaluator>;
  /** Results of scanning the events for a field (see `resolveField`), by field name. */
  scanned: Map<string, unknown>;
  /** Every field path read, by its segments joined with NUL (what a projection must keep). */
  paths?: Map<string, readonly string[]>;
  /** The timestamp field: a date even without a mapping (Elasticsearch requires it to be one). */
  timestampField?: string;
  /**
   * A Java exception while evaluating (integer overflow, integer division by zero, number() of
   * text that is not a number): Elasticsearch fails the whole query. The first one is kept.
   */
  onRuntimeError(range: TextRange, message: string): void;
  /** Reported when a script leaf had more combinations of multi-valued fields than it tries. */
  onCombinationBudget?(range: TextRange): void;
  /** Set while compiling a script leaf: its field reads (multi-value.ts). */
  scope?: ScriptScope;
  /** Per leaf that is true when some value matches: the values of the first combination that does. */
  witnesses?: Map<object, (event: any) => WitnessValue[] | null>;
}

export function error(ctx: CompileContext, code: string, message: string, range?: TextRange): void {
  ctx.diagnostics.push({ severity: 'error', code, message, source: 'eql', range });
}

function typeOfField(t: FieldType): StaticType {
  if (isStringType(t)) return 'string';
  if (isIntegerType(t)) return 'int';
  if (isFloatType(t)) return 'double';
  if (t === 'date' || t === 'date_nanos') return 'date';
  if (t === 'ip') return 'ip';
  if (t === 'version') return 'version';
  if (t === 'boolean') return 'boolean';
  return 'any';
}

function constant(value: unknown, type?: StaticType): CompiledExpr {
  const t: StaticType =
    type ??
    (value === null
      ? 'null'
      : typeof value === 'string'
        ? 'string'
        : typeof value === 'boolean'
          ? 'boolean'
          : typeof value === 'number'
            ? Number.isInteger(value)
              ? 'int'
              : 'double'
            : 'any');
  return { ev: () => value, type: t, constant: { value } };
}

// ---------------------------------------------------------------------------------------------
// Fields

/** A field's resolved description: where to read it and how Elasticsearch would index it. */
export interface ResolvedField {
  info?: FieldInfo;
  path: string[];
  type: FieldType;
  /** True when the field exists in no mapping and no document. */
  unknown: boolean;
}

/** First non-null value of `path` in the events; null when only nulls; undefined when absent everywhere. */
function firstValueInEvents(events: readonly object[], path: string[]): unknown {
  const read = compileFieldAccessor(path);
  let sawNull = false;
  for (const e of events) {
    const v = read(e);
    if (v === undefined) continue;
    if (!isNullValue(v)) return v;
    sawNull = true;
  }
  return sawNull ? null : undefined;
}

/**
 * Where and how to read a field. Scanning the events (dynamic mapping, or whether a `?field`
 * exists at all) happens only when the answer matters: with a mapping, or for optional fields.
 */
export function resolveField(ctx: CompileContext, name: string, optional = false): ResolvedField {
  const info = ctx.catalog.get(name);
  if (info) return { info, path: info.path, type: info.type, unknown: false };
  const path = name.split('.');
  const unmappedType: FieldType = name === ctx.timestampField ? 'date' : 'unknown';
  if (!ctx.events || (!ctx.catalog.hasMapping && !optional)) return { path, type: unmappedType, unknown: false };
  let first = ctx.scanned.get(name);
  if (!ctx.scanned.has(name)) ctx.scanned.set(name, (first = firstValueInEvents(ctx.events, path)));
  if (first === undefined) return { path, type: 'unknown', unknown: true };
  // Dynamic mapping applies only when the user gave a mapping; otherwise values are taken as is.
  return { path, type: ctx.catalog.hasMapping ? dynamicType(first) : unmappedType, unknown: false };
}

/** How a value is normalised for a field type, as indexing would (null_value, coercion, dates…). */
function normaliser(resolved: ResolvedField): ((v: unknown) => unknown) | undefined {
  const { info, type } = resolved;
  const nullValue = info?.nullValue;
  let one: ((v: unknown) => unknown) | undefined;
  if (type === 'date' || type === 'date_nanos') {
    const parsers = dateParsersOf(info);
    one = (v) => toEpochMillis(v, parsers);
  } else if (isIntegerType(type) || isFloatType(type)) {
    one = (v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
  } else if (type === 'boolean') {
    one = (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null);
  } else if (type === 'ip') {
    one = (v) => (typeof v === 'string' ? canonicalIp(v) : null);
  } else if (isStringType(type) || type === 'version') {
    const limit = info?.ignoreAbove;
    one = (v) => {
      const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      // Longer values are not indexed in the exact field, so they never match.
      return s !== null && limit !== undefined && s.length > limit ? null : s;
    };
  }
  if (!one && nullValue === undefined) return undefined;
  const each = (v: unknown): unknown => {
    if (v === null) return nullValue === undefined ? null : one ? one(nullValue) : nullValue;
    return one ? one(v) : v;
  };
  return (v) => {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) {
      // ECS arrays (event.type, event.category) rarely change: the array itself unless a value does.
      for (let i = 0; i < v.length; i++) {
        const x = each(v[i]);
        if (x === v[i]) continue;
        const out = v.slice(0, i);
        out.push(x);
        for (let j = i + 1; j < v.length; j++) out.push(each(v[j]));
        return out;
      }
      return v;
    }
    return each(v);
  };
}

export interface CompiledField extends CompiledExpr {
  resolved: ResolvedField;
}

/** A field read, normalised per its mapping; an unknown `?field` is the null literal. */
export function compileFieldRef(ctx: CompileContext, ref: FieldRef): CompiledField {
  const resolved = resolveField(ctx, ref.name, ref.optional);
  ctx.paths?.set(resolved.path.join('\u0000'), resolved.path);
  if (resolved.unknown) {
    if (!ref.optional && ctx.catalog.hasMapping) {
      error(ctx, 'eql/unknown-field', `Unknown column [${ref.name}].`, ref.range);
    }
    if (ref.optional || ctx.catalog.hasMapping) return { ...constant(null), resolved };
  }
  const access = compileFieldAccessor(resolved.path);
  const norm = normaliser(resolved);
  const read: Evaluator = norm ? (e) => norm(access(e)) : access;
  const ev = ctx.scope ? ctx.scope.add(ref.name, read) : read;
  return { ev, type: typeOfField(resolved.type), resolved };
}

// ---------------------------------------------------------------------------------------------
// Expressions

/**
 * A condition of the and/or/not tree. A leaf that Elasticsearch runs as a script tries every
 * combination of the values of multi-valued fields (multi-value.ts); other leaves are Lucene
 * queries, which already match any value.
 */
export function compileCondition(ctx: CompileContext, expr: Expr): CompiledExpr {
  if (ctx.scope || expr.kind === 'not' || expr.kind === 'logical') return compileExpr(ctx, expr);
  if (!isScriptLeaf(expr, pushedOnFirstArg)) {
    const c = compileExpr(ctx, expr);
    if (!c.constant && isAnyValueLeaf(expr)) ctx.witnesses?.set(expr, lazyWitness(ctx, expr));
    return c;
  }
  // `x not in (…)` is Not(In(…)) and `a != b` is Not(Equals(a, b)) in Elasticsearch
  // (ExpressionBuilder): the negation stays outside the loops (none of the values is equal).
  const isNullCheck =
    expr.kind === 'compare' && ((expr.left.kind === 'literal' && expr.left.value === null) || (expr.right.kind === 'literal' && expr.right.value === null));
  const negated = (expr.kind === 'in' && expr.negated) || (expr.kind === 'compare' && expr.op === '!=' && !isNullCheck);
  const positive: Expr = !negated ? expr : expr.kind === 'in' ? { ...expr, negated: false } : { ...(expr as CompareExpr), op: '==' };
  const scope = new ScriptScope();
  const c = compileInScope(ctx, positive, scope);
  if (c.constant || scope.reads.length === 0) return negated ? compileExpr(ctx, expr) : c;
  const fast = c.ev;
  const onBudget = () => ctx.onCombinationBudget?.(expr.range);
  const ev: Evaluator = negated
    ? (e) => {
        scope.multi = false;
        const t = asTruth(fast(e));
        const r = scope.multi ? anyCombination(scope, e, fast, onBudget) : t;
        return r === null ? null : !r;
      }
    : (e) => {
        scope.multi = false;
        const r = fast(e);
        return scope.multi ? anyCombination(scope, e, fast, onBudget) : r;
      };
  ctx.evaluators.set(expr, ev);
  if (!negated) ctx.witnesses?.set(expr, witnessOf(scope, fast));
  return { ...c, ev };
}

const pushedOnFirstArg = (name: string): boolean => lookupFunction(name)?.matchAny === true;

function compileInScope(ctx: CompileContext, expr: Expr, scope: ScriptScope): CompiledExpr {
  ctx.scope = scope;
  try {
    return compileExpr(ctx, expr);
  } finally {
    ctx.scope = undefined;
  }
}

function witnessOf(scope: ScriptScope, test: Evaluator): (event: any) => WitnessValue[] | null {
  return (e) => {
    const found: WitnessValue[] = [];
    return anyCombination(scope, e, test, () => {}, found) === true ? found : null;
  };
}

/**
 * The witness of a Lucene leaf (`process.args == "-enc"`), for explanations only: the leaf is
 * compiled again, on first use, with its field bound to one value at a time.
 */
function lazyWitness(ctx: CompileContext, expr: Expr): (event: any) => WitnessValue[] | null {
  let witness: ((event: any) => WitnessValue[] | null) | undefined;
  return (e) => {
    if (!witness) {
      const scratch: CompileContext = {
        ...ctx,
        diagnostics: [],
        evaluators: new Map(),
        witnesses: undefined,
        onRuntimeError() {},
        onCombinationBudget() {},
      };
      const scope = new ScriptScope();
      witness = witnessOf(scope, compileInScope(scratch, expr, scope).ev);
    }
    return witness(e);
  };
}

export function compileExpr(ctx: CompileContext, expr: Expr): CompiledExpr {
  const c = compileExprInner(ctx, expr);
  ctx.evaluators.set(expr, c.ev);
  return c;
}

function allConstant(parts: CompiledExpr[]): boolean {
  return parts.every((p) => p.constant !== undefined);
}

function foldIf(parts: CompiledExpr[], result: CompiledExpr): CompiledExpr {
  if (!allConstant(parts)) return result;
  const value = result.ev({});
  return { ev: () => value, type: result.type, constant: { value }, num: result.num };
}

/** A `fail` for the functions of numbers.ts: reports at `range`, evaluates to null. */
function failAt(ctx: CompileContext, range: TextRange): (message: string) => null {
  return (message) => {
    ctx.onRuntimeError(range, message);
    return null;
  };
}

function compileExprInner(ctx: CompileContext, expr: Expr): CompiledExpr {
  switch (expr.kind) {
    case 'literal': {
      const c = constant(expr.value, expr.type === 'double' ? 'double' : expr.type === 'integer' || expr.type === 'long' ? 'int' : undefined);
      if (expr.type === 'integer') c.num = 'int';
      return c;
    }
    case 'field':
      return compileFieldRef(ctx, expr);
    case 'not': {
      const o = compileCondition(ctx, expr.operand);
      const f = o.ev;
      return foldIf([o], {
        ev: (e) => {
          const t = asTruth(f(e));
          return t === null ? null : !t;
        },
        type: 'boolean',
      });
    }
    case 'logical': {
      const parts = expr.operands.map((x) => compileCondition(ctx, x));
      const evs = parts.map((p) => p.ev);
      const reorder = expr.op === 'and' && parts.length > 1 && !ctx.scope && expr.operands.every(cannotFail);
      return foldIf(parts, { ev: reorder ? selectiveFirstAnd(evs) : logical(expr.op, evs), type: 'boolean' });
    }
    case 'compare':
      return compileCompare(ctx, expr);
    case 'arith': {
      const l = compileExpr(ctx, expr.left);
      const r = compileExpr(ctx, expr.right);
      // JLS widening as QL's Arithmetics: double, then long, then int (numbers.ts).
      const kind = widen(numKindOf(l), numKindOf(r));
      const lf = l.ev,
        rf = r.ev;
      const apply = arithmeticFn(expr.op, kind, failAt(ctx, expr.range));
      const ev: Evaluator = (e) => {
        const a = scalarOf(lf(e));
        const b = scalarOf(rf(e));
        if (typeof a !== 'number' || typeof b !== 'number') return null;
        return apply(a, b);
      };
      return foldIf([l, r], { ev, type: staticTypeOf(kind), num: kind });
    }
    case 'unary': {
      const o = compileExpr(ctx, expr.operand);
      const f = o.ev;
      const neg = expr.op === '-';
      const negateOne = negateFn(numKindOf(o), failAt(ctx, expr.range));
      const ev: Evaluator = (e) => {
        const v = scalarOf(f(e));
        if (typeof v !== 'number') return null;
        return neg ? negateOne(v) : v;
      };
      return foldIf([o], { ev, type: o.type, num: o.num });
    }
    case 'in':
      return compileIn(ctx, expr);
    case 'match':
      return compileMatch(ctx, expr);
    case 'call':
      return compileCall(ctx, expr);
    case 'error':
      return constant(null);
  }
}

function logical(op: 'and' | 'or', fs: Evaluator[]): Evaluator {
  const stop = op !== 'and';
  if (fs.length === 2) {
    const [a, b] = fs;
    return (e) => {
      const x = asTruth(a(e));
      if (x === stop) return stop;
      const y = asTruth(b(e));
      if (y === stop) return stop;
      return x === null || y === null ? null : !stop;
    };
  }
  return (e) => {
    let unknown = false;
    for (let i = 0; i < fs.length; i++) {
      const t = asTruth(fs[i](e));
      if (t === stop) return stop;
      if (t === null) unknown = true;
    }
    return unknown ? null : !stop;
  };
}

/**
 * Whether a condition runs as Lucene queries only (no script leaf): it has no side effect — no
 * Java exception, no combination budget — so when its operands run, and in which order, changes
 * nothing but the time taken.
 */
function cannotFail(expr: Expr): boolean {
  if (expr.kind === 'not') return cannotFail(expr.operand);
  if (expr.kind === 'logical') return expr.operands.every(cannotFail);
  return !isScriptLeaf(expr, pushedOnFirstArg);
}

/** Calls of a conjunction on which every operand runs, before the order of the others is fixed. */
const AND_SAMPLE = 256;

/**
 * `and` over operands that cannot fail, leading with the one that rejects most, as Lucene leads a
 * conjunction with its most selective clause: the first AND_SAMPLE calls run every operand and
 * count who says false; later calls run them by that count, stopping at the first false. The
 * value is the same in any order (false if any operand is false, else null if any is null).
 */
function selectiveFirstAnd(fs: Evaluator[]): Evaluator {
  const rejected = fs.map(() => 0);
  let calls = 0;
  let ordered: Evaluator | null = null;
  return (e) => {
    if (ordered) return ordered(e);
    let result: boolean | null = true;
    for (let i = 0; i < fs.length; i++) {
      const t = asTruth(fs[i](e));
      if (t === false) {
        rejected[i]++;
        result = false;
      } else if (t === null && result === true) result = null;
    }
    if (++calls === AND_SAMPLE) {
      const order = fs.map((_, i) => i).sort((a, b) => rejected[b] - rejected[a] || a - b);
      ordered = logical(
        'and',
        order.map((i) => fs[i]),
      );
    }
    return result;
  };
}

/** Converts a literal to the representation of the field type it is compared with. */
function coerceConstant(ctx: CompileContext, value: unknown, against: CompiledExpr, range: TextRange): unknown {
  if (value === null) return null;
  if (against.type === 'date') {
    const parsers = 'resolved' in against ? dateParsersOf((against as CompiledField).resolved.info) : undefined;
    const ms = toEpochMillis(value, parsers) ?? toEpochMillis(value);
    if (ms === null) error(ctx, 'eql/type-mismatch', `Cannot compare a date with [${String(value)}].`, range);
    return ms;
  }
  if (against.type === 'ip' && typeof value === 'string') return canonicalIp(value) ?? value;
  if (against.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return value;
  return value;
}

type Test = (c: number) => boolean;
const TESTS: Record<string, Test> = {
  '==': (c) => c === 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function compileCompare(ctx: CompileContext, expr: CompareExpr): CompiledExpr {
  let l = compileExpr(ctx, expr.left);
  let r = compileExpr(ctx, expr.right);
  const op = expr.op;
  // Optimizer.ReplaceNullChecks: a comparison with the null literal is IS [NOT] NULL.
  if ((op === '==' || op === '!=') && (l.constant?.value === null || r.constant?.value === null)) {
    const other = l.constant?.value === null ? r : l;
    const f = other.ev;
    const ev: Evaluator = op === '==' ? (e) => isNullValue(f(e)) : (e) => !isNullValue(f(e));
    return foldIf([other], { ev, type: 'boolean' });
  }
  if (!l.constant && !r.constant) {
    // Elasticsearch rejects the whole query, even through functions (`length(a) == length(b)`).
    error(ctx, 'eql/field-comparison', 'Comparisons against fields are not (currently) supported.', expr.range);
    return constant(null);
  }
  if (r.constant && !l.constant) r = constant(coerceConstant(ctx, r.constant.value, l, expr.right.range));
  else if (l.constant && !r.constant) l = constant(coerceConstant(ctx, l.constant.value, r, expr.left.range));
  const versioned = l.type === 'version' || r.type === 'version';
  const cmp = versioned
    ? (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? compareVersions(a, b) : compareScalars(a, b))
    : compareScalars;
  const lf = l.ev,
    rf = r.ev;
  const negate = op === '!=';
  const test = TESTS[negate ? '==' : op];

  let ev: Evaluator;
  if ((op === '==' || op === '!=') && r.constant && typeof r.constant.value === 'string' && !versioned) {
    // Hot path: field == "literal".
    // Internalized, so comparing it with the (internalized) short strings JSON.parse makes is
    // one pointer comparison.
    const lit = internalized(r.constant.value);
    const eqOne = (x: unknown): Truth => (x === lit ? true : typeof x === 'string' ? false : x === null || x === undefined ? null : test(cmp(x, lit)));
    ev = (e) => {
      const v = lf(e);
      if (v === lit) return !negate;
      let t: Truth;
      if (typeof v === 'string') t = false;
      else if (v === null || v === undefined) return null;
      else if (Array.isArray(v)) {
        // ECS arrays (event.type, event.category) usually hold the literal itself.
        for (let i = 0; i < v.length; i++) if (v[i] === lit) return !negate;
        t = anyTruth(v, eqOne);
      } else t = eqOne(v);
      return t === null ? null : negate ? !t : t;
    };
  } else {
    const one = (a: unknown, b: unknown): Truth => {
      const c = cmp(a, b);
      return Number.isNaN(c) ? null : test(c);
    };
    ev = (e) => {
      const a = lf(e);
      if (a === null || a === undefined) return null;
      const b = rf(e);
      if (b === null || b === undefined) return null;
      let t: Truth;
      if (!Array.isArray(a) && !Array.isArray(b)) t = one(a, b);
      else t = anyTruth(a, (x) => anyTruth(b, (y) => one(x, y)));
      return t === null ? null : negate ? !t : t;
    };
  }
  return foldIf([l, r], { ev, type: 'boolean' });
}

function compileIn(ctx: CompileContext, expr: InExpr): CompiledExpr {
  const operand = compileExpr(ctx, expr.operand);
  const values = expr.values.map((v) => compileExpr(ctx, v));
  const ci = expr.caseInsensitive;
  const negated = expr.negated;
  if (!allConstant(values)) {
    error(ctx, 'eql/field-comparison', 'Comparisons against fields are not supported.', expr.range);
    return constant(null);
  }
  const set = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    const v = coerceConstant(ctx, values[i].constant!.value, operand, expr.values[i].range);
    if (v === null) continue;
    set.add(v);
  }
  // in~ folds strings per code point as Elasticsearch does (eql/regex/case-fold.ts).
  const inFolded = ci ? compileFoldSet([...set].filter((v): v is string => typeof v === 'string')) : null;
  const f = operand.ev;
  // Numbers and numeric strings of unmapped fields still compare by value: a string is also
  // tried against the numbers of the list and a number against its strings (only those can
  // compare equal across types), so a plain miss costs one hash lookup.
  const numbers = [...set].filter((v) => typeof v === 'number');
  const strings = [...set].filter((v) => typeof v === 'string');
  const member = (x: unknown): Truth => {
    if (inFolded !== null && typeof x === 'string' ? inFolded(x) : set.has(x)) return true;
    const others = typeof x === 'string' ? numbers : typeof x === 'number' ? strings : undefined;
    if (others) for (let i = 0; i < others.length; i++) if (compareScalars(x, others[i]) === 0) return true;
    return false;
  };
  const ev: Evaluator = (e) => {
    const v = f(e);
    const t = Array.isArray(v) ? anyTruth(v, member) : isNullish(v) ? null : member(v);
    return t === null ? null : negated ? !t : t;
  };
  return foldIf([operand], { ev, type: 'boolean' });
}

function compileMatch(ctx: CompileContext, expr: MatchExpr): CompiledExpr {
  const operand = compileExpr(ctx, expr.operand);
  const matchers: ((s: string) => boolean)[] = [];
  for (const p of expr.patterns) {
    if (typeof p.value !== 'string') {
      error(ctx, 'eql/type-mismatch', `The pattern of [${expr.op}] must be a string, found [${p.raw}].`, p.range);
      continue;
    }
    const pattern = p.value;
    if (expr.op === ':') {
      // A pattern without wildcards is a case-insensitive term query: folded per code point.
      matchers.push(compileWildcard(pattern, true));
    } else if (expr.op === 'like') {
      matchers.push(compileWildcard(pattern, expr.caseInsensitive));
    } else {
      const r = compileRegex(pattern, expr.caseInsensitive);
      if (!r.matcher) {
        ctx.diagnostics.push({ severity: 'error', code: r.error!.code, message: r.error!.message, source: 'eql', range: p.range });
        continue;
      }
      matchers.push(r.matcher);
    }
  }
  const f = operand.ev;
  const one = (x: unknown): Truth => {
    if (typeof x !== 'string') return null;
    for (let i = 0; i < matchers.length; i++) if (matchers[i](x)) return true;
    return false;
  };
  const ev: Evaluator = (e) => {
    const v = f(e);
    if (typeof v === 'string') return one(v);
    return anyTruth(v, one);
  };
  return foldIf([operand], { ev, type: 'boolean' });
}

function compileCall(ctx: CompileContext, expr: CallExpr): CompiledExpr {
  const spec = lookupFunction(expr.name);
  const args = expr.args.map((a) => compileExpr(ctx, a));
  if (!spec) {
    error(ctx, 'eql/unknown-function', `Unknown function [${expr.name}].`, expr.nameRange);
    return constant(null);
  }
  const n = args.length;
  const { min, max } = arityRange(spec);
  if (n < min || n > max) {
    const expects = max === Infinity ? `at least ${min}` : min === max ? `exactly ${min}` : `${min} to ${max}`;
    error(ctx, 'eql/function-arity', `error building [${spec.name}]: expects ${expects} argument(s), found ${n}.`, expr.range);
    return constant(null);
  }
  if (expr.caseInsensitive && !spec.caseAware) {
    error(ctx, 'eql/function-insensitive', `Function [${spec.name}] does not support the case-insensitive [~] form.`, expr.nameRange);
    return constant(null);
  }
  const infos: ArgInfo[] = args.map((a) => ({ constant: a.constant, num: numKindOf(a) }));
  const impl = spec.build(infos, expr.caseInsensitive, failAt(ctx, expr.range));
  if (typeof impl === 'string') {
    error(ctx, 'eql/function-argument', `${impl.charAt(0).toUpperCase()}${impl.slice(1)}.`, expr.range);
    return constant(null);
  }
  const fs = args.map((a) => a.ev);
  const num: NumKind | undefined = spec.result === 'number' ? (spec.numKind?.(infos) ?? 'unknown') : undefined;
  const type: StaticType = num ? staticTypeOf(num) : spec.result;
  let ev: Evaluator;
  if (spec.matchAny) {
    // Pushed down to Lucene in Elasticsearch: any value of the first argument may match.
    const rest = fs.slice(1);
    ev = (e) => {
      const vals: unknown[] = [null];
      for (let i = 0; i < rest.length; i++) vals.push(scalarOf(rest[i](e)));
      const first = fs[0](e);
      if (Array.isArray(first)) {
        return anyTruth(first, (x) => {
          vals[0] = x;
          return impl(vals) as Truth;
        });
      }
      vals[0] = first;
      return impl(vals);
    };
  } else {
    ev = (e) => {
      const vals: unknown[] = new Array(fs.length);
      for (let i = 0; i < fs.length; i++) vals[i] = scalarOf(fs[i](e));
      return impl(vals);
    };
  }
  return foldIf(args, { ev, type, num });
}

// ---------------------------------------------------------------------------------------------
// Event filters

export interface CompiledFilter {
  /** The full filter: category and condition. */
  test: Condition;
  /** The category part alone (undefined for `any`). */
  category?: Condition;
  condition: Condition;
  /** The category as written (null for `any`) and the reader of the category field, so engines
   * running several filters can read the category once per event. */
  categoryName: string | null;
  categoryValue?: Evaluator;
  /**
   * The condition may run before the category, on events of any category: it has no effect but
   * its value (no script, so no Java exception and no combination budget) and costs a few
   * comparisons (no pattern matching).
   */
  conditionFirstOk?: boolean;
}

/** Whether evaluating `expr` has no effect but its value and costs a few comparisons (see above). */
function comparesOnly(expr: Expr): boolean {
  // Iterative: a condition may nest thousands deep.
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'literal':
      case 'field':
        break;
      case 'not':
        stack.push(e.operand);
        break;
      case 'logical':
        stack.push(...e.operands);
        break;
      case 'compare':
        if (!isFieldOrLiteral(e.left) || !isFieldOrLiteral(e.right)) return false;
        break;
      case 'in':
        if (!isFieldOrLiteral(e.operand) || !e.values.every(isFieldOrLiteral)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const isFieldOrLiteral = (e: Expr): boolean => e.kind === 'field' || e.kind === 'literal';

/** `cat where cond`: the category is an exact, case-sensitive match on a string or array. */
export function compileFilter(ctx: CompileContext, filter: EventFilter, categoryField: string): CompiledFilter {
  const cond = compileCondition(ctx, filter.condition);
  const condEv = cond.ev;
  // Comparisons, logic, `in` and matches already return truth values; only bare fields,
  // literals and function calls need converting.
  const condition: Condition =
    cond.type === 'boolean' && !(filter.condition.kind === 'field' || filter.condition.kind === 'call' || filter.condition.kind === 'literal')
      ? (condEv as Condition)
      : (e) => asTruth(condEv(e));
  ctx.evaluators.set(filter, condition);
  if (filter.category === null) return { test: condition, condition, categoryName: null };
  const cat = internalized(filter.category);
  const field = compileFieldRef(ctx, { kind: 'field', path: categoryField.split('.'), name: categoryField, optional: true, range: filter.categoryRange });
  const get = field.ev;
  const category: Condition = (e) => {
    const v = get(e);
    if (v === cat) return true;
    if (Array.isArray(v)) return v.includes(cat);
    return v === null || v === undefined ? null : false;
  };
  if (cond.constant) {
    const t = asTruth(cond.constant.value);
    if (t === true) return { test: category, category, condition, categoryName: cat, categoryValue: get };
    return { test: () => (t === null ? null : false), category, condition, categoryName: cat, categoryValue: get };
  }
  // The hot path of every filter: the category test inlined ahead of the condition.
  const test: Condition = (e) => {
    const v = get(e);
    if (v !== cat) {
      if (!Array.isArray(v)) return v === null || v === undefined ? null : false;
      let found = false;
      for (let i = 0; i < v.length; i++)
        if (v[i] === cat) {
          found = true;
          break;
        }
      if (!found) return false;
    }
    return condition(e);
  };
  return { test, category, condition, categoryName: cat, categoryValue: get, conditionFirstOk: comparesOnly(filter.condition) };
}

/** The same text as an internalized string (property keys are), so `===` on it is a pointer test. */
export function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

/** True when the category field value `v` holds `cat` (a string or an array of strings). */
export function hasCategory(v: unknown, cat: string): boolean {
  if (v === cat) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (v[i] === cat) return true;
  return false;
}
