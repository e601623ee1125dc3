import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runNewTerms } from './new-terms.ts';
import { runThreshold } from './threshold.ts';

// Properties of the rule types against their definitions, on random small event sets:
// threshold (Kibana build_threshold_aggregation.ts: composite terms buckets, count_check) and
// new terms (create_new_terms_alert_type.ts: new when first seen strictly after `from`, alert
// from the earliest event in the window). Values come from a tiny set so groups and repeats
// are frequent; a field may be missing, single or multi-valued.

const value = fc.constantFrom('a', 'b', 'c', 1, 2);
const field = fc.oneof(fc.constant(undefined), value, fc.array(value, { minLength: 1, maxLength: 3 }));
const event = fc.record({ t: fc.integer({ min: 0, max: 30 }), u: field, h: field });
const valuesOf = (v: unknown): string[] => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map(String))];

describe('threshold, by property', () => {
  it('each group holds exactly the events carrying its values, and reaches the threshold', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 25 }), fc.integer({ min: 1, max: 4 }), (events, min) => {
        const matches = runThreshold(
          events,
          events.map((_, i) => i),
          { fields: ['u', 'h'], value: min },
        ).matches;
        const expected = new Map<string, number[]>();
        events.forEach((e, i) => {
          for (const u of valuesOf(e.u)) for (const h of valuesOf(e.h)) expected.set(`${u}|${h}`, [...(expected.get(`${u}|${h}`) ?? []), i]);
        });
        const kept = [...expected].filter(([, ids]) => ids.length >= min);
        expect(new Map(matches.map((m) => [m.joinKeys.map(String).join('|'), m.events]))).toEqual(new Map(kept));
      }),
      { numRuns: 300 },
    );
  });
});

describe('new terms, by property', () => {
  const FROM = 10;
  const TO = 20;
  const HISTORY = 5;
  it('a value is new exactly when no event from the history start to `from` holds it; the alert is its first event after', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 25 }), (events) => {
        const matches = runNewTerms(
          events,
          { fields: ['u'], historyWindowStart: 'now-1d' },
          { candidates: events.map((_, i) => i), timestamp: (i) => events[i].t, from: FROM, to: TO, historyStart: HISTORY },
        ).matches;
        const seenBefore = new Set(events.filter((e) => e.t >= HISTORY && e.t <= FROM).flatMap((e) => valuesOf(e.u)));
        const expected = new Map<string, number>();
        events.forEach((e, i) => {
          if (e.t <= FROM || e.t > TO) return;
          for (const u of valuesOf(e.u)) {
            if (seenBefore.has(u)) continue;
            const first = expected.get(u);
            if (first === undefined || e.t < events[first].t) expected.set(u, i);
          }
        });
        expect(new Map(matches.map((m) => [String(m.joinKeys[0]), m.events[0]]))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
