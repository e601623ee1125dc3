/**
 * The sample engine (reference §9): events are grouped by the composite key (sample keys, then
 * each filter's own keys); every key present in all filters yields up to `maxSamplesPerKey`
 * samples with one event per filter, never the same event twice within a sample. Samples come
 * out ordered by key, ascending.
 */
import type { Condition } from './compile.ts';
import type { KeySpec } from './keys.ts';
import { compareKeyTuples } from './compare.ts';
import { keyString, keyTuples } from './keys.ts';
import type { OrderKeys } from './order.ts';

export interface SampleFilter {
  test: Condition;
  keys: KeySpec[];
}

export interface SampleMatch {
  events: number[];
  key: unknown[];
}

export function runSample(filters: SampleFilter[], events: readonly object[], _order: OrderKeys, maxSamplesPerKey: number): SampleMatch[] {
  const n = filters.length;
  const groups = new Map<string, { tuple: unknown[]; candidates: number[][] }>();
  const matching: number[] = [];
  const hits: number[][] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    let which: number[] | undefined;
    for (let f = 0; f < n; f++) if (filters[f].test(e) === true) (which ??= []).push(f);
    if (which) {
      matching.push(i);
      hits[i] = which;
    }
  }
  // Candidates are taken in document (input) order: the suite's expectations pick, for
  // example, a later-timestamped event that comes first in the index.
  for (const i of matching) {
    for (const f of hits[i]) {
      for (const tuple of keyTuples(filters[f].keys, events[i])) {
        const ks = keyString(tuple);
        let g = groups.get(ks);
        if (!g) groups.set(ks, (g = { tuple, candidates: Array.from({ length: n }, () => []) }));
        g.candidates[f].push(i);
      }
    }
  }
  const complete = [...groups.values()].filter((g) => g.candidates.every((c) => c.length > 0));
  complete.sort((a, b) => compareKeyTuples(a.tuple, b.tuple));
  const out: SampleMatch[] = [];
  for (const g of complete) {
    const most = Math.max(...g.candidates.map((c) => c.length));
    const count = Math.min(maxSamplesPerKey, most);
    for (let j = 0; j < count; j++) {
      const used = new Set<number>();
      const picked: number[] = [];
      for (const cands of g.candidates) {
        let chosen = -1;
        for (let k = 0; k < cands.length; k++) {
          const idx = cands[(j + k) % cands.length];
          if (!used.has(idx)) {
            chosen = idx;
            break;
          }
        }
        if (chosen < 0) break;
        used.add(chosen);
        picked.push(chosen);
      }
      if (picked.length === n) out.push({ events: picked, key: g.tuple });
    }
  }
  return out;
}
