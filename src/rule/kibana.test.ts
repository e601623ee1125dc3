import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRule } from './load.ts';
import { formatRule } from './format.ts';
import { importKibanaRules, toKibanaNdjson, toKibanaRule } from './kibana.ts';
import type { TomlTable } from './types.ts';

const SEEDS = join(__dirname, '../../rules/linux');
const seeds = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.toml'))
  .sort()
  .map((f) => loadRule(readFileSync(join(SEEDS, f), 'utf8'), f));

function exported(data: TomlTable): Record<string, unknown> {
  const r = toKibanaRule(data);
  if ('error' in r) throw new Error(r.error.message);
  return r.rule;
}

describe('toKibanaRule', () => {
  it('gives the rule fields with rule_id and a version, keys sorted', () => {
    const rule = exported(seeds[0].data!);
    expect(rule.rule_id).toBe((seeds[0].data!.rule as TomlTable).rule_id);
    expect(rule.version).toBe(1);
    expect(Object.keys(rule)).toEqual([...Object.keys(rule)].sort());
    expect(rule).not.toHaveProperty('metadata');
  });

  it('joins the wrapped description into one line and keeps the query and note as written', () => {
    const seed = seeds.find((s) => s.path === 'execution_python_tty_shell.toml')!;
    const rule = exported(seed.data!);
    const source = seed.data!.rule as TomlTable;
    expect(rule.description).not.toMatch(/\n/);
    expect(rule.query).toBe(source.query);
    expect(rule.note).toBe(source.note);
  });

  it('flattens new_terms into new_terms_fields and history_window_start', () => {
    const data: TomlTable = {
      rule: {
        type: 'new_terms',
        new_terms: {
          field: 'new_terms_fields',
          value: ['host.id'],
          history_window_start: [{ field: 'history_window_start', value: 'now-7d' }],
        },
      },
    };
    const rule = exported(data);
    expect(rule).toMatchObject({ new_terms_fields: ['host.id'], history_window_start: 'now-7d' });
    expect(rule).not.toHaveProperty('new_terms');
  });

  it('renders transform placeholders into the note', () => {
    const data: TomlTable = {
      transform: { osquery: [{ label: 'Osquery - x', query: 'SELECT 1' }] },
      rule: { type: 'query', note: 'See $osquery_0.' },
    };
    expect(exported(data).note).toBe('See !{osquery{"label":"Osquery - x","query":"SELECT 1"}}.');
  });

  it('writes one rule per line as ndjson', () => {
    const out = toKibanaNdjson(seeds.map((s) => s.data!));
    if ('error' in out) throw new Error(out.error.message);
    const lines = out.text.trimEnd().split('\n');
    expect(lines).toHaveLength(seeds.length);
    expect(lines.map((l) => JSON.parse(l).rule_id)).toEqual(seeds.map((s) => (s.data!.rule as TomlTable).rule_id));
  });
});

describe('importKibanaRules', () => {
  it('round-trips the seed rules through ndjson', () => {
    const out = toKibanaNdjson(seeds.map((s) => s.data!));
    if ('error' in out) throw new Error(out.error.message);
    const summary = JSON.stringify({ exported_count: seeds.length, exported_rules_count: seeds.length, missing_rules: [] });
    const { rules, diagnostics } = importKibanaRules(`${out.text}${summary}\n`, { now: new Date(Date.UTC(2026, 10, 23)) });
    expect(diagnostics).toEqual([]);
    expect(rules).toHaveLength(seeds.length);
    rules.forEach((imported, i) => {
      const original = seeds[i].data!;
      // Same [rule] section once formatted; the version does not come back.
      expect(formatRule({ rule: imported.data.rule })).toBe(formatRule({ rule: original.rule }));
      expect(imported.data.metadata).toEqual({ creation_date: '2026/11/23', updated_date: '2026/11/23', maturity: 'development' });
      expect(imported.text).toBe(formatRule(imported.data));
      expect(loadRule(imported.text!).diagnostics).toEqual([]);
    });
  });

  it('drops server fields, skips non-rules and maps Kibana shapes back', () => {
    const ndjson = [
      JSON.stringify({
        id: 'a1b2',
        created_at: '2026-01-01T00:00:00Z',
        created_by: 'elastic',
        updated_at: '2026-01-02T00:00:00Z',
        immutable: false,
        enabled: true,
        version: 3,
        revision: 2,
        output_index: '',
        meta: { from: '1m' },
        rule_id: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
        name: 'Rare Process: New Parent',
        type: 'new_terms',
        description: 'Finds new parents.',
        risk_score: 47,
        severity: 'medium',
        author: [],
        license: '',
        language: 'kuery',
        query: 'event.category:process',
        index: ['logs-*'],
        new_terms_fields: ['process.parent.name'],
        history_window_start: 'now-14d',
        false_positives: [],
        references: [],
        threat: [],
        exceptions_list: [],
        actions: [],
        throttle: 'no_actions',
        setup: '',
        related_integrations: [{ package: 'endpoint', version: '^9.0.0' }],
        required_fields: [{ name: 'process.parent.name', type: 'keyword', ecs: true }],
      }),
      JSON.stringify({ list_id: 'endpoint_list', type: 'endpoint', name: 'Endpoint exceptions' }),
      'not json',
      JSON.stringify({ exported_count: 2, exported_rules_count: 1, missing_rules: [] }),
    ].join('\n');
    const { rules, diagnostics } = importKibanaRules(ndjson, { defaultAuthor: ['Security Team'] });
    expect(diagnostics.map((d) => d.code)).toEqual(['kibana/invalid-json', 'kibana/not-a-rule']);
    expect(rules).toHaveLength(1);
    const [r] = rules;
    expect(r.fileName).toBe('rare_process_new_parent.toml');
    expect(r.data.metadata).toMatchObject({ maturity: 'development', integration: ['endpoint'] });
    expect(Object.keys(r.data.rule as TomlTable).sort()).toEqual([
      'author',
      'description',
      'index',
      'language',
      'name',
      'new_terms',
      'query',
      'risk_score',
      'rule_id',
      'severity',
      'type',
    ]);
    expect((r.data.rule as TomlTable).author).toEqual(['Security Team']);
    expect((r.data.rule as TomlTable).new_terms).toEqual({
      field: 'new_terms_fields',
      value: ['process.parent.name'],
      history_window_start: [{ field: 'history_window_start', value: 'now-14d' }],
    });
    expect(r.text).toContain('[rule.new_terms]');
    expect(loadRule(r.text!).diagnostics).toEqual([]);
  });

  it('keeps enabled = false, drops enabled = true', () => {
    const rule = exported(seeds[0].data!);
    const [off] = importKibanaRules(JSON.stringify({ ...rule, enabled: false })).rules;
    const [on] = importKibanaRules(JSON.stringify({ ...rule, enabled: true })).rules;
    expect((off.data.rule as TomlTable).enabled).toBe(false);
    expect(on.data.rule as TomlTable).not.toHaveProperty('enabled');
  });

  it('accepts a single JSON object and a JSON array', () => {
    const rule = exported(seeds[0].data!);
    expect(importKibanaRules(JSON.stringify(rule, null, 2)).rules).toHaveLength(1);
    expect(importKibanaRules(JSON.stringify([rule, rule])).rules).toHaveLength(2);
  });

  it('reports a query that cannot be written as TOML instead of writing it', () => {
    const rule = { ...exported(seeds[0].data!), query: "process where process.name == \"'''\"" };
    const [r] = importKibanaRules(JSON.stringify(rule)).rules;
    expect(r.text).toBeNull();
    expect(r.diagnostics[0].code).toBe('toml/unwritable-query');
  });

  it('turns a threshold field string into a list', () => {
    const rule = { ...exported(seeds[0].data!), type: 'threshold', threshold: { field: 'host.id', value: 10 } };
    const [r] = importKibanaRules(JSON.stringify(rule)).rules;
    expect((r.data.rule as TomlTable).threshold).toEqual({ field: ['host.id'], value: 10 });
  });
});

describe('importKibanaRules on hostile exports', () => {
  const valid = (i: number) => ({ ...exported(seeds[0].data!), rule_id: `0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f${i}`, name: `Valid ${i}` });
  /** A query filter nested `depth` bool levels deep. */
  function deepFilter(depth: number): unknown {
    let q: unknown = { match_phrase: { 'host.name': 'x' } };
    for (let i = 0; i < depth; i++) q = { bool: { filter: [q] } };
    return { meta: { negate: false }, query: q };
  }

  it('a rule whose filters nest 2,000 deep is skipped with its line; the valid rules around it are imported', () => {
    const deep = { ...valid(9), name: 'Too Deep', filters: [deepFilter(2000)] };
    const ndjson = [valid(1), deep, 'not json', valid(2)].map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n');
    const { rules, diagnostics } = importKibanaRules(ndjson);
    expect(rules.map((r) => r.name)).toEqual(['Valid 1', 'Valid 2']);
    expect(rules.every((r) => r.text !== null)).toBe(true);
    expect(diagnostics.map((d) => d.code)).toEqual(['kibana/invalid-json', 'kibana/too-deep']);
    const tooDeep = diagnostics[1];
    expect(tooDeep.message).toMatch(/^Entry 2 \("Too Deep"\) nests `filters` more than \d+ levels deep; it was skipped\.$/);
    expect(ndjson.slice(tooDeep.range!.start, tooDeep.range!.end)).toBe(JSON.stringify(deep));
  });

  it('filters nested a few levels are imported, and the TOML they give loads', () => {
    const [r] = importKibanaRules(JSON.stringify({ ...valid(3), filters: [deepFilter(15)] })).rules;
    expect(r.text).not.toBeNull();
    expect(loadRule(r.text!).diagnostics).toEqual([]);
  });

  it('keys named __proto__ or constructor inside a rule are kept as keys', () => {
    const source = { ...valid(4), filters: [JSON.parse('{"meta": {"__proto__": {"x": 1}, "constructor": "c"}}')] };
    const [r] = importKibanaRules(JSON.stringify(source)).rules;
    const meta = ((r.data.rule as TomlTable).filters as TomlTable[])[0].meta as TomlTable;
    expect(Object.keys(meta)).toEqual(['__proto__', 'constructor']);
    expect(r.text).toContain('__proto__');
  });
});
