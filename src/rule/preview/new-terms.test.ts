import { describe, expect, it } from 'vitest';
import { readNewTerms, RUNTIME_FIELD_EMIT_LIMIT, runNewTerms, type NewTermsSpec } from './new-terms.ts';

// Kibana's new terms rule (x-pack/.../rule_types/new_terms/): phase 1 collects the terms of the
// rule's window (range gte from, lte to); phase 2 takes the earliest timestamp of each over
// history_window_start … to and keeps it when `params.first_seen_value > params.start_time`
// (start_time = the window's `from`, build_new_terms_aggregation.ts); phase 3 fetches each new
// term's oldest document in the window (`top_hits` size 1, timestamp ascending).
// https://www.elastic.co/guide/en/security/current/rules-ui-create.html#create-new-terms-rule

type Ev = { t: number; [k: string]: unknown };
const FROM = 1_000;
const TO = 2_000;
const HISTORY = 0;

function run(events: Ev[], fields: string[], window = { from: FROM, to: TO, historyStart: HISTORY }) {
  const spec: NewTermsSpec = { fields, historyWindowStart: 'now-14d' };
  return runNewTerms(events, spec, { candidates: events.map((_, i) => i), timestamp: (i) => events[i].t, ...window }).matches.map((m) => [
    m.joinKeys,
    m.events,
  ]);
}

describe('new terms: one field', () => {
  it.each([
    [
      'a value only in the window is new, from its first event',
      [
        { t: 1500, u: 'a' },
        { t: 1200, u: 'a' },
      ],
      [[['a'], [1]]],
    ],
    [
      'a value seen in the history window is not new',
      [
        { t: 500, u: 'a' },
        { t: 1500, u: 'a' },
      ],
      [],
    ],
    // first_seen must be strictly after the window's start: an event exactly at `from` is in
    // the window (gte) but makes its value "seen before".
    ['a value first seen exactly at the window start is not new', [{ t: FROM, u: 'a' }], []],
    ['... and one first seen 1 ms later is', [{ t: FROM + 1, u: 'a' }], [[['a'], [0]]]],
    // The history search is a range gte history_window_start.
    [
      'a value seen exactly at the history start is not new',
      [
        { t: HISTORY, u: 'a' },
        { t: 1500, u: 'a' },
      ],
      [],
    ],
    [
      'a value seen before the history start is new again',
      [
        { t: HISTORY - 1, u: 'a' },
        { t: 1500, u: 'a' },
      ],
      [[['a'], [1]]],
    ],
    ['the window includes `to` (lte)', [{ t: TO, u: 'a' }], [[['a'], [0]]]],
    ['an event after `to` is in no window', [{ t: TO + 1, u: 'a' }], []],
    ['a value only in history is no alert', [{ t: 500, u: 'a' }], []],
    ['events without the field hold no term', [{ t: 1500 }, { t: 1600, u: null }], []],
    // A terms aggregation buckets each value of a multi-valued field.
    [
      'a multi-valued field: each new value is one alert',
      [
        { t: 500, u: 'a' },
        { t: 1500, u: ['a', 'b', 'c'] },
      ],
      [
        [['b'], [1]],
        [['c'], [1]],
      ],
    ],
    [
      'alerts come in time order of their events',
      [
        { t: 1900, u: 'z' },
        { t: 1100, u: 'y' },
      ],
      [
        [['y'], [1]],
        [['z'], [0]],
      ],
    ],
    [
      'equal first times: the earlier position',
      [
        { t: 1500, u: 'a' },
        { t: 1500, u: 'a' },
      ],
      [[['a'], [0]]],
    ],
  ] as [string, Ev[], unknown[]][])('%s', (_, events, expected) => {
    expect(run(events, ['u'])).toEqual(expected);
  });
});

describe('new terms: several fields', () => {
  it.each([
    [
      'a combination is new even when each value was seen apart',
      [
        { t: 500, h: 'h1', p: 'p1' },
        { t: 600, h: 'h2', p: 'p2' },
        { t: 1500, h: 'h1', p: 'p2' },
        { t: 1600, h: 'h1', p: 'p1' },
      ],
      [[['h1', 'p2'], [2]]],
    ],
    [
      'multi-valued fields expand into combinations',
      [
        { t: 500, h: 'h1', p: 'p1' },
        { t: 1500, h: ['h1', 'h2'], p: 'p1' },
      ],
      [[['h2', 'p1'], [1]]],
    ],
    ['an event missing one field holds no combination', [{ t: 1500, h: 'h1' }], []],
  ] as [string, Ev[], unknown[]][])('%s', (_, events, expected) => {
    expect(run(events, ['h', 'p'])).toEqual(expected);
  });

  it(`reads at most ${RUNTIME_FIELD_EMIT_LIMIT} combinations per document, as Kibana's runtime field`, () => {
    // new_terms/utils.ts getNewTermsRuntimeMappings: "ES has limit in 100 values for runtime
    // field", `emitLimit = 100`; the stack pops the last pushed value first, so a document with
    // 11 × 10 values emits the 10 combinations of each of the 10 largest `a` values and stops.
    const a = Array.from({ length: 11 }, (_, i) => `a${String(i).padStart(2, '0')}`);
    const b = Array.from({ length: 10 }, (_, i) => `b${i}`);
    const events: Ev[] = [
      { t: 500, a, b }, // history: every combination, but (a00, *) is beyond the limit
      { t: 1500, a, b }, // window: the same
      { t: 1600, a: 'a00', b: 'b0' }, // window: (a00, b0) alone
      { t: 1700, a: 'a10', b: 'b9' }, // window: within the history document's first 100
    ];
    expect(run(events, ['a', 'b'])).toEqual([[['a00', 'b0'], [2]]]);
  });
});

describe('readNewTerms', () => {
  it('reads the detection-rules form', () => {
    // ../shared/reference/rule-format.md §3.2: field = "new_terms_fields", value = [1–3 fields],
    // history_window_start = [{field = "history_window_start", value = "now-Nd"}].
    const rule = {
      new_terms: {
        field: 'new_terms_fields',
        value: ['host.id', 'process.command_line'],
        history_window_start: [{ field: 'history_window_start', value: 'now-14d' }],
      },
    };
    expect(readNewTerms(rule)).toEqual({ spec: { fields: ['host.id', 'process.command_line'], historyWindowStart: 'now-14d' }, diagnostics: [] });
  });

  it.each([
    ['no table', {}, 'rule.new_terms'],
    ['four fields', { new_terms: { value: ['a', 'b', 'c', 'd'], history_window_start: [{ value: 'now-1d' }] } }, 'rule.new_terms.value'],
    ['no history window', { new_terms: { value: ['a'] } }, 'rule.new_terms.history_window_start'],
  ])('%s is a diagnostic at its path', (_, rule, path) => {
    const read = readNewTerms(rule as Record<string, unknown>);
    expect(read.spec).toBeUndefined();
    expect(read.diagnostics.map((d) => d.path)).toEqual([path]);
  });
});
