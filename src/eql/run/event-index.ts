/**
 * Facts about one array of events that do not depend on the query, kept while the array lives
 * (a WeakMap on it): the live evaluation re-runs queries over the same loaded events on every
 * edit, and these are the parts of a run that cost memory traffic on every event.
 * - Which events hold each category value: an event query then tests its condition on the
 *   events of its category only, instead of reading every event's category.
 * - Parsed timestamps (see order.ts).
 * - Ids of the sequence join key tuples, per list of key readers (see sequence.ts).
 * An entry is rebuilt when the array's length changed; events must not be modified in place
 * between runs (the worker and the CLI never do).
 */
import type { Evaluator } from './compile.ts';

interface Entry<T> {
  length: number;
  value: T;
}

const cache = new WeakMap<readonly object[], Map<unknown, Entry<unknown>>>();

/** The value cached for (events, key), built by `build` when absent or stale. */
export function perEvents<T>(events: readonly object[], key: unknown, build: () => T): T {
  let m = cache.get(events);
  if (!m) cache.set(events, (m = new Map()));
  const hit = m.get(key) as Entry<T> | undefined;
  if (hit && hit.length === events.length) return hit.value;
  const value = build();
  m.set(key, { length: events.length, value });
  return value;
}

const NONE = new Int32Array(0);

/**
 * Indices (ascending) of the events whose category, as `read` gives it, is `cat` or an array
 * holding it: exactly the events a category test accepts. `read` must be a pure reader of the
 * event (the shared field accessor), as it keys the cache. Undefined on the first run over an
 * array: building the index costs more than one scan (~1.5×: category values parsed from JSON
 * are distinct strings, hashed on first use), so it is built from the second run on, when it
 * pays back (a run over the index reads only the events of the category).
 */
export function eventsOfCategory(events: readonly object[], read: Evaluator, cat: string): Int32Array | undefined {
  const runs = perEvents(events, runsKey(read), () => ({ n: 0 }));
  if (runs.n++ === 0) return undefined;
  return perEvents(events, read, () => buildIndex(events, read)).get(cat) ?? NONE;
}

const runKeys = new WeakMap<Evaluator, object>();
function runsKey(read: Evaluator): object {
  let k = runKeys.get(read);
  if (!k) runKeys.set(read, (k = {}));
  return k;
}

function buildIndex(events: readonly object[], read: Evaluator): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  for (let i = 0; i < events.length; i++) {
    const v = read(events[i]);
    if (typeof v === 'string') {
      let list = lists.get(v);
      if (list === undefined) lists.set(v, (list = []));
      list.push(i);
    } else if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const x = v[k];
        if (typeof x !== 'string') continue;
        let list = lists.get(x);
        if (list === undefined) lists.set(x, (list = []));
        // An array may repeat a value: each event once.
        if (list[list.length - 1] !== i) list.push(i);
      }
    }
  }
  const out = new Map<string, Int32Array>();
  for (const [k, list] of lists) out.set(k, new Int32Array(list));
  return out;
}
