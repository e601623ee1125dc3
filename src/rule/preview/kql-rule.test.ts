import { describe, expect, it } from 'vitest';
import { getSchema } from '../../eql/schema/index.ts';
import type { TomlTable } from '../types.ts';
import { parseKql } from '../../kql/syntax/parser.ts';
import { dataViewOf, kqlDslOver, previewKqlRule, schemaFieldTypes } from './kql-rule.ts';

// A KQL rule through the whole chain: parseKql → kqlToDsl (data view from the rule's ECS schema)
// → compileQueryDsl → previewRule. Field semantics: ../shared/kql-reference/README.md (a keyword
// `term` is exact and case-sensitive; a `text` field is analyzed, so `match` ignores case).

const at = (m: number) => `2024-05-01T12:${String(m).padStart(2, '0')}:00Z`;
const rule = (r: Record<string, unknown>) =>
  ({ metadata: {}, rule: { language: 'kuery', from: 'now-9m', index: ['logs-*'], type: 'query', ...r } }) as unknown as TomlTable;
const proc = (m: number, name: string, extra: Record<string, unknown> = {}) => ({
  '@timestamp': at(m),
  event: { category: 'process' },
  process: { name },
  ...extra,
});

describe('previewKqlRule', () => {
  it('a keyword field is matched exactly (ECS process.name is a keyword)', () => {
    const r = previewKqlRule(rule({ query: 'process.name: bash' }), [proc(21, 'bash'), proc(22, 'Bash'), proc(23, 'bash ')]);
    expect(r.matches.map((m) => m.events)).toEqual([[0]]);
    expect(r.diagnostics).toEqual([]);
  });

  // ECS maps process.name as keyword with ignore_above 1024 (../shared/schemas/ecs/ecs_flat-9.5.0.json);
  // a longer value is not indexed, so a term query does not find it
  // (https://www.elastic.co/guide/en/elasticsearch/reference/current/ignore-above.html).
  it('ignore_above: applied from an index mapping; a known gap with the schema (it does not carry ignore_above)', () => {
    const long = 'a'.repeat(1025);
    const events = [proc(21, long)];
    const mapping = { properties: { process: { properties: { name: { type: 'keyword', ignore_above: 1024 } } } } };
    expect(previewKqlRule(rule({ query: `process.name: ${long}` }), events, { mapping }).matches).toEqual([]);
    // The gap, stated in schemaFieldTypes: the schema gives the type only, so the long value matches.
    expect(schemaFieldTypes(getSchema({}))('process.name')).toEqual({ type: 'keyword' });
    expect(previewKqlRule(rule({ query: `process.name: ${long}` }), events).matches.map((m) => m.events)).toEqual([[0]]);
  });

  it('with an index mapping, its types decide: a text field is analyzed', () => {
    const mapping = { properties: { process: { properties: { name: { type: 'text' } } } } };
    const r = previewKqlRule(rule({ query: 'process.name: bash' }), [proc(21, 'bash'), proc(22, 'Bash'), proc(23, 'zsh')], { mapping });
    expect(r.matches.map((m) => m.events)).toEqual([[0], [1]]);
  });

  it("date math in the query is relative to the preview's now", () => {
    const events = [proc(21, 'a'), proc(27, 'b'), proc(29, 'c')];
    const r = previewKqlRule(rule({ query: '@timestamp >= "now-2m"' }), events);
    expect(r.matches.map((m) => m.events)).toEqual([[1], [2]]);
    const earlier = previewKqlRule(rule({ query: '@timestamp >= "now-2m"' }), events, { now: '2024-05-01T12:28:00Z' });
    expect(earlier.matches.map((m) => m.events)).toEqual([[1]]);
  });

  it('a syntax error: the parser diagnostics at rule.query, no matches', () => {
    const r = previewKqlRule(rule({ query: 'process.name: (bash' }), [proc(21, 'bash')]);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'kql/syntax', path: 'rule.query', range: expect.any(Object) })]);
  });

  it('threat_query selects the indicators; its diagnostics are at rule.threat_query', () => {
    const data = rule({
      type: 'threat_match',
      query: 'destination.ip: *',
      threat_index: ['logs-ti_*'],
      threat_language: 'kuery',
      threat_query: 'threat.indicator.type: ipv4-addr',
      threat_mapping: [{ entries: [{ field: 'destination.ip', type: 'mapping', value: 'threat.indicator.ip' }] }],
    });
    const events = [
      { _index: 'logs-ti_a', '@timestamp': at(1), threat: { indicator: { ip: '10.1.1.1', type: 'ipv4-addr' } } },
      { _index: 'logs-ti_a', '@timestamp': at(1), threat: { indicator: { ip: '10.1.1.2', type: 'url' } } },
      { '@timestamp': at(25), destination: { ip: '10.1.1.1' } },
      { '@timestamp': at(26), destination: { ip: '10.1.1.2' } },
      { '@timestamp': at(27), destination: { ip: '10.9.9.9' } },
    ];
    expect(previewKqlRule(data, events).matches.map((m) => m.events)).toEqual([[2, 0]]);
    const broken = previewKqlRule({ ...data, rule: { ...(data.rule as TomlTable), threat_query: 'threat.indicator.type: (' } }, events);
    expect(broken.diagnostics.map((d) => [d.code, d.path])).toEqual([['kql/syntax', 'rule.threat_query']]);
  });

  // [[rule.filters]] are Kibana filter pills: their `query` (match_phrase here) filters the events
  // with the query; `meta.negate` puts it under must_not (src/kql/filters/to-dsl.ts, Kibana's
  // buildQueryFromFilters).
  const phrase = (key: string, value: string, negate = false) => ({
    meta: { disabled: false, negate, type: 'phrase', key, params: { query: value } },
    query: { match_phrase: { [key]: value } },
  });
  const hosts = [proc(21, 'bash', { host: { name: 'a' } }), proc(22, 'bash', { host: { name: 'b' } }), proc(23, 'bash')];

  it('rule filters apply with the query', () => {
    const r = previewKqlRule(rule({ query: 'process.name: bash', filters: [phrase('host.name', 'a')] }), hosts);
    expect(r.matches.map((m) => m.events)).toEqual([[0]]);
    expect(r.diagnostics).toEqual([]);
  });

  it('a negated filter excludes (events without the field pass must_not)', () => {
    const r = previewKqlRule(rule({ query: 'process.name: bash', filters: [phrase('host.name', 'a', true)] }), hosts);
    expect(r.matches.map((m) => m.events)).toEqual([[1], [2]]);
  });

  it('threat_filters select indicators with threat_query', () => {
    const data = rule({
      type: 'threat_match',
      query: 'destination.ip: *',
      threat_index: ['logs-ti_*'],
      threat_language: 'kuery',
      threat_query: 'threat.indicator.ip: *',
      threat_filters: [phrase('event.module', 'threatintel')],
      threat_mapping: [{ entries: [{ field: 'destination.ip', type: 'mapping', value: 'threat.indicator.ip' }] }],
    });
    const events = [
      { _index: 'logs-ti_a', '@timestamp': at(1), event: { module: 'threatintel' }, threat: { indicator: { ip: '10.1.1.1' } } },
      { _index: 'logs-ti_a', '@timestamp': at(1), event: { module: 'other' }, threat: { indicator: { ip: '10.1.1.2' } } },
      { '@timestamp': at(25), destination: { ip: '10.1.1.1' } },
      { '@timestamp': at(26), destination: { ip: '10.1.1.2' } },
    ];
    expect(previewKqlRule(data, events).matches.map((m) => m.events)).toEqual([[2, 0]]);
  });

  it('without a mapping, "not a nested field" is a warning and the query runs', () => {
    // The schema does not know which objects are nested; Kibana's data view would (the corpus
    // rule persistence_gcp_service_account_impersonation_role_grant queries such a group).
    const r = previewKqlRule(rule({ query: 'process.parent:{ name: bash }' }), [proc(21, 'a', { process: { parent: { name: 'bash' } } }), proc(22, 'b')]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'kql/nested-field']]);
    expect(r.matches.map((m) => m.events)).toEqual([[0]]);
  });
});

describe('dataViewOf', () => {
  it('gives Kibana field types from the schema (esTypes as mapped)', () => {
    const view = dataViewOf(getSchema({ indexPatterns: ['logs-*'] }));
    expect(view.field('process.name')).toEqual({ esTypes: ['keyword'], type: 'string' });
    expect(view.field('process.pid')).toEqual({ esTypes: ['long'], type: 'number' });
    expect(view.field('source.ip')).toEqual({ esTypes: ['ip'], type: 'ip' });
    expect(view.field('@timestamp')).toEqual({ esTypes: ['date'], type: 'date' });
    expect(view.field('no.such.field')).toBeUndefined();
    expect(view.fields()).toContain('host.name');
  });
});

describe('kqlDslOver', () => {
  it('converts a parse once per schema: the editor run and the rule preview of one edit share it', () => {
    const parsed = parseKql('process.name : "cmd.exe" and event.type : start');
    const ecs = getSchema({});
    const first = kqlDslOver(parsed, ecs);
    expect(kqlDslOver(parsed, ecs)).toBe(first);
    expect(first.query).toEqual(kqlDslOver(parseKql('process.name : "cmd.exe" and event.type : start'), ecs).query);
    const other = getSchema({ indexPatterns: ['logs-windows.sysmon_operational-*'] });
    expect(kqlDslOver(parsed, other)).not.toBe(first);
  });
});
