/**
 * Multi-valued fields inside scripts, as Elasticsearch runs them since 7.15 (PR #74567, issue
 * #55341, docs #76663). A leaf condition that Elasticsearch cannot push down to Lucene (a
 * function, arithmetic or a comparison of an expression) becomes a script, and the EQL planner
 * (`QueryTranslator.toQuery`) wraps it in `MultiValueAwareScriptQuery(Scripts
 * .multiValueDocValuesRewrite(script))`: every doc-value read in the script becomes a variable
 * X0, X1… of nested `InternalEqlScriptUtils.multiValueDocValues(doc, field, Xi -> …)` loops, so
 * the condition runs once per combination of values (each *occurrence* of a field is its own
 * variable: `a - a > 0` pairs every value of a with every value) and matches when one run is
 * true. A field without values runs once with null. Doc values are sorted (and keywords
 * distinct), so combinations are tried in that order, the first variable outermost.
 *
 * Here a script leaf is compiled once. Its field reads go through a `ScriptScope`: normally
 * they read the event (the single-value fast path, unchanged but for one flag check); when a
 * read sees an array, the leaf is run again for each combination with the fields bound to
 * single values. Elasticsearch sets no bound; here at most MAX_COMBINATIONS are tried per leaf
 * and event (then a warning says so and the untried ones count as not matching).
 */
import type { Expr } from '../syntax/ast.ts';
import { compareKeyValues } from './compare.ts';
import type { Truth } from './types.ts';
import { asTruth } from './values.ts';

/** Combinations tried per leaf and event: 100,000 (e.g. two fields of 316 values each). */
export const MAX_COMBINATIONS = 100_000;

type Read = (event: unknown) => unknown;

/** One value of one field occurrence in the combination that made a condition true. */
export interface WitnessValue {
  field: string;
  value: unknown;
}

/** The field reads of one script leaf, and the values they are bound to while combinations run. */
export class ScriptScope {
  readonly fields: string[] = [];
  readonly reads: Read[] = [];
  env: unknown[] = [];
  /** True while combinations run: reads return `env`. */
  bound = false;
  /** Set by a read that saw several values since the leaf last reset it. */
  multi = false;

  /** Registers an occurrence of a field; returns its reader for the leaf's closures. */
  add(field: string, read: Read): Read {
    const i = this.reads.length;
    this.fields.push(field);
    this.reads.push(read);
    return (e) => {
      if (this.bound) return this.env[i];
      const v = read(e);
      if (Array.isArray(v) && (v.length > 1 || Array.isArray(v[0]))) this.multi = true;
      return v;
    };
  }
}

/**
 * The values a script sees for a field, in doc-values order: nested arrays flattened, nulls
 * dropped, sorted (numbers numerically, strings by code point), equal values once; no value at
 * all is one null (`multiValueDocValues` then runs the script with null).
 */
export function scriptValues(v: unknown): unknown[] {
  if (!Array.isArray(v)) return [v ?? null];
  const out: unknown[] = [];
  const pending: unknown[] = [v];
  while (pending.length > 0) {
    const x = pending.pop();
    if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) pending.push(x[i]);
    else if (x !== null && x !== undefined) out.push(x);
  }
  if (out.length === 0) return [null];
  out.sort(compareKeyValues);
  let n = 1;
  for (let i = 1; i < out.length; i++) if (compareKeyValues(out[i], out[n - 1]) !== 0) out[n++] = out[i];
  out.length = n;
  return out;
}

/**
 * Runs `test` for every combination of the scope's field values (first field outermost), and
 * stops at the first true one, whose values go to `witness` when given. Not true: false when
 * some run was false, null when all were null (one combination gives exactly the fast path's
 * answer). More than MAX_COMBINATIONS: `onBudget` is called and the rest are not tried.
 */
export function anyCombination(scope: ScriptScope, event: unknown, test: Read, onBudget: () => void, witness?: WitnessValue[]): Truth {
  const n = scope.reads.length;
  const lists: unknown[][] = new Array(n);
  let total = 1;
  for (let i = 0; i < n; i++) {
    lists[i] = scriptValues(scope.reads[i](event));
    total = Math.min(total * lists[i].length, MAX_COMBINATIONS + 1);
  }
  const at: number[] = new Array(n).fill(0);
  const env: unknown[] = (scope.env = new Array(n));
  let result: Truth = null;
  scope.bound = true;
  try {
    for (let tried = 0; ; ) {
      for (let i = 0; i < n; i++) env[i] = lists[i][at[i]];
      const t = asTruth(test(event));
      if (t === true) {
        if (witness) for (let i = 0; i < n; i++) witness.push({ field: scope.fields[i], value: env[i] });
        return true;
      }
      if (t === false) result = false;
      if (++tried === MAX_COMBINATIONS && total > MAX_COMBINATIONS) {
        onBudget();
        return result;
      }
      let k = n - 1;
      while (k >= 0 && ++at[k] === lists[k].length) at[k--] = 0;
      if (k < 0) return result;
    }
  } finally {
    scope.bound = false;
  }
}

function hasFieldRef(e: Expr): boolean {
  switch (e.kind) {
    case 'field':
      return true;
    case 'not':
    case 'unary':
      return hasFieldRef(e.operand);
    case 'logical':
      return e.operands.some(hasFieldRef);
    case 'compare':
    case 'arith':
      return hasFieldRef(e.left) || hasFieldRef(e.right);
    case 'in':
      return hasFieldRef(e.operand) || e.values.some(hasFieldRef);
    case 'match':
      return hasFieldRef(e.operand);
    case 'call':
      return e.args.some(hasFieldRef);
    default:
      return false;
  }
}

/** A field read directly by a query Lucene runs (term, range, wildcard…): not a script. */
const readsInScript = (e: Expr): boolean => e.kind !== 'field' && hasFieldRef(e);

/**
 * True when Elasticsearch runs the leaf condition as a script: a field appears anywhere but as
 * the operand Lucene queries directly (`x > 1`, `x in (…)`, `x : "a*"`, `startsWith(x, "a")`
 * are queries; `x + 1 > 2`, `length(x) > 1`, `startsWith("abc", x)` are scripts).
 * `pushedFirstArg` tells whether a function is pushed down on its first argument.
 */
export function isScriptLeaf(e: Expr, pushedFirstArg: (name: string) => boolean): boolean {
  switch (e.kind) {
    case 'compare':
      return readsInScript(e.left) || readsInScript(e.right);
    case 'in':
      return readsInScript(e.operand) || e.values.some(hasFieldRef);
    case 'match':
      return readsInScript(e.operand);
    case 'call':
      if (e.args.length > 0 && pushedFirstArg(e.name)) return readsInScript(e.args[0]) || e.args.slice(1).some(hasFieldRef);
      return e.args.some(hasFieldRef);
    case 'field':
    case 'literal':
    case 'error':
    case 'not':
    case 'logical':
      return false;
    default:
      return hasFieldRef(e);
  }
}

/**
 * Leaves whose truth is "some value matches" (so one value can be named as the reason):
 * every script, and the queries other than `!=`, `not in` and null checks (true when no value
 * matches, or when there is none).
 */
export function isAnyValueLeaf(e: Expr): boolean {
  if (e.kind === 'compare') {
    const nullCheck = (x: Expr) => x.kind === 'literal' && x.value === null;
    return e.op !== '!=' && !nullCheck(e.left) && !nullCheck(e.right);
  }
  if (e.kind === 'in') return !e.negated;
  return e.kind === 'match' || e.kind === 'call';
}
