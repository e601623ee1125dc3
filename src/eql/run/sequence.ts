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
 * Memory is proportional to the pending partials: a key's state is dropped once it is empty.
 */
import type { Condition, Evaluator } from './compile.ts';
import { hasCategory } from './compile.ts';
import type { KeySpec } from './keys.ts';
import { compareKeyTuples } from './compare.ts';
import { keyString, keyTuples, readSingleTuple, TUPLE_MANY, TUPLE_NONE, TupleMap } from './keys.ts';
import type { OrderKeys } from './order.ts';
import { sortByOrder, timestampOf } from './order.ts';
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

interface Partial {
  /** Ordinals (positions in processing order) of the events, one per positive stage: entries
   * 0..slot are filled (all of them once complete). */
  ords: number[];
  firstTs: number;
  /** Where it waits: `state.slots[slot]`, unless it has left since. */
  state: KeyState;
  slot: number;
}

interface KeyState {
  tuple: unknown[];
  slots: (Partial | undefined)[];
  pending: number;
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

  // Join keys are read in this pass too, while the event is hot in the cache: pass 2 then
  // works from these flat values instead of walking every event's objects again. Stages with
  // the same key readers (the usual `sequence by a [...] by b [...] by b`) form one group,
  // read once per event. Per group and candidate: what was found (TUPLE_*), the values of a
  // single tuple at candidate × arity, or the fanned-out tuples of multi-valued keys.
  const keyGroup = positive.map((st, s) => positive.findIndex((o, k) => k <= s && sameKeys(o.keys, st.keys)));
  const groups = [...new Set(keyGroup)];
  const keyKinds: Uint8Array[] = [];
  const keyValues: unknown[][] = [];
  const manyTuples: Map<number, unknown[][]>[] = [];
  for (const g of groups) {
    keyKinds[g] = new Uint8Array(events.length);
    keyValues[g] = [];
    manyTuples[g] = new Map();
  }
  const readKeys = (e: object, c: number) => {
    for (let n = 0; n < groups.length; n++) {
      const g = groups[n];
      const keys = positive[g].keys;
      const values = keyValues[g];
      // Fill the candidate's cells first, so the flat array stays packed and aligned.
      const at = c * keys.length;
      for (let k = 0; k < keys.length; k++) values[at + k] = null;
      const kind = readSingleTuple(keys, e, values, at);
      keyKinds[g][c] = kind;
      if (kind === TUPLE_MANY) manyTuples[g].set(c, keyTuples(keys, e));
      // Hash key strings now, while they are in the cache: V8 keeps a string's hash in it, and
      // the state lookups of pass 2 then reject other keys by hash without reading them.
      else for (let k = at; k < at + keys.length; k++) if (typeof values[k] === 'string') HASHER.has(values[k]);
    }
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
      readKeys(e, candidateCount);
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

  const states = new TupleMap<KeyState>(positive[0].keys.length);
  const out: SequenceMatch[] = [];
  const positiveSlot = positive.map((s) => slotOf.get(s.filterId)!);
  // A partial at stage s holds the events of stages 0..s (its `ords` array is sized for all).
  const note = (kind: SequenceTraceEntry['kind'], tuple: unknown[], stage: number, ord: number, ords: number[]) => {
    trace?.push({ kind, key: tuple, stage, event: sorted[ord], events: ords.slice(0, stage + 1).map((o) => sorted[o]) });
  };

  // Pass 2 finds an event's key tuples by its candidate number (a copy into a reused array
  // when single-valued: no allocation per event).
  const scratch = positive.map((st) => new Array<unknown>(st.keys.length).fill(null));
  const scratchList = scratch.map((t) => [t]);
  const tuplesOf = (s: number, ord: number): unknown[][] => {
    const g = keyGroup[s];
    const c = candidateOf[sorted[ord]];
    const kind = keyKinds[g][c];
    if (kind === TUPLE_NONE) return NO_TUPLES;
    if (kind === TUPLE_MANY) return manyTuples[g].get(c)!;
    const out = scratch[g];
    const values = keyValues[g];
    const at = c * out.length;
    for (let k = 0; k < out.length; k++) out[k] = values[at + k];
    return scratchList[g];
  };

  // Slots of a new key state and events of a new partial: copying a packed template of the
  // final size is cheaper than filling a new array or growing one by push.
  const noSlots: (Partial | undefined)[] = new Array(P - 1).fill(undefined);
  const noOrds: number[] = new Array(P).fill(-1);

  // With maxspan, partials that can no longer advance are dropped as time moves on, so memory
  // follows the live partials rather than every partial ever started. With a trace, a sweep
  // walks every key state (so the 'expired' steps come in key order, as they always have).
  let lastSweep = -Infinity;
  const sweep = (now: number, ord: number) => {
    for (const st of states.values()) {
      for (let s = 0; s < st.slots.length; s++) {
        const p = st.slots[s];
        if (p && now - p.firstTs > maxspan!) {
          if (trace) note('expired', st.tuple, s, ord, p.ords);
          st.slots[s] = undefined;
          st.pending--;
        }
      }
      if (st.pending === 0) states.delete(st.tuple);
    }
  };
  // Without a trace the same partials are dropped at the same moments, found through a queue
  // of partials in start order (so by first timestamp): a sweep then costs what it drops
  // instead of a visit to every key state.
  const started: Partial[] = [];
  let startedHead = 0;
  const expireStarted = (now: number) => {
    while (startedHead < started.length) {
      const p = started[startedHead];
      // Missing timestamps sort first and never expire (NaN compares false): skip them.
      if (!Number.isNaN(p.firstTs) && now - p.firstTs <= maxspan!) break;
      startedHead++;
      if (Number.isNaN(p.firstTs)) continue;
      const st = p.state;
      // Gone already (completed, replaced, expired, cut by `until`)?
      if (st.slots[p.slot] !== p) continue;
      st.slots[p.slot] = undefined;
      st.pending--;
      if (st.pending === 0) states.delete(st.tuple);
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
      const tuples = tuplesOf(s, ord);
      for (let ti = 0; ti < tuples.length; ti++) {
        // `tuple` may be a reused scratch array: copy it wherever it is kept (a trace keeps
        // it in every step of this event).
        const tuple = trace ? tuples[ti].slice() : tuples[ti];
        let st = states.get(tuple);
        if (s === 0) {
          if (P === 1) {
            const ords = [ord];
            (completions ??= []).push({ ords, tuple: tuple.slice() });
            if (trace) note('completed', tuple, 0, ord, ords);
            continue;
          }
          if (!st) {
            const own = tuple.slice();
            st = { tuple: own, slots: noSlots.slice(), pending: 0 };
            states.set(own, st);
          }
          const ords = noOrds.slice();
          ords[0] = ord;
          const partial: Partial = { ords, firstTs: t, state: st, slot: 0 };
          if (maxspan !== undefined && !trace) started.push(partial);
          if (st.slots[0]) {
            if (trace) note('replaced', tuple, 0, ord, st.slots[0].ords);
          } else st.pending++;
          st.slots[0] = partial;
          if (trace) note('started', tuple, 0, ord, partial.ords);
          continue;
        }
        const prev = st?.slots[s - 1];
        if (!st || !prev) continue;
        st.slots[s - 1] = undefined;
        st.pending--;
        if (maxspan !== undefined && t - prev.firstTs > maxspan) {
          if (trace) note('expired', tuple, s - 1, ord, prev.ords);
        } else {
          // The partial leaves slot s-1 for good, so its array can be filled in place.
          const ords = prev.ords;
          ords[s] = ord;
          if (s === P - 1) {
            (completions ??= []).push({ ords, tuple: tuple.slice() });
            if (trace) note('completed', tuple, s, ord, ords);
          } else {
            if (st.slots[s]) {
              if (trace) note('replaced', tuple, s, ord, st.slots[s]!.ords);
            } else st.pending++;
            st.slots[s] = prev;
            prev.slot = s;
            if (trace) note('advanced', tuple, s, ord, ords);
          }
        }
        if (st.pending === 0) states.delete(tuple);
      }
    }
    // `until` after the stages: an event that completes a sequence is not cut by itself, but
    // partials it merely advanced are.
    if (until && has(i, untilBit)) {
      for (const tuple of keyTuples(until.keys, e)) {
        const st = states.get(tuple);
        if (!st) continue;
        if (trace) st.slots.forEach((p, s) => p && note('until', st.tuple, s, ord, p.ords));
        states.delete(tuple);
        // Its partials are gone: the expiry queue must not count them down again.
        st.slots.fill(undefined);
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

const NO_TUPLES: unknown[][] = [];
/** Always empty: looking a string up in it computes and caches the string's hash. */
const HASHER = new Map<unknown, never>();

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
