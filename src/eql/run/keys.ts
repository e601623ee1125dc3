/**
 * Join keys. A key position holds a field; an event joins under every combination of the
 * distinct non-null values of its key fields (multi-valued fields fan out, several of them form
 * a cartesian product). A non-optional key without a value drops the event; an optional (`?`)
 * key joins under `null`.
 */
import type { Evaluator, StaticType } from './compile.ts';
import { compareKeyValues } from './compare.ts';
import { isoOfMillis } from './dates.ts';

export interface KeySpec {
  ev: Evaluator;
  optional: boolean;
  type: StaticType;
  name: string;
  /** `ev` is the field's shared accessor: a pure function of the event, the same closure in
   * every compile, so what it reads may be kept with the events across runs. */
  shared?: boolean;
}

const NO_TUPLES: unknown[][] = [];

function distinctValues(v: unknown, optional: boolean): unknown[] | null {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      if (x === null || x === undefined) continue;
      if (!out.includes(x)) out.push(x);
    }
    if (out.length === 0) return optional ? [null] : null;
    if (out.length > 1) out.sort(compareKeyValues);
    return out;
  }
  if (v === null || v === undefined) return optional ? [null] : null;
  return [v];
}

/** What `readSingleTuple` found: a required key is missing (the event joins under no tuple). */
export const TUPLE_NONE = 0;
/** Every key is single-valued: the tuple was written to `out`. */
export const TUPLE_ONE = 1;
/** Some key is multi-valued: use `keyTuples`. */
export const TUPLE_MANY = 2;

/**
 * Writes the event's key tuple into `out` (from index `at`) when every key is single-valued.
 * Lets the sequence engine keep key values flat and look states up with a reused array.
 */
export function readSingleTuple(keys: readonly KeySpec[], event: object, out: unknown[], at = 0): number {
  for (let k = 0; k < keys.length; k++) {
    const v = keys[k].ev(event);
    if (v === null || v === undefined) {
      if (!keys[k].optional) return TUPLE_NONE;
      out[at + k] = null;
    } else if (Array.isArray(v)) {
      return TUPLE_MANY;
    } else out[at + k] = v;
  }
  return TUPLE_ONE;
}

/**
 * The event's key tuple when every key is single-valued; null when a required key is missing;
 * undefined when some key is multi-valued (use `keyTuples`).
 */
export function singleTuple(keys: readonly KeySpec[], event: object): unknown[] | null | undefined {
  const out = new Array<unknown>(keys.length);
  const r = readSingleTuple(keys, event, out);
  return r === TUPLE_ONE ? out : r === TUPLE_NONE ? null : undefined;
}

/** Every key tuple the event joins under; empty when a required key is missing. */
export function keyTuples(keys: readonly KeySpec[], event: object): unknown[][] {
  if (keys.length === 0) return [[]];
  // Common case: scalar values, one tuple, no intermediate arrays.
  const simple = singleTuple(keys, event);
  if (simple === null) return NO_TUPLES;
  if (simple !== undefined) return [simple];
  let tuples: unknown[][] = [[]];
  for (const k of keys) {
    const vals = distinctValues(k.ev(event), k.optional);
    if (!vals) return NO_TUPLES;
    if (vals.length === 1) {
      for (const t of tuples) t.push(vals[0]);
    } else {
      const next: unknown[][] = [];
      for (const t of tuples) for (const v of vals) next.push([...t, v]);
      tuples = next;
    }
  }
  return tuples;
}

/** A string identifying a key tuple (typed, so `1` and `"1"` differ). */
export function keyString(tuple: readonly unknown[]): string {
  if (tuple.length === 1) {
    const v = tuple[0];
    return typeof v === 'string' ? 's' + v : tagged(v);
  }
  let s = '';
  for (let i = 0; i < tuple.length; i++) {
    const v = tuple[i];
    const text = typeof v === 'string' ? 's' + (v.indexOf('\u0000') < 0 ? v : v.replace(/\u0000/g, '\u0000\u0000')) : tagged(v);
    s = i === 0 ? text : s + '\u0000' + text;
  }
  return s;
}

function tagged(v: unknown): string {
  if (v === null || v === undefined) return 'z';
  if (typeof v === 'number') return 'n' + String(v);
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  return 'o' + JSON.stringify(v);
}

/**
 * Key values as the response shows them: dates as ISO text in sequences and epoch millis in
 * samples (Elasticsearch's own inconsistency), everything else typed.
 */
export function renderKeys(tuple: readonly unknown[], types: readonly StaticType[], kind: 'sequences' | 'samples'): unknown[] {
  return tuple.map((v, i) => {
    if (v === null || v === undefined) return null;
    if (types[i] === 'date' && typeof v === 'number') return kind === 'sequences' ? isoOfMillis(v) : v;
    return v;
  });
}

/**
 * A map keyed by key tuples, nested by position: looking a tuple up builds no key string and
 * hashes only the values the event already holds (the hot path of the sequence engine).
 */
export class TupleMap<V> {
  private readonly root = new Map<unknown, unknown>();
  size = 0;
  constructor(private readonly arity: number) {}

  get(tuple: readonly unknown[]): V | undefined {
    if (this.arity === 0) return this.root.get('') as V | undefined;
    let m = this.root;
    const last = this.arity - 1;
    for (let i = 0; i < last; i++) {
      const next = m.get(tuple[i] ?? null) as Map<unknown, unknown> | undefined;
      if (!next) return undefined;
      m = next;
    }
    return m.get(tuple[last] ?? null) as V | undefined;
  }

  set(tuple: readonly unknown[], value: V): void {
    if (this.arity === 0) {
      if (!this.root.has('')) this.size++;
      this.root.set('', value);
      return;
    }
    let m = this.root;
    const last = this.arity - 1;
    for (let i = 0; i < last; i++) {
      const k = tuple[i] ?? null;
      let next = m.get(k) as Map<unknown, unknown> | undefined;
      if (!next) m.set(k, (next = new Map()));
      m = next;
    }
    const k = tuple[last] ?? null;
    if (!m.has(k)) this.size++;
    m.set(k, value);
  }

  /**
   * The value of `tuple`, or when it has none, `fresh` stored for it (one walk down the maps,
   * where a `get` then a `set` take two). `fresh` must not be undefined; the tuple's values are
   * the keys, so the caller may reuse its array.
   */
  getOrSet(tuple: readonly unknown[], fresh: V): V {
    let m = this.root;
    const last = this.arity - 1;
    for (let i = 0; i < last; i++) {
      const k = tuple[i] ?? null;
      let next = m.get(k) as Map<unknown, unknown> | undefined;
      if (next === undefined) m.set(k, (next = new Map()));
      m = next;
    }
    const k = this.arity === 0 ? '' : (tuple[last] ?? null);
    const hit = m.get(k) as V | undefined;
    if (hit !== undefined) return hit;
    m.set(k, fresh);
    this.size++;
    return fresh;
  }

  delete(tuple: readonly unknown[]): void {
    if (this.arity === 0) {
      if (this.root.delete('')) this.size--;
      return;
    }
    if (this.deleteFrom(this.root, tuple, 0)) this.size--;
  }

  /** Deletes below `m` (at key position `depth`), pruning inner maps it empties, so memory
   * follows the live entries. */
  private deleteFrom(m: Map<unknown, unknown>, tuple: readonly unknown[], depth: number): boolean {
    const k = tuple[depth] ?? null;
    if (depth === this.arity - 1) return m.delete(k);
    const next = m.get(k) as Map<unknown, unknown> | undefined;
    if (!next || !this.deleteFrom(next, tuple, depth + 1)) return false;
    if (next.size === 0) m.delete(k);
    return true;
  }

  /** Every value (a snapshot, so callers may delete while walking it). */
  values(): V[] {
    const out: V[] = [];
    const walk = (m: Map<unknown, unknown>, depth: number) => {
      for (const v of m.values()) {
        if (depth >= this.arity - 1) out.push(v as V);
        else walk(v as Map<unknown, unknown>, depth + 1);
      }
    };
    walk(this.root, 0);
    return out;
  }
}
