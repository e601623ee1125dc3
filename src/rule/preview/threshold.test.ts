import { describe, expect, it } from 'vitest';
import { readThreshold, runThreshold, type ThresholdSpec } from './threshold.ts';

// Kibana's threshold rule: build_threshold_aggregation.ts (x-pack/.../rule_types/threshold/) —
// a composite aggregation with one `terms` source per threshold field, `count_check`
// `params.docCount >= threshold.value`, `cardinality_check` `params.cardinalityCount >= cardinality[0].value`;
// without fields one bucket (`terms` on the script `""`, `min_doc_count: threshold.value`).
// https://www.elastic.co/guide/en/security/current/rules-ui-create.html#create-threshold-rule

const all = (events: unknown[]) => events.map((_, i) => i);
const run = (events: unknown[], spec: ThresholdSpec) => runThreshold(events, all(events), spec).matches;
const host = (name: unknown, extra: Record<string, unknown> = {}) => ({ host: { name }, ...extra });

describe('threshold groups', () => {
  it.each([
    // [case, events, spec, expected groups as [join keys, events]]
    ['a group reaching the value is one match', [host('a'), host('b'), host('a')], { fields: ['host.name'], value: 2 }, [[['a'], [0, 2]]]],
    ['exactly the value is enough (>=)', [host('a'), host('a')], { fields: ['host.name'], value: 2 }, [[['a'], [0, 1]]]],
    ['one below the value is no match', [host('a'), host('a')], { fields: ['host.name'], value: 3 }, []],
    ['no fields: every event in one group', [host('a'), host('b'), {}], { fields: [], value: 3 }, [[[], [0, 1, 2]]]],
    ['no fields and too few events: no group', [host('a'), host('b')], { fields: [], value: 3 }, []],
    // A terms source has no missing bucket: an event without the field is in no group.
    ['events without the field are in no group', [host('a'), {}, { host: { name: null } }, host('a')], { fields: ['host.name'], value: 2 }, [[['a'], [0, 3]]]],
    // Doc values hold each distinct value once: ["a", "a"] counts once in bucket a.
    ['a repeated value counts once', [host(['a', 'a'])], { fields: ['host.name'], value: 2 }, []],
    [
      'groups come in the composite key order, field by field',
      [host('b', { user: { name: 'x' } }), host('a', { user: { name: 'y' } }), host('a', { user: { name: 'x' } })],
      { fields: ['host.name', 'user.name'], value: 1 },
      [
        [['a', 'x'], [2]],
        [['a', 'y'], [1]],
        [['b', 'x'], [0]],
      ],
    ],
    [
      'numbers are ordered numerically',
      [{ n: 10 }, { n: 9 }],
      { fields: ['n'], value: 1 },
      [
        [[9], [1]],
        [[10], [0]],
      ],
    ],
  ] as [string, unknown[], ThresholdSpec, [unknown[], number[]][]][])('%s', (_, events, spec, expected) => {
    expect(run(events, spec).map((m) => [m.joinKeys, m.events])).toEqual(expected);
  });

  it('a multi-valued field puts the event in one group per value', () => {
    // Composite aggregation doc, "Value sources": a document {"keyword": ["foo", "bar"],
    // "number": [23, 65, 76]} gives the composite buckets of every (keyword, number) pair.
    // https://www.elastic.co/guide/en/elasticsearch/reference/current/search-aggregations-bucket-composite-aggregation.html
    const events = [{ keyword: ['foo', 'bar'], number: [23, 65, 76] }];
    const groups = run(events, { fields: ['keyword', 'number'], value: 1 }).map((m) => m.joinKeys);
    expect(groups).toEqual([
      ['bar', 23],
      ['bar', 65],
      ['bar', 76],
      ['foo', 23],
      ['foo', 65],
      ['foo', 76],
    ]);
  });

  it('counts each group, so an event in two groups counts in both', () => {
    const events = [host(['a', 'b']), host('a'), host('b')];
    expect(run(events, { fields: ['host.name'], value: 2 }).map((m) => [m.joinKeys, m.events, m.count])).toEqual([
      [['a'], [0, 1], 2],
      [['b'], [0, 2], 2],
    ]);
  });
});

describe('threshold cardinality', () => {
  const events = [
    host('a', { user: { name: 'u1' } }),
    host('a', { user: { name: 'u2' } }),
    host('a', { user: { name: 'u2' } }),
    host('a'), // no user: counts as an event, adds no distinct value
    host('b', { user: { name: ['u1', 'u2', 'u3'] } }), // a multi-valued field adds each value
  ];
  it.each([
    // cardinality_check keeps a bucket when the cardinality of the field is >= its value.
    [2, [['a'], ['b']]],
    [3, [['b']]],
    [4, []],
  ])('at least %i distinct user.name', (value, expected) => {
    const matches = run(events, { fields: ['host.name'], value: 1, cardinality: { field: 'user.name', value } });
    expect(matches.map((m) => m.joinKeys)).toEqual(expected);
  });

  it('reports the group size and its cardinality', () => {
    const [a] = run(events, { fields: ['host.name'], value: 4, cardinality: { field: 'user.name', value: 2 } });
    expect(a).toMatchObject({ events: [0, 1, 2, 3], count: 4, cardinality: 2 });
  });

  it('both conditions must hold: enough events and enough distinct values', () => {
    expect(run(events, { fields: ['host.name'], value: 2, cardinality: { field: 'user.name', value: 3 } })).toEqual([]);
  });

  it('without fields, the one group is checked for cardinality too', () => {
    expect(run(events, { fields: [], value: 1, cardinality: { field: 'user.name', value: 3 } }).map((m) => m.cardinality)).toEqual([3]);
    expect(run(events, { fields: [], value: 1, cardinality: { field: 'user.name', value: 4 } })).toEqual([]);
  });
});

describe('readThreshold', () => {
  it('reads the corpus form (field list, value, first cardinality entry)', () => {
    const rule = { threshold: { field: ['host.id', 'host.name'], value: 2, cardinality: [{ field: 'kibana.alert.rule.threat.tactic.id', value: 3 }] } };
    expect(readThreshold(rule).spec).toEqual({
      fields: ['host.id', 'host.name'],
      value: 2,
      cardinality: { field: 'kibana.alert.rule.threat.tactic.id', value: 3 },
    });
  });

  it.each([
    ['no table', {}, 'rule.threshold'],
    ['value 0', { threshold: { field: [], value: 0 } }, 'rule.threshold.value'],
    ['field not a list of names', { threshold: { field: [1], value: 1 } }, 'rule.threshold.field'],
    ['cardinality without a field', { threshold: { field: [], value: 1, cardinality: [{ value: 2 }] } }, 'rule.threshold.cardinality[0]'],
  ])('%s is a diagnostic at its path', (_, rule, path) => {
    const read = readThreshold(rule as Record<string, unknown>);
    expect(read.spec).toBeUndefined();
    expect(read.diagnostics.map((d) => [d.severity, d.path])).toEqual([['error', path]]);
  });
});
