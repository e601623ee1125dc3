/** Small value helpers shared by the expression compiler and the engines. */
import { compareKeyValues, compareStrings } from './compare.ts';
import { parseIsoDate } from './dates.ts';
import type { Truth } from './types.ts';

export function isNullish(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/**
 * `IS NULL` as an exists query sees it: missing, null, `[]` or only nulls. Nested arrays are
 * walked with a stack, not recursion: an event's nesting depth is the user's.
 */
export function isNullValue(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (!Array.isArray(v)) return false;
  const pending: unknown[] = [v];
  while (pending.length > 0) {
    const x = pending.pop();
    if (Array.isArray(x)) for (const y of x) pending.push(y);
    else if (x !== null && x !== undefined) return false;
  }
  return true;
}

/** A condition's value as a truth value; non-booleans are unknown. */
export function asTruth(v: unknown): Truth {
  if (v === true || v === false) return v;
  if (Array.isArray(v)) {
    let r: Truth = null;
    for (const x of v) {
      if (x === true) return true;
      if (x === false) r = false;
    }
    return r;
  }
  return null;
}

/**
 * The single value a script sees for a possibly multi-valued field: doc values are sorted, and
 * scripts read the first one.
 */
export function scalarOf(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  let best: unknown = null;
  for (const x of v) {
    if (isNullish(x)) continue;
    if (best === null || compareKeyValues(x, best) < 0) best = x;
  }
  return best;
}

function numericString(s: string): number | null {
  if (s.trim() === '') return null;
  const n = Number(s);
  if (!Number.isNaN(n)) return n;
  return parseIsoDate(s);
}

/**
 * Compares two non-null scalars; NaN when they cannot be compared (a type mismatch that
 * Elasticsearch would reject). Mixed number/string compares the string as a number or a date,
 * which lets unmapped timestamps compare with numbers.
 */
export function compareScalars(a: unknown, b: unknown): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number' && tb === 'number')
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : (a as number) === (b as number) ? 0 : NaN;
  if (ta === 'string' && tb === 'string') return compareStrings(a as string, b as string);
  if (ta === 'boolean' && tb === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (ta === 'number' && tb === 'string') {
    const n = numericString(b as string);
    return n === null ? NaN : compareScalars(a, n);
  }
  if (ta === 'string' && tb === 'number') {
    const n = numericString(a as string);
    return n === null ? NaN : compareScalars(n, b);
  }
  return NaN;
}

/** Applies `test` to every non-null element of `a` against `b` (match-any); null when nothing to test. */
export function anyTruth(a: unknown, test: (x: unknown) => Truth): Truth {
  if (isNullish(a)) return null;
  if (!Array.isArray(a)) return test(a);
  let r: Truth = null;
  for (const x of a) {
    if (isNullish(x)) continue;
    const t = test(x);
    if (t === true) return true;
    if (t === false) r = false;
  }
  return r;
}
