/**
 * The sequence engine: Elasticsearch's state machine (reference §8).
 * - Events are processed in (timestamp, tiebreaker, input) order.
 * - Per key tuple, each stage holds at most one pending partial; a newer one replaces it.
 * - Stages are tried last to first, so one event cannot advance the same partial twice, but it
 *   may advance one partial and start another.
 * - maxspan (inclusive) drops a partial that would grow too long; `until` discards all pending
 *   partials of its key.
 * - Output is in order of completion; sequences completing on the same event are ordered by
 *   their first event, then by key.
 * - Missing-event stages `![…]` do not take part in matching: completed candidates are checked
 *   against them afterwards (between: nothing in the gap; leading/trailing: within maxspan,
 *   jointly when both exist).
 * Memory is proportional to the candidate events (flat typed arrays, indexed by key id and by
 * partial), not to the events read.
 */
import type { Condition, Evaluator } from './compile.ts';
import { hasCategory } from './compile.ts';
import type { KeySpec } from './keys.ts';
import { compareKeyTuples } from './compare.ts';
import { keyString, keyTuples, readSingleTuple, TUPLE_MANY, TUPLE_NONE, TupleMap } from './keys.ts';
import type { OrderKeys } from './order.ts';
import { sortByOrder, timestampOf } from './order.ts';
import { perEvents } from './event-index.ts';
import { TupleIds } from './tuple-ids.ts';
import type { SequenceTraceEntry } from './types.ts';

/** One stage after `runs` expansion. */
export interface SequenceStage {
  test: Condition;
  /** The filter split in two, so the category field is read once per event for all stages. */
  categoryName?: string | null;
  categoryValue?: Evaluator;
  condition?: Condition;
  keys: KeySpec[];
  missing: boolean;
  /** Index of the stage in the query (before runs expansion). */
  astIndex: number;
  /** Stages sharing a filter share its evaluation (runs=N). */
  filterId: number;
}

export interface SequencePlan {
  stages: SequenceStage[];
  until?: { test: Condition; keys: KeySpec[] };
  maxspan?: number;
}

export interface SequenceMatch {
  /** Input indices, `null` for missing placeholders, in stage order. */
  events: (number | null)[];
  stages: number[];
  key: unknown[];
}

interface Completion {
  ords: number[];
  tuple: unknown[];
}

export function runSequence(plan: SequencePlan, events: readonly object[], order: OrderKeys, trace?: SequenceTraceEntry[]): SequenceMatch[] {
  const { stages, until } = plan;
  const maxspan = plan.maxspan;
  const positive = stages.filter((s) => !s.missing);
  const missing = stages.map((s, i) => ({ s, i })).filter((x) => x.s.missing);
  const P = positive.length;
  if (P === 0) return [];

  // 1. Evaluate each distinct filter once per event; keep events that matter.
  const filterIds = [...new Set(stages.map((s) => s.filterId))];
  const byId = new Map(stages.map((s) => [s.filterId, s]));
  const firsts = filterIds.map((id) => byId.get(id)!);
  const tests = firsts.map((s) => s.test);
  const nf = filterIds.length;
  // All filters read the same category field: read it once per event, then test each stage's
  // category name and only then its condition.
  const split = firsts.every((s) => s.condition !== undefined && s.categoryName !== undefined);
  const categoryValue = firsts.find((s) => s.categoryValue)?.categoryValue;
  const catNames = firsts.map((s) => s.categoryName ?? null);
  const conditions = firsts.map((s) => s.condition ?? s.test);
  const slotOf = new Map(filterIds.map((id, k) => [id, k]));
  const untilBit = nf;
  const words = Math.ceil((nf + 1) / 32);
  const bits = new Uint32Array(events.length * words);
  // Typed arrays live off the JS heap: the young-generation GC never copies them.
  const candidateBuffer = new Int32Array(events.length);
  const candidateOf = new Int32Array(events.length);
  let candidateCount = 0;

  // Join keys are read in this pass too, while the event is hot in the cache, and each distinct
  // tuple gets a small integer id: pass 2 then finds key states in an array by id instead of
  // hashing key strings again (the strings are cold by then). Stages with the same key readers
  // (the usual `sequence by a [...] by b [...] by b`) form one group, read once per event. Per
  // group and candidate: the tuple's id, NO_ID when a required key is missing, or MANY_ID with
  // the ids of the fanned-out tuples of multi-valued keys in `manyIds`.
  const keyGroup = positive.map((st, s) => positive.findIndex((o, k) => k <= s && sameKeys(o.keys, st.keys)));
  const groups = [...new Set(keyGroup)];
  const arity = positive[0].keys.length;
  // With one group of shared field readers, the ids are kept with the events (event-index.ts)
  // from the second run over them on (the live evaluation re-runs on every edit): a later run
  // finds an event's id there instead of reading and hashing its keys again. Not on the first
  // run: keeping the table costs that run more than it saves, and there may be no second.
  const cacheable = groups.length === 1 && positive[groups[0]].keys.every((k) => k.shared === true);
  const runs = cacheable ? perEvents(events, keyIdsKey(positive[groups[0]].keys), (): KeptRuns => ({ n: 0 })) : undefined;
  const kept = runs && runs.n++ > 0 ? (runs.kept ??= newKeptIds(arity, events.length)) : undefined;
  const keptIds = kept?.ids;
  // The values of tuple id at [id * arity, (id + 1) * arity): no array per tuple.
  const tupleIds = kept ? kept.tupleIds : new TupleIds(arity);
  const tupleAt = (id: number): unknown[] => tupleIds.tupleAt(id);
  const intern = (tuple: unknown[]): number => tupleIds.idOf(tuple);
  const keyIds: Int32Array[] = [];
  const manyIds: Map<number, number[]>[] = [];
  for (const g of groups) {
    keyIds[g] = new Int32Array(events.length);
    manyIds[g] = new Map();
  }
  const readScratch = new Array<unknown>(arity).fill(null);
  const readKeys = (e: object, i: number, c: number) => {
    if (keptIds) {
      const known = keptIds[i];
      if (known !== UNKNOWN_ID && known !== MANY_ID) {
        keyIds[groups[0]][c] = known;
        return;
      }
    }
    for (let n = 0; n < groups.length; n++) {
      const g = groups[n];
      const keys = positive[g].keys;
      const kind = readSingleTuple(keys, e, readScratch);
      if (kind === TUPLE_NONE) keyIds[g][c] = NO_ID;
      else if (kind === TUPLE_MANY) {
        keyIds[g][c] = MANY_ID;
        manyIds[g].set(c, keyTuples(keys, e).map(intern));
      } else keyIds[g][c] = intern(readScratch);
    }
    if (keptIds) keptIds[i] = keyIds[groups[0]][c];
  };
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    let any = false;
    const cv = split && categoryValue ? categoryValue(e) : undefined;
    for (let k = 0; k < nf; k++) {
      if (split) {
        const cat = catNames[k];
        if (cat !== null && !hasCategory(cv, cat)) continue;
      }
      if ((split ? conditions[k] : tests[k])(e) === true) {
        bits[i * words + (k >>> 5)] |= 1 << (k & 31);
        any = true;
      }
    }
    if (until && until.test(e) === true) {
      bits[i * words + (untilBit >>> 5)] |= 1 << (untilBit & 31);
      any = true;
    }
    if (any) {
      candidateOf[i] = candidateCount;
      readKeys(e, i, candidateCount);
      candidateBuffer[candidateCount++] = i;
      // Read the timestamp while the event is hot in the cache (the sort needs it next).
      timestampOf(order, i);
    }
  }
  const has = (i: number, k: number) => (bits[i * words + (k >>> 5)] & (1 << (k & 31))) !== 0;
  const sorted = sortByOrder(order, candidateBuffer.subarray(0, candidateCount));
  const ts = (ord: number) => timestampOf(order, sorted[ord]);

  // Missing stages: matching ordinals per key, for the checks after completion.
  const missingIndex = missing.map(({ s }) => {
    const byKey = new Map<string, number[]>();
    const k = slotOf.get(s.filterId)!;
    for (let ord = 0; ord < sorted.length; ord++) {
      const i = sorted[ord];
      if (!has(i, k)) continue;
      for (const t of keyTuples(s.keys, events[i])) {
        const ks = keyString(t);
        let list = byKey.get(ks);
        if (!list) byKey.set(ks, (list = []));
        list.push(ord);
      }
    }
    return byKey;
  });
  const positiveIndexOf = stages.map((s, i) => (s.missing ? -1 : stages.slice(0, i).filter((x) => !x.missing).length));

  // Pass 2 keeps its state in flat typed arrays indexed by tuple id and partial number, so it
  // allocates nothing per event (no GC while it runs) and looks nothing up by key value.
  // A key holds one slot per positive stage but the last: `waiting[id * S + s]` is the partial
  // waiting at stage s (-1 if none), `pending[id]` how many slots are filled. Partials are
  // numbered as they start: `ordsOf[p * P + k]` is the ordinal of its event at stage k (filled
  // up to its current stage), with its first timestamp, key id and current slot alongside.
  const S = P - 1;
  const nIds = tupleIds.size;
  const waiting = new Int32Array(nIds * S).fill(-1);
  const pending = new Int32Array(nIds);
  let capacity = 1024;
  let ordsOf = new Int32Array(capacity * P);
  let firstTsOf = new Float64Array(capacity);
  let keyOf = new Int32Array(capacity);
  let slotAt = new Int32Array(capacity);
  let partials = 0;
  const startPartial = (ord: number, t: number, id: number): number => {
    if (partials === capacity) {
      capacity *= 2;
      ordsOf = grown(ordsOf, capacity * P);
      firstTsOf = grown(firstTsOf, capacity);
      keyOf = grown(keyOf, capacity);
      slotAt = grown(slotAt, capacity);
    }
    const p = partials++;
    ordsOf[p * P] = ord;
    firstTsOf[p] = t;
    keyOf[p] = id;
    slotAt[p] = 0;
    return p;
  };
  /** The events of partial p up to `stage`, as ordinals. */
  const ordsUpTo = (p: number, stage: number): number[] => {
    const ords: number[] = [];
    for (let k = 0; k <= stage; k++) ords.push(ordsOf[p * P + k]);
    return ords;
  };

  // With a trace, the key states also live in a TupleMap (with their own copy of the tuple),
  // only so that a sweep visits them in the order it always has: the 'expired' steps keep
  // their order.
  const live = trace ? new TupleMap<number>(arity) : undefined;
  const liveTuple: unknown[][] = [];
  const dropKey = (id: number) => {
    if (live) live.delete(liveTuple[id]);
  };
  const out: SequenceMatch[] = [];
  const positiveSlot = positive.map((s) => slotOf.get(s.filterId)!);
  // A step of the trace, with the events of partial `p` (or of the ordinals given) up to `stage`.
  const note = (kind: SequenceTraceEntry['kind'], tuple: unknown[], stage: number, ord: number, p: number | number[]) => {
    const ords = typeof p === 'number' ? ordsUpTo(p, stage) : p.slice(0, stage + 1);
    trace?.push({ kind, key: tuple, stage, event: sorted[ord], events: ords.map((o) => sorted[o]) });
  };
  const oneId = [0];

  // With maxspan, partials that can no longer advance are dropped as time moves on. With a
  // trace, a sweep walks every key state (so the 'expired' steps come in key order, as they
  // always have).
  let lastSweep = -Infinity;
  const sweep = (now: number, ord: number) => {
    for (const id of live!.values()) {
      for (let s = 0; s < S; s++) {
        const p = waiting[id * S + s];
        if (p >= 0 && now - firstTsOf[p] > maxspan!) {
          note('expired', liveTuple[id], s, ord, p);
          waiting[id * S + s] = -1;
          pending[id]--;
        }
      }
      if (pending[id] === 0) dropKey(id);
    }
  };
  // Without a trace the same partials are dropped at the same moments, found through a queue
  // of partials in start order (so by first timestamp): a sweep then costs what it drops
  // instead of a visit to every key state.
  const started: number[] = [];
  let startedHead = 0;
  const expireStarted = (now: number) => {
    while (startedHead < started.length) {
      const p = started[startedHead];
      const first = firstTsOf[p];
      // Missing timestamps sort first and never expire (NaN compares false): skip them.
      if (!Number.isNaN(first) && now - first <= maxspan!) break;
      startedHead++;
      if (Number.isNaN(first)) continue;
      const at = keyOf[p] * S + slotAt[p];
      // Gone already (completed, replaced, expired, cut by `until`)?
      if (waiting[at] !== p) continue;
      waiting[at] = -1;
      pending[keyOf[p]]--;
    }
    if (startedHead > 1024 && startedHead * 2 > started.length) {
      started.splice(0, startedHead);
      startedHead = 0;
    }
  };

  for (let ord = 0; ord < sorted.length; ord++) {
    const i = sorted[ord];
    const e = events[i];
    const t = ts(ord);
    if (maxspan !== undefined && t - lastSweep > maxspan) {
      if (lastSweep !== -Infinity) {
        if (trace) sweep(t, ord);
        else expireStarted(t);
      }
      lastSweep = t;
    }
    let completions: Completion[] | undefined;
    for (let s = P - 1; s >= 0; s--) {
      const slot = positiveSlot[s];
      if ((bits[i * words + (slot >>> 5)] & (1 << (slot & 31))) === 0) continue;
      const g = keyGroup[s];
      const c = candidateOf[i];
      let ids = oneId;
      const one = keyIds[g][c];
      if (one === NO_ID) continue;
      if (one === MANY_ID) ids = manyIds[g].get(c)!;
      else oneId[0] = one;
      for (let ti = 0; ti < ids.length; ti++) {
        const id = ids[ti];
        // A new array per event and key in a trace (as before); otherwise made on completion.
        const tuple = trace ? tupleAt(id) : NO_TUPLE;
        const base = id * S;
        if (s === 0) {
          const p = startPartial(ord, t, id);
          if (P === 1) {
            (completions ??= []).push({ ords: [ord], tuple: tupleAt(id) });
            if (trace) note('completed', tuple, 0, ord, p);
            continue;
          }
          if (live && pending[id] === 0) {
            const own = tupleAt(id);
            liveTuple[id] = own;
            live.set(own, id);
          }
          if (maxspan !== undefined && !trace) started.push(p);
          const old = waiting[base];
          if (old >= 0) {
            if (trace) note('replaced', tuple, 0, ord, old);
          } else pending[id]++;
          waiting[base] = p;
          if (trace) note('started', tuple, 0, ord, p);
          continue;
        }
        const prev = waiting[base + s - 1];
        if (prev < 0) continue;
        waiting[base + s - 1] = -1;
        pending[id]--;
        if (maxspan !== undefined && t - firstTsOf[prev] > maxspan) {
          if (trace) note('expired', tuple, s - 1, ord, prev);
        } else {
          // The partial leaves slot s-1 for good, so its events can be filled in place.
          ordsOf[prev * P + s] = ord;
          if (s === P - 1) {
            (completions ??= []).push({ ords: ordsUpTo(prev, s), tuple: tupleAt(id) });
            if (trace) note('completed', tuple, s, ord, prev);
          } else {
            const old = waiting[base + s];
            if (old >= 0) {
              if (trace) note('replaced', tuple, s, ord, old);
            } else pending[id]++;
            waiting[base + s] = prev;
            slotAt[prev] = s;
            if (trace) note('advanced', tuple, s, ord, prev);
          }
        }
        if (pending[id] === 0) dropKey(id);
      }
    }
    // `until` after the stages: an event that completes a sequence is not cut by itself, but
    // partials it merely advanced are.
    if (until && has(i, untilBit)) {
      for (const tuple of keyTuples(until.keys, e)) {
        const id = tupleIds.find(tuple);
        if (id < 0 || id >= nIds || pending[id] === 0) continue;
        for (let s = 0; s < S; s++) {
          const p = waiting[id * S + s];
          if (p < 0) continue;
          if (trace) note('until', liveTuple[id], s, ord, p);
          waiting[id * S + s] = -1;
        }
        pending[id] = 0;
        dropKey(id);
      }
    }
    if (!completions) continue;
    if (completions.length > 1) completions.sort((a, b) => a.ords[0] - b.ords[0] || compareKeyTuples(a.tuple, b.tuple));
    for (const c of completions) {
      if (
        missing.length > 0 &&
        rejectedByMissing(
          c,
          plan,
          stages,
          missing.map((m) => m.i),
          missingIndex,
          positiveIndexOf,
          ts,
          sorted.length,
        )
      ) {
        if (trace) note('rejected', c.tuple, P - 1, ord, c.ords);
        continue;
      }
      const evs: (number | null)[] = [];
      const stageIdx: number[] = [];
      for (let k = 0; k < stages.length; k++) {
        const p = positiveIndexOf[k];
        evs.push(p < 0 ? null : sorted[c.ords[p]]);
        stageIdx.push(stages[k].astIndex);
      }
      out.push({ events: evs, stages: stageIdx, key: c.tuple });
    }
  }
  return out;
}

/** Key ids of a candidate: no tuple (a required key is missing), or several (see `manyIds`). */
const NO_ID = -1;
const MANY_ID = -2;
/** Not read yet (kept ids only; multi-valued keys are read again on every run). */
const UNKNOWN_ID = -3;

/** Tuple ids kept with an array of events for one list of key readers. */
interface KeptIds {
  tupleIds: TupleIds;
  /** Per event: its tuple id, NO_ID, MANY_ID or UNKNOWN_ID. */
  ids: Int32Array;
}

interface KeptRuns {
  /** Runs so far over the events with these key readers. */
  n: number;
  kept?: KeptIds;
}

function newKeptIds(arity: number, n: number): KeptIds {
  return { tupleIds: new TupleIds(arity), ids: new Int32Array(n).fill(UNKNOWN_ID) };
}

/** One object per list of (shared reader, optional) pairs, to key the kept ids by. */
const keyIdKeys = new Map<unknown, unknown>();
function keyIdsKey(keys: readonly KeySpec[]): object {
  const path: unknown[] = [];
  for (const k of keys) path.push(k.ev, k.optional);
  let m = keyIdKeys;
  for (const p of path) {
    let next = m.get(p) as Map<unknown, unknown> | undefined;
    if (!next) m.set(p, (next = new Map()));
    m = next;
  }
  return m;
}
/** Stands for the key tuple in calls that only use it in a trace. */
const NO_TUPLE: unknown[] = [];

/** A copy of `a` in a new array of `length` elements. */
function grown<T extends Int32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** True when two stages read the same join keys (same readers, same optionality). */
function sameKeys(a: readonly KeySpec[], b: readonly KeySpec[]): boolean {
  return a.length === b.length && a.every((k, i) => k.ev === b[i].ev && k.optional === b[i].optional);
}

/** First index in the sorted `list` whose value is > x. */
function upperBound(list: number[], x: number): number {
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rejectedByMissing(
  c: Completion,
  plan: SequencePlan,
  stages: SequenceStage[],
  missingStages: number[],
  missingIndex: Map<string, number[]>[],
  positiveIndexOf: number[],
  ts: (ord: number) => number,
  total: number,
): boolean {
  const ks = keyString(c.tuple);
  const first = c.ords[0];
  const last = c.ords[c.ords.length - 1];
  const span = plan.maxspan ?? Infinity;
  const firstTs = ts(first);
  const lastTs = ts(last);
  const leading: number[] = [];
  const trailing: number[] = [];
  for (let m = 0; m < missingStages.length; m++) {
    const at = missingStages[m];
    const list = missingIndex[m].get(ks);
    if (!list || list.length === 0) continue;
    let before = -1;
    for (let k = at - 1; k >= 0; k--)
      if (!stages[k].missing) {
        before = positiveIndexOf[k];
        break;
      }
    let after = -1;
    for (let k = at + 1; k < stages.length; k++)
      if (!stages[k].missing) {
        after = positiveIndexOf[k];
        break;
      }
    if (before >= 0 && after >= 0) {
      // In a gap: any match strictly between the neighbouring positives rejects.
      const lo = c.ords[before];
      const hi = c.ords[after];
      const k = upperBound(list, lo);
      if (k < list.length && list[k] < hi) return true;
    } else if (before < 0) {
      for (const o of list) if (o < first && ts(o) >= lastTs - span) leading.push(o);
    } else {
      for (const o of list) if (o > last && o < total && ts(o) <= firstTs + span) trailing.push(o);
    }
  }
  const hasLeadingStage = missingStages.some((at) => stages.slice(0, at).every((s) => s.missing));
  const hasTrailingStage = missingStages.some((at) => stages.slice(at + 1).every((s) => s.missing));
  if (hasLeadingStage && hasTrailingStage) {
    // Joint condition: a leading and a trailing match within maxspan of each other.
    for (const l of leading) for (const t of trailing) if (ts(t) - ts(l) <= span) return true;
    return false;
  }
  return leading.length > 0 || trailing.length > 0;
}
