/**
 * Event order as Elasticsearch sorts hits: timestamp ascending, then the tiebreaker, then
 * document (input) order. Missing values sort first.
 */
import { compareScalars } from './values.ts';
import type { Evaluator } from './compile.ts';
import { perEvents } from './event-index.ts';

export interface OrderKeys {
  /** Epoch millis per event index (NaN = missing), filled lazily. */
  ts: Float64Array;
  tsKnown: Uint8Array;
  timestamp: Evaluator;
  tiebreaker?: Evaluator;
  events: readonly object[];
}

function scalarTs(v: unknown): number {
  if (Array.isArray(v)) v = v.find((x) => x !== null && x !== undefined);
  return typeof v === 'number' ? v : NaN;
}

/**
 * `cacheKey`, when given, names what `timestamp` computes (the same key, the same function of
 * an event): the parsed timestamps are then kept with the events for later runs (event-index.ts).
 */
export function createOrderKeys(events: readonly object[], timestamp: Evaluator, tiebreaker?: Evaluator, cacheKey?: string): OrderKeys {
  const fresh = () => ({ ts: new Float64Array(events.length), tsKnown: new Uint8Array(events.length) });
  const { ts, tsKnown } = cacheKey === undefined ? fresh() : perEvents(events, cacheKey, fresh);
  return { ts, tsKnown, timestamp, tiebreaker, events };
}

/** The event's timestamp in millis (NaN when missing or unparseable). */
export function timestampOf(o: OrderKeys, i: number): number {
  if (o.tsKnown[i] === 0) {
    o.ts[i] = scalarTs(o.timestamp(o.events[i]));
    o.tsKnown[i] = 1;
  }
  return o.ts[i];
}

function compareNullable(a: unknown, b: unknown): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  const c = compareScalars(Array.isArray(a) ? a[0] : a, Array.isArray(b) ? b[0] : b);
  return Number.isNaN(c) ? 0 : c;
}

/**
 * Without a tiebreaker and with every timestamp present, (timestamp, index) packs exactly into
 * one double when the time range times the event count stays below 2^53; a native typed-array
 * sort of those keys is several times faster than a comparator sort.
 */
function packedSort<T extends number[] | Int32Array>(o: OrderKeys, indices: T): T | undefined {
  const ts = o.ts;
  let min = Infinity,
    max = -Infinity;
  // Indexed loops: for-of over a typed array allocates an iterator result per element.
  for (let k = 0; k < indices.length; k++) {
    const t = ts[indices[k]];
    if (Number.isNaN(t)) return undefined;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const n = o.events.length;
  if (!Number.isInteger(min) || !Number.isInteger(max) || (max - min + 1) * n >= Number.MAX_SAFE_INTEGER) return undefined;
  const keys = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    keys[k] = (ts[i] - min) * n + i;
  }
  keys.sort();
  for (let k = 0; k < keys.length; k++) indices[k] = keys[k] % n;
  return indices;
}

/** (timestamp, index) order without a tiebreaker: missing timestamps (NaN) first. */
function precedes(ts: Float64Array, a: number, b: number): boolean {
  const x = ts[a],
    y = ts[b];
  if (x < y) return true;
  if (x > y) return false;
  if (x === y) return a < b;
  const xn = Number.isNaN(x),
    yn = Number.isNaN(y);
  return xn && yn ? a < b : xn;
}

/**
 * Insertion sort in place, giving up once it has moved elements more than `budget` places in
 * all. Either way `indices` remains a permutation of its input, so a full sort can finish it.
 */
function insertionSortNearlyOrdered(ts: Float64Array, indices: number[] | Int32Array, budget: number): boolean {
  for (let k = 1; k < indices.length; k++) {
    const cur = indices[k];
    let j = k - 1;
    while (j >= 0 && precedes(ts, cur, indices[j])) {
      indices[j + 1] = indices[j];
      j--;
    }
    indices[j + 1] = cur;
    budget -= k - 1 - j;
    if (budget < 0) return false;
  }
  return true;
}

/** Sorts event indices in place by (timestamp, tiebreaker, index). */
export function sortByOrder<T extends number[] | Int32Array>(o: OrderKeys, indices: T): T {
  for (let k = 0; k < indices.length; k++) timestampOf(o, indices[k]);
  const ts = o.ts;
  const tb = o.tiebreaker;
  if (!tb) {
    // Exports are usually already in time order: then there is nothing to sort.
    let ordered = true;
    for (let k = 1; k < indices.length && ordered; k++) {
      const prev = ts[indices[k - 1]];
      const cur = ts[indices[k]];
      ordered = prev < cur || (prev === cur && indices[k - 1] < indices[k]) || (Number.isNaN(prev) && (Number.isNaN(cur) ? indices[k - 1] < indices[k] : true));
    }
    if (ordered) return indices;
    // Exports with a little clock jitter are nearly in order: fixing them up locally beats
    // a full sort, which we fall back to when the disorder turns out to be large.
    if (insertionSortNearlyOrdered(ts, indices, 8 * indices.length)) return indices;
    if (indices.length > 64) {
      const done = packedSort(o, indices);
      if (done) return done;
    }
  }
  let tbValues: Map<number, unknown> | undefined;
  if (tb) {
    tbValues = new Map();
    for (const i of indices) tbValues.set(i, tb(o.events[i]));
  }
  return (indices as number[]).sort((a, b) => {
    const x = ts[a],
      y = ts[b];
    if (x !== y) {
      const xn = Number.isNaN(x),
        yn = Number.isNaN(y);
      if (xn || yn) {
        if (!(xn && yn)) return xn ? -1 : 1;
      } else return x < y ? -1 : 1;
    }
    if (tbValues) {
      const c = compareNullable(tbValues.get(a), tbValues.get(b));
      if (c !== 0) return c;
    }
    return a - b;
  }) as T;
}

/** One `head N` / `tail N` window. */
export interface Limit {
  head: boolean;
  n: number;
}

/** Applies limits left to right; each takes its slice of the previous window. */
export function applyLimits<T>(items: T[], limits: readonly Limit[]): T[] {
  let out = items;
  for (const l of limits) {
    if (out.length <= l.n) continue;
    out = l.head ? out.slice(0, l.n) : out.slice(out.length - l.n);
  }
  return out;
}
