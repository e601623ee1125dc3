import { describe, expect, it } from 'vitest';
import { indexMatches, readThreatMatch, runThreatMatch, type ThreatMatchSpec } from './threat-match.ts';

// Kibana's indicator match rule (x-pack/.../rule_types/indicator_match/): threat_mapping groups
// are OR'd, the entries of a group AND'd (build_threat_mapping_filter.ts createAndOrClauses /
// createInnerAndClauses); the smaller side builds the queries (create_threat_signals.ts:
// events first when eventCount < threatListCount); a group is dropped for a document whose
// field does not hold exactly one value (filterThreatMapping); `match` on the other side matches
// any of its values. https://www.elastic.co/guide/en/security/current/rules-ui-create.html#create-indicator-rule

const entry = (field: string, value: string, negate = false) => ({ field, value, negate });
const spec = (...groups: ReturnType<typeof entry>[][]): ThreatMatchSpec => ({ threatIndex: ['logs-ti_*'], mapping: groups.map((entries) => ({ entries })) });
const ioc = (fields: Record<string, unknown>) => ({ _index: 'logs-ti_x', threat: { indicator: fields } });

/** Events first, then indicators; returns [event, indicator, join keys, group] per match. */
function run(s: ThreatMatchSpec, sources: unknown[], indicators: unknown[], termsEligible?: (f: string) => boolean) {
  const events = [...sources, ...indicators];
  const matches = runThreatMatch(events, s, {
    sources: sources.map((_, i) => i),
    indicators: indicators.map((_, i) => sources.length + i),
    termsEligible,
  });
  return matches.map((m) => [m.events[0], m.indicator, m.joinKeys, m.mappingGroup]);
}

describe('threat_mapping entries and groups', () => {
  const ipMapping = spec([entry('source.ip', 'threat.indicator.ip')]);

  it('an event whose field equals the indicator field matches that indicator', () => {
    const sources = [{ source: { ip: '10.0.0.1' } }, { source: { ip: '10.0.0.2' } }, {}];
    expect(run(ipMapping, sources, [ioc({ ip: '10.0.0.2' })])).toEqual([[1, 3, ['10.0.0.2'], 0]]);
  });

  it('one event and two indicators holding its value: two pairs', () => {
    const sources = [{ source: { ip: '10.0.0.1' } }];
    expect(run(ipMapping, sources, [ioc({ ip: '10.0.0.1' }), ioc({ ip: '10.0.0.1' })])).toEqual([
      [0, 1, ['10.0.0.1'], 0],
      [0, 2, ['10.0.0.1'], 0],
    ]);
  });

  const pair = spec([entry('file.hash.sha256', 'threat.indicator.file.hash.sha256'), entry('host.name', 'threat.indicator.host')]);
  it.each([
    ['all entries of a group equal: a match', { file: { hash: { sha256: 'h' } }, host: { name: 'n' } }, [[0, 2, ['h', 'n'], 0]]],
    ['one entry differs: no match', { file: { hash: { sha256: 'h' } }, host: { name: 'other' } }, []],
    ['one field missing: no match', { file: { hash: { sha256: 'h' } } }, []],
  ])('%s (entries are AND)', (_, event, expected) => {
    // Two source events against one indicator: threat first, the indicator builds the query.
    expect(run(pair, [event, {}], [ioc({ file: { hash: { sha256: 'h' } }, host: 'n' })])).toEqual(expected);
  });

  it('groups are OR: the first group in mapping order that matches names the pair', () => {
    const s = spec([entry('source.ip', 'threat.indicator.ip')], [entry('destination.ip', 'threat.indicator.ip')]);
    const sources = [{ destination: { ip: '1.1.1.1' } }, { source: { ip: '1.1.1.1' }, destination: { ip: '1.1.1.1' } }];
    expect(run(s, sources, [ioc({ ip: '1.1.1.1' })])).toEqual([
      [0, 2, ['1.1.1.1'], 1],
      [1, 2, ['1.1.1.1'], 0],
    ]);
  });
});

describe('multi-valued fields', () => {
  const s = spec([entry('source.ip', 'threat.indicator.ip'), entry('host.name', 'threat.indicator.host')]);

  it('threat first: any value of the event field matches', () => {
    const sources = [{ source: { ip: ['9.9.9.9', '10.0.0.1'] }, host: { name: 'n' } }, {}];
    expect(run(s, sources, [ioc({ ip: '10.0.0.1', host: 'n' })])).toEqual([[0, 2, ['10.0.0.1', 'n'], 0]]);
  });

  it('threat first: an indicator with several values in a mapped field drops the group', () => {
    const sources = [{ source: { ip: '10.0.0.1' }, host: { name: 'n' } }, {}];
    expect(run(s, sources, [ioc({ ip: ['10.0.0.1', '10.0.0.2'], host: 'n' })])).toEqual([]);
  });

  it('events first (fewer events than indicators): the event must hold one value, the indicator any', () => {
    const indicators = [ioc({ ip: ['10.0.0.1', '10.0.0.2'], host: 'n' }), ioc({ ip: '7.7.7.7', host: 'n' })];
    expect(run(s, [{ source: { ip: '10.0.0.2' }, host: { name: 'n' } }], indicators)).toEqual([[0, 1, ['10.0.0.2', 'n'], 0]]);
    expect(run(s, [{ source: { ip: ['10.0.0.2', '7.7.7.7'] }, host: { name: 'n' } }], indicators)).toEqual([]);
  });

  it("a one-entry group on terms fields uses each document's first value", () => {
    // build_entries_mapping_filter: a group of one entry whose fields are keyword/ip/wildcard/
    // constant_keyword on both sides is a `terms` query of `val[0]` of every document.
    const one = spec([entry('source.ip', 'threat.indicator.ip')]);
    const sources = [{ source: { ip: '10.0.0.2' } }, { source: { ip: '10.0.0.1' } }];
    const indicators = [ioc({ ip: ['10.0.0.1', '10.0.0.2'] })];
    expect(run(one, sources, indicators, () => true)).toEqual([[1, 2, ['10.0.0.1'], 0]]);
    expect(run(one, sources, indicators)).toEqual([]);
  });
});

describe('negated entries ("DOES NOT MATCH", 9.2)', () => {
  // build_threat_mapping_filter.ts buildNegateClause: one value → must_not match; no value →
  // `exists` on the other field; several values → no clause.
  const s = spec([entry('source.ip', 'threat.indicator.ip'), entry('host.name', 'threat.indicator.host', true)]);
  const sources = (name?: string) => [{ source: { ip: '1.1.1.1' }, ...(name === undefined ? {} : { host: { name } }) }, {}];

  it.each([
    ['the event holds the indicator value: no match', sources('n'), ioc({ ip: '1.1.1.1', host: 'n' }), []],
    ['the event holds another value: a match', sources('m'), ioc({ ip: '1.1.1.1', host: 'n' }), [[0, 2, ['1.1.1.1'], 0]]],
    ['the event lacks the field: a match (must_not)', sources(), ioc({ ip: '1.1.1.1', host: 'n' }), [[0, 2, ['1.1.1.1'], 0]]],
    ['the indicator lacks the field: the event must have it', sources(), ioc({ ip: '1.1.1.1' }), []],
    ['the indicator lacks it and the event has it: a match', sources('m'), ioc({ ip: '1.1.1.1' }), [[0, 2, ['1.1.1.1'], 0]]],
    ['the indicator holds several values: no clause', sources('n'), ioc({ ip: '1.1.1.1', host: ['n', 'o'] }), [[0, 2, ['1.1.1.1'], 0]]],
  ])('%s', (_, src, indicator, expected) => {
    expect(run(s, src, [indicator])).toEqual(expected);
  });
});

describe('indexMatches', () => {
  it.each([
    ['logs-ti_abuse.url-default', ['logs-ti_*'], true],
    ['filebeat-8.1.0', ['filebeat-8*'], true],
    ['filebeat-7.17', ['filebeat-8*'], false],
    ['logs-ti_x', ['logs-*', '-logs-ti_*'], false],
    ['logs-endpoint', ['logs-*', '-logs-ti_*'], true],
    ['logs-ti_rapid7_threat_command_latest.vulnerability', ['logs-ti_rapid7_threat_command_latest.vulnerability'], true],
    ['a-b-c', ['a*b*c'], true],
    ['abc', ['a*b*bc'], false],
  ])('%s in %j: %s', (index, patterns, expected) => {
    expect(indexMatches(index, patterns)).toBe(expected);
  });
});

describe('readThreatMatch', () => {
  it('reads threat_index and the mapping groups (negate defaults to false)', () => {
    const rule = { threat_index: ['filebeat-*'], threat_mapping: [{ entries: [{ field: 'source.ip', type: 'mapping', value: 'threat.indicator.ip' }] }] };
    expect(readThreatMatch(rule).spec).toEqual({ threatIndex: ['filebeat-*'], mapping: [{ entries: [entry('source.ip', 'threat.indicator.ip')] }] });
  });

  it.each([
    ['no threat_index', { threat_mapping: [] }, 'rule.threat_index'],
    ['no mapping', { threat_index: ['x'] }, 'rule.threat_mapping'],
    ['an entry without value', { threat_index: ['x'], threat_mapping: [{ entries: [{ field: 'a' }] }] }, 'rule.threat_mapping[0].entries[0]'],
  ])('%s is a diagnostic at its path', (_, rule, path) => {
    expect(readThreatMatch(rule as Record<string, unknown>).diagnostics.map((d) => d.path)).toEqual([path]);
  });
});
