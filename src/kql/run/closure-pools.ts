/**
 * The evaluator's hot closures, each from a pool of identical copies. Why: V8 keeps call and
 * property-load feedback per function literal, shared by every closure made from it, and a call
 * site that has seen two different targets goes megamorphic (no inlining, a generic call). With
 * one `(ev) => a(ev) && b(ev)` literal for every conjunction, or one keyword-term literal calling
 * every field's reader, a query's tree of closures ran at a third of the speed of the same test
 * written by hand. Each compiled node takes the next copy in turn, so the first queries compiled
 * (a rule, its preview) keep one target per call site; later ones share copies (still correct,
 * only slower). Same idea as the reader pools of events/field.ts.
 *
 * The copies must stay identical. Each is a factory taking the parts it closes over.
 */
import type { FieldAccessor } from '../../events/field.ts';
import { indexedKeyword } from './values.ts';

export type Test = (event: unknown) => boolean;
type StringMatcher = (s: string) => boolean;

/** Round-robin over a pool. */
function taker<T>(pool: readonly T[]): () => T {
  let next = 0;
  return () => pool[next++ % pool.length];
}

/** Arrays nested deeper are not searched (perValue in leaves.ts stops at the same depth). */
const MAX_ARRAY_DEPTH = 32;

/**
 * A value of a keyword field that is not a string (nor null/undefined) equals `q`: a number or
 * boolean spelled out, or, for an array (arrays nest, Elasticsearch flattens them), any of its values.
 */
function keywordOtherEquals(x: unknown, q: string, depth = 0): boolean {
  if (!Array.isArray(x)) return indexedKeyword(x) === q;
  if (depth >= MAX_ARRAY_DEPTH) return false;
  for (let i = 0; i < x.length; i++) {
    const y = x[i];
    if (y === q || (typeof y !== 'string' && y !== null && keywordOtherEquals(y, q, depth + 1))) return true;
  }
  return false;
}

/** The same for a set of terms. */
function keywordOtherIn(x: unknown, qs: ReadonlySet<string>, depth = 0): boolean {
  if (!Array.isArray(x)) {
    const s = indexedKeyword(x);
    return s !== null && qs.has(s);
  }
  if (depth >= MAX_ARRAY_DEPTH) return false;
  for (let i = 0; i < x.length; i++) {
    const y = x[i];
    if (typeof y === 'string' ? qs.has(y) : y !== null && keywordOtherIn(y, qs, depth + 1)) return true;
  }
  return false;
}

/** The same for a pattern: numbers and booleans match as text, strings up to `limit` long. */
function keywordOtherMatches(x: unknown, m: StringMatcher, limit: number, depth = 0): boolean {
  if (!Array.isArray(x)) return (typeof x === 'number' || typeof x === 'boolean') && m(String(x));
  if (depth >= MAX_ARRAY_DEPTH) return false;
  for (let i = 0; i < x.length; i++) {
    const y = x[i];
    if (typeof y === 'string' ? y.length <= limit && m(y) : y !== null && keywordOtherMatches(y, m, limit, depth + 1)) return true;
  }
  return false;
}

type TermFactory = (read: FieldAccessor, q: string) => Test;
const TERMS: TermFactory[] = [
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
  (read, q) => (ev) => {
    const v = read(ev);
    if (v === q) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return indexedKeyword(v) === q;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === q || (typeof x !== 'string' && x !== null && keywordOtherEquals(x, q))) return true;
    }
    return false;
  },
];
type TermSetFactory = (read: FieldAccessor, qs: ReadonlySet<string>) => Test;
const TERM_SETS: TermSetFactory[] = [
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
  (read, qs) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return qs.has(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? qs.has(x) : x !== null && keywordOtherIn(x, qs)) return true;
    }
    return false;
  },
];

type TermPairFactory = (read: FieldAccessor, a: string, b: string, qs: ReadonlySet<string>) => Test;
const TERM_PAIRS: TermPairFactory[] = [
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
  (read, a, b, qs) => (ev) => {
    const v = read(ev);
    if (v === a || v === b) return true;
    if (typeof v === 'string' || v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherIn(v, qs);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === a || x === b || (typeof x !== 'string' && x !== null && keywordOtherIn(x, qs))) return true;
    }
    return false;
  },
];

type PatternFactory = (read: FieldAccessor, m: StringMatcher, limit: number) => Test;
const PATTERNS: PatternFactory[] = [
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
  (read, m, limit) => (ev) => {
    const v = read(ev);
    if (typeof v === 'string') return v.length <= limit && m(v);
    if (v === undefined || v === null) return false;
    if (!Array.isArray(v)) return keywordOtherMatches(v, m, limit);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string' ? x.length <= limit && m(x) : x !== null && keywordOtherMatches(x, m, limit)) return true;
    }
    return false;
  },
];
type Fn2 = (a: Test, b: Test) => Test;
type Fn3 = (a: Test, b: Test, c: Test) => Test;
type Fn4 = (a: Test, b: Test, c: Test, d: Test) => Test;
const AND2: Fn2[] = [
  (a, b) => (ev) => a(ev) && b(ev),
  (a, b) => (ev) => a(ev) && b(ev),
  (a, b) => (ev) => a(ev) && b(ev),
  (a, b) => (ev) => a(ev) && b(ev),
  (a, b) => (ev) => a(ev) && b(ev),
  (a, b) => (ev) => a(ev) && b(ev),
  (a, b) => (ev) => a(ev) && b(ev),
  (a, b) => (ev) => a(ev) && b(ev),
];
const AND3: Fn3[] = [
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
  (a, b, c) => (ev) => a(ev) && b(ev) && c(ev),
];
const AND4: Fn4[] = [
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
  (a, b, c, d) => (ev) => a(ev) && b(ev) && c(ev) && d(ev),
];
const OR2: Fn2[] = [
  (a, b) => (ev) => a(ev) || b(ev),
  (a, b) => (ev) => a(ev) || b(ev),
  (a, b) => (ev) => a(ev) || b(ev),
  (a, b) => (ev) => a(ev) || b(ev),
  (a, b) => (ev) => a(ev) || b(ev),
  (a, b) => (ev) => a(ev) || b(ev),
  (a, b) => (ev) => a(ev) || b(ev),
  (a, b) => (ev) => a(ev) || b(ev),
];
const OR3: Fn3[] = [
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
  (a, b, c) => (ev) => a(ev) || b(ev) || c(ev),
];
const OR4: Fn4[] = [
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
  (a, b, c, d) => (ev) => a(ev) || b(ev) || c(ev) || d(ev),
];
const NOTS: ((a: Test) => Test)[] = [
  (a) => (ev) => !a(ev),
  (a) => (ev) => !a(ev),
  (a) => (ev) => !a(ev),
  (a) => (ev) => !a(ev),
  (a) => (ev) => !a(ev),
  (a) => (ev) => !a(ev),
  (a) => (ev) => !a(ev),
  (a) => (ev) => !a(ev),
];
const AND_NOTS: Fn2[] = [
  (a, b) => (ev) => a(ev) && !b(ev),
  (a, b) => (ev) => a(ev) && !b(ev),
  (a, b) => (ev) => a(ev) && !b(ev),
  (a, b) => (ev) => a(ev) && !b(ev),
  (a, b) => (ev) => a(ev) && !b(ev),
  (a, b) => (ev) => a(ev) && !b(ev),
  (a, b) => (ev) => a(ev) && !b(ev),
  (a, b) => (ev) => a(ev) && !b(ev),
];

/** Every pool, for the test that keeps each pool's copies identical. */
export const POOLS: Readonly<Record<string, readonly ((...parts: never[]) => unknown)[]>> = {
  TERMS,
  TERM_SETS,
  TERM_PAIRS,
  PATTERNS,
  AND2,
  AND3,
  AND4,
  OR2,
  OR3,
  OR4,
  NOTS,
  AND_NOTS,
};

const takeTerm = taker(TERMS);
const takeTermSet = taker(TERM_SETS);
const takeTermPair = taker(TERM_PAIRS);
const takePattern = taker(PATTERNS);
const takeAnd2 = taker(AND2);
const takeAnd3 = taker(AND3);
const takeAnd4 = taker(AND4);
const takeOr2 = taker(OR2);
const takeOr3 = taker(OR3);
const takeOr4 = taker(OR4);
const takeNot = taker(NOTS);
const takeAndNot = taker(AND_NOTS);

/** Exact term on a keyword field: `q` equals the value, or one of its values (numbers and booleans as text). */
export function keywordTermTest(read: FieldAccessor, q: string): Test {
  const test = takeTerm()(read, q);
  keywordTerms.set(test, { read, values: [q] });
  return test;
}

/** Exact terms on a keyword field: any of `values` equals the value, or one of its values. */
export function keywordAnyTermTest(read: FieldAccessor, values: readonly string[]): Test {
  if (values.length === 0) return () => false;
  if (values.length === 1) return keywordTermTest(read, values[0]);
  const set = new Set(values);
  // Two values (`x:(a or b)`): two compares, no hashing of the event's string.
  const test = values.length === 2 ? takeTermPair()(read, values[0], values[1], set) : takeTermSet()(read, set);
  keywordTerms.set(test, { read, values });
  return test;
}

/**
 * The keyword term tests above, by test: a disjunction of terms on one field (`process.name:(cmd.exe
 * or powershell.exe)`) then reads the field once and looks the value up in a set.
 */
const keywordTerms = new WeakMap<Test, { read: FieldAccessor; values: readonly string[] }>();

/** Keyword term tests on the same field merged into one (at the place of the first); others kept in order. */
function mergeKeywordTerms(tests: readonly Test[]): readonly Test[] {
  const byRead = new Map<FieldAccessor, string[]>();
  let merged = false;
  for (const t of tests) {
    const term = keywordTerms.get(t);
    if (!term) continue;
    const values = byRead.get(term.read);
    if (values) {
      values.push(...term.values);
      merged = true;
    } else {
      byRead.set(term.read, [...term.values]);
    }
  }
  if (!merged) return tests;
  const out: Test[] = [];
  const done = new Set<FieldAccessor>();
  for (const t of tests) {
    const term = keywordTerms.get(t);
    if (!term) out.push(t);
    else if (!done.has(term.read)) {
      done.add(term.read);
      out.push(keywordAnyTermTest(term.read, [...new Set(byRead.get(term.read))]));
    }
  }
  return out;
}

/** wildcard/prefix on a keyword field: `m` matches the value (at most `limit` long), or one of its values. */
export function keywordPatternTest(read: FieldAccessor, m: StringMatcher, limit: number): Test {
  return takePattern()(read, m, limit);
}

/** Every test passes, tried in order. */
export function allOf(tests: readonly Test[]): Test {
  const [a, b, c, d] = tests;
  switch (tests.length) {
    case 0:
      return () => true;
    case 1:
      return a;
    case 2:
      return takeAnd2()(a, b);
    case 3:
      return takeAnd3()(a, b, c);
    case 4:
      return takeAnd4()(a, b, c, d);
  }
  // Wider: a conjunction of groups of four (each group's call sites keep their targets).
  const groups: Test[] = [];
  for (let i = 0; i < tests.length; i += 4) groups.push(allOf(tests.slice(i, i + 4)));
  return allOf(groups);
}

/** Some test passes, tried in order (keyword terms on one field tried together). */
export function anyOf(tests: readonly Test[]): Test {
  return anyOfTests(mergeKeywordTerms(tests));
}

function anyOfTests(tests: readonly Test[]): Test {
  const [a, b, c, d] = tests;
  switch (tests.length) {
    case 0:
      return () => false;
    case 1:
      return a;
    case 2:
      return takeOr2()(a, b);
    case 3:
      return takeOr3()(a, b, c);
    case 4:
      return takeOr4()(a, b, c, d);
  }
  const groups: Test[] = [];
  for (let i = 0; i < tests.length; i += 4) groups.push(anyOfTests(tests.slice(i, i + 4)));
  return anyOfTests(groups);
}

export function negate(t: Test): Test {
  return takeNot()(t);
}

/** `all` passes and `none` does not. */
export function allButNot(all: Test, none: Test): Test {
  return takeAndNot()(all, none);
}
