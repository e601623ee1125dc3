/**
 * Kibana filters → DSL. The first cases are copied from the rules corpus
 * (../shared/rules-corpus, `[[rule.filters]]` and `[[rule.threat_filters]]`); the rest are the
 * shapes Kibana's filter builders write (kbn-es-query build_filters: phrase, phrases, exists,
 * range, custom, combined).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';
import { getSchema } from '../../eql/schema/index.ts';
import { compileQueryDsl } from '../run/compile.ts';
import { filtersToDsl, UNSUPPORTED_FILTER } from './to-dsl.ts';

/** Test fields: `bytes` is a long, `a`, `b` and dotted names are keywords (their parents are objects). */
const keyword = (f: string) => (f === 'bytes' ? { type: 'long' } : f.includes('.') || f.length === 1 ? { type: 'keyword' } : undefined);
/** The corpus test types fields from the ECS schema, as the app does. */
const ecs = getSchema();
const ecsType = (f: string) => {
  const info = ecs.lookup(f);
  return info ? { type: info.type } : undefined;
};

/** The events of `events` the filters keep. */
function kept(filters: unknown, events: unknown[]): unknown[] {
  const { query, diagnostics } = filtersToDsl(filters);
  expect(diagnostics).toEqual([]);
  const q = compileQueryDsl(query, { fieldType: keyword });
  expect(q.diagnostics).toEqual([]);
  return events.filter((e) => q.matches(e));
}

describe('filters from the rules corpus', () => {
  // rules/_deprecated/defense_evasion_posh_obfuscation.toml (meta holds negate = true)
  const wildcardExclusion = {
    meta: { negate: true },
    query: { wildcard: { 'file.directory': { case_insensitive: true, value: '?:\\\\Program Files\\\\WindowsPowerShell\\\\Modules\\\\*' } } },
  };

  it('a negated wildcard filter goes under must_not', () => {
    expect(filtersToDsl([wildcardExclusion]).query).toEqual({ bool: { filter: [], must_not: [wildcardExclusion.query] } });
    const inModules = { file: { directory: 'C:\\program files\\WindowsPowerShell\\Modules\\x' } };
    const elsewhere = { file: { directory: 'C:\\Temp' } };
    expect(kept([wildcardExclusion], [inModules, elsewhere])).toEqual([elsewhere]);
  });

  it('a filter with negate = false is a positive filter', () => {
    // rules/_deprecated/privilege_escalation_printspooler_service_suspicious_file.toml
    const f = { meta: { negate: false }, query: { wildcard: { 'file.path': { case_insensitive: true, value: '?:\\\\Windows\\\\Sys?????\\\\*' } } } };
    expect(kept([f], [{ file: { path: 'C:\\Windows\\System32\\x.dll' } }, { file: { path: 'C:\\Temp\\x.dll' } }])).toEqual([
      { file: { path: 'C:\\Windows\\System32\\x.dll' } },
    ]);
  });

  it('an exists filter stored at the top level (old saved filters)', () => {
    // rules/_deprecated/apm_null_user_agent.toml
    const f = {
      $state: { store: 'appState' },
      exists: { field: 'user_agent.original' },
      meta: {
        disabled: false,
        indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.filter[0].meta.index',
        key: 'user_agent.original',
        negate: true,
        type: 'exists',
        value: 'exists',
      },
    };
    expect(filtersToDsl([f]).query).toEqual({ bool: { filter: [], must_not: [{ exists: { field: 'user_agent.original' } }] } });
    expect(kept([f], [{ user_agent: { original: 'curl' } }, {}])).toEqual([{}]);
  });

  it('an exists filter with its query', () => {
    // rules/threat_intel/threat_intel_rapid7_threat_command.toml
    const f = {
      $state: { store: 'appState' },
      meta: { disabled: false, key: 'rapid7.tc.vulnerability.id', negate: true, type: 'exists' },
      query: { exists: { field: 'rapid7.tc.vulnerability.id' } },
    };
    expect(filtersToDsl([f]).query).toEqual({ bool: { filter: [], must_not: [{ exists: { field: 'rapid7.tc.vulnerability.id' } }] } });
  });

  it('phrase filters (rules/_deprecated/threat_intel_filebeat8x.toml threat_filters)', () => {
    const f = {
      meta: { disabled: false, key: 'event.module', negate: false, type: 'phrase', params: { query: 'threatintel' } },
      query: { match_phrase: { 'event.module': 'threatintel' } },
    };
    expect(kept([f], [{ event: { module: 'threatintel' } }, { event: { module: 'other' } }])).toEqual([{ event: { module: 'threatintel' } }]);
  });
});

describe('filter shapes Kibana writes', () => {
  const phrase = (key: string, value: string, negate = false) => ({
    meta: { type: 'phrase', key, negate, params: { query: value } },
    query: { match_phrase: { [key]: value } },
  });

  it('no filters (or only disabled ones) is match_all', () => {
    expect(filtersToDsl([]).query).toEqual({ match_all: {} });
    expect(filtersToDsl(undefined).query).toEqual({ match_all: {} });
    expect(filtersToDsl([{ ...phrase('a', 'b'), meta: { disabled: true } }]).query).toEqual({ match_all: {} });
  });

  it('phrases: any of the values', () => {
    const f = {
      meta: { type: 'phrases', key: 'host.name', params: ['a', 'b'] },
      query: { bool: { should: [{ match_phrase: { 'host.name': 'a' } }, { match_phrase: { 'host.name': 'b' } }], minimum_should_match: 1 } },
    };
    expect(kept([f], [{ host: { name: 'a' } }, { host: { name: 'c' } }])).toEqual([{ host: { name: 'a' } }]);
  });

  it('range, from the query or stored at the top level', () => {
    const withQuery = { meta: { type: 'range', key: 'bytes', params: { gte: 10, lt: 20 } }, query: { range: { bytes: { gte: 10, lt: 20 } } } };
    const topLevel = { meta: { type: 'range', key: 'bytes', params: { gte: 10, lt: 20 } }, range: { bytes: { gte: 10, lt: 20 } } };
    const events = [{ bytes: 5 }, { bytes: 10 }, { bytes: 20 }];
    expect(kept([withQuery], events)).toEqual([{ bytes: 10 }]);
    expect(kept([topLevel], events)).toEqual([{ bytes: 10 }]);
  });

  it('custom: the query object passes through', () => {
    const f = { meta: { type: 'custom', value: '{"term":…}' }, query: { term: { 'user.name': 'root' } } };
    expect(filtersToDsl([f]).query).toEqual({ bool: { filter: [{ term: { 'user.name': 'root' } }] } });
  });

  it('a filter saved with meta only is rebuilt from meta.key and meta.params', () => {
    expect(filtersToDsl([{ meta: { type: 'phrase', key: 'a', params: { query: 'b' } } }]).query).toEqual({ bool: { filter: [{ match_phrase: { a: 'b' } }] } });
    expect(filtersToDsl([{ meta: { type: 'exists', key: 'a', negate: true } }]).query).toEqual({
      bool: { filter: [], must_not: [{ exists: { field: 'a' } }] },
    });
  });

  it('an old phrase filter `match {query, type: phrase}` is match_phrase', () => {
    const f = { meta: { type: 'phrase' }, query: { match: { a: { query: 'b c', type: 'phrase' } } } };
    expect(filtersToDsl([f]).query).toEqual({ bool: { filter: [{ match_phrase: { a: { query: 'b c' } } }] } });
  });

  it('combined: AND/OR of meta.params, each keeping its negate', () => {
    const or = { meta: { type: 'combined', relation: 'OR', params: [phrase('a', 'x'), phrase('b', 'y', true)] } };
    const events = [
      { a: 'x', b: 'y' },
      { a: 'z', b: 'y' },
      { a: 'z', b: 'q' },
    ];
    expect(kept([or], events)).toEqual([
      { a: 'x', b: 'y' },
      { a: 'z', b: 'q' },
    ]);
    const and = { meta: { type: 'combined', relation: 'AND', params: [phrase('a', 'x'), phrase('b', 'y', true)] } };
    expect(kept([and], events)).toEqual([]);
    expect(kept([{ ...and, meta: { ...and.meta, negate: true } }], events)).toEqual(events);
  });

  it('positive and negated filters together', () => {
    expect(
      kept(
        [phrase('a', 'x'), phrase('b', 'y', true)],
        [
          { a: 'x', b: 'y' },
          { a: 'x', b: 'z' },
        ],
      ),
    ).toEqual([{ a: 'x', b: 'z' }]);
  });

  it('unusable filters are diagnostics with their path, never throws', () => {
    const { diagnostics, query } = filtersToDsl([
      phrase('a', 'x'),
      'nope',
      { meta: { negate: true } },
      { meta: {}, exists: {}, range: {} },
      { meta: { type: 'combined', params: 3 } },
    ]);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      [UNSUPPORTED_FILTER, 'rule.filters[1]'],
      [UNSUPPORTED_FILTER, 'rule.filters[2]'],
      [UNSUPPORTED_FILTER, 'rule.filters[3]'],
      [UNSUPPORTED_FILTER, 'rule.filters[4]'],
    ]);
    expect(query).toEqual({ bool: { filter: [{ match_phrase: { a: 'x' } }] } });
  });

  it('pathOf names the filter each clause came from', () => {
    const f = phrase('a', 'x');
    const result = filtersToDsl([phrase('b', 'y'), f], 'rule.threat_filters');
    expect(result.pathOf.get(f.query)).toBe('rule.threat_filters[1]');
  });
});

const CORPUS = sharedData('rules-corpus', 'Kibana filters of the rules corpus');

describe.skipIf(!CORPUS)('every filter of the rules corpus', () => {
  it('converts and compiles without diagnostics', () => {
    const failures: string[] = [];
    let count = 0;
    for (const sub of ['rules', 'rules_building_block']) {
      for (const file of tomlFilesUnder(path.join(CORPUS!, sub))) {
        const rule = (TOML.parse(readFileSync(file, 'utf8')) as { rule?: Record<string, unknown> }).rule ?? {};
        for (const key of ['filters', 'threat_filters']) {
          if (!Array.isArray(rule[key])) continue;
          count += (rule[key] as unknown[]).length;
          const { query, diagnostics } = filtersToDsl(rule[key], `rule.${key}`);
          const compiled = compileQueryDsl(query, { fieldType: ecsType });
          for (const d of [...diagnostics, ...compiled.diagnostics]) failures.push(`${path.relative(CORPUS!, file)}: ${d.message}`);
        }
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });
});
