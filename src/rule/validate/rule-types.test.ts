/**
 * Each rule type's required fields and type-specific checks, on minimal rules written from
 * scratch (the seed rules are all EQL).
 */
import { describe, expect, it } from 'vitest';
import { loadRule } from '../load.ts';
import { validateRule } from './index.ts';
import { esqlCommands } from './load-layer.ts';

const HEADER = `[metadata]
creation_date = "2024/01/01"
updated_date = "2024/01/02"

[rule]
author = ["Me"]
description = "d"
name = "Some Rule"
risk_score = 21
rule_id = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"
severity = "low"
`;

const BODIES: Record<string, string> = {
  query: 'type = "query"\nlanguage = "kuery"\nindex = ["logs-*"]\nquery = "event.action: x"\n',
  eql: 'type = "eql"\nlanguage = "eql"\nindex = ["logs-*"]\nquery = "any where true"\n',
  esql: 'type = "esql"\nlanguage = "esql"\nquery = "FROM logs-* METADATA _id, _version, _index | WHERE x == 1 | KEEP _id, _version, _index, x"\n',
  threshold: 'type = "threshold"\nlanguage = "kuery"\nquery = "x: 1"\n\n[rule.threshold]\nfield = ["host.name"]\nvalue = 10\n',
  new_terms:
    'type = "new_terms"\nlanguage = "kuery"\nquery = "x: 1"\n\n[rule.new_terms]\nfield = "new_terms_fields"\nvalue = ["host.name"]\n[[rule.new_terms.history_window_start]]\nfield = "history_window_start"\nvalue = "now-14d"\n',
  threat_match:
    'type = "threat_match"\nlanguage = "kuery"\nquery = "x: 1"\nthreat_index = ["ti-*"]\n\n[[rule.threat_mapping]]\n[[rule.threat_mapping.entries]]\nfield = "source.ip"\ntype = "mapping"\nvalue = "threat.indicator.ip"\n',
  machine_learning:
    'type = "machine_learning"\nanomaly_threshold = 75\nmachine_learning_job_id = "job"\ntags = ["Rule Type: ML", "Rule Type: Machine Learning"]\n',
};

function errorsOf(text: string) {
  const rule = loadRule(text, 'custom/some_rule.toml');
  expect(rule.diagnostics).toEqual([]);
  return validateRule(rule, { today: '2026/11/23' }).filter((d) => d.severity === 'error');
}

describe.each(Object.keys(BODIES))('%s rules', (type) => {
  const text = HEADER + BODIES[type];

  it('a minimal rule has no errors', () => {
    expect(errorsOf(text)).toEqual([]);
  });

  it('keys of other rule types are unknown fields', () => {
    const foreign = type === 'machine_learning' ? 'query = "x"' : 'anomaly_threshold = 50';
    const e = errorsOf(text.replace('severity = "low"\n', `severity = "low"\n${foreign}\n`));
    expect(e.map((d) => [d.code, d.path])).toEqual([['rule/load/unknown-field', `rule.${foreign.split(' ')[0]}`]]);
  });
});

describe('required fields per type', () => {
  const cases: [string, string | RegExp, string][] = [
    ['threshold', /\n\[rule\.threshold\][\s\S]*$/, 'rule.threshold'],
    ['new_terms', /\n\[rule\.new_terms\][\s\S]*$/, 'rule.new_terms'],
    ['threat_match', 'threat_index = ["ti-*"]\n', 'rule.threat_index'],
    ['machine_learning', 'machine_learning_job_id = "job"\n', 'rule.machine_learning_job_id'],
    ['esql', 'language = "esql"\n', 'rule.language'],
  ];
  it.each(cases)('%s without its required field', (type, remove, path) => {
    const e = errorsOf((HEADER + BODIES[type]).replace(remove, ''));
    expect(e.map((d) => [d.code, d.path])).toEqual([['rule/load/missing-field', path]]);
  });
});

describe('type-specific checks', () => {
  it('threshold: more than 3 fields needs stack 9.2', () => {
    const text = (HEADER + BODIES.threshold).replace('field = ["host.name"]', 'field = ["a", "b", "c", "d"]');
    expect(errorsOf(text).map((d) => [d.code, d.path])).toEqual([['rule/load/length', 'rule.threshold.field']]);
    const raised = text.replace(
      'updated_date = "2024/01/02"',
      'updated_date = "2024/01/02"\nmin_stack_version = "9.2.0"\nmin_stack_comments = "threshold fields"',
    );
    expect(errorsOf(raised)).toEqual([]);
  });

  it('new_terms: 1 to 3 fields', () => {
    const text = (HEADER + BODIES.new_terms).replace('value = ["host.name"]', 'value = ["a", "b", "c", "d"]');
    expect(errorsOf(text).map((d) => [d.code, d.path])).toEqual([['rule/load/length', 'rule.new_terms.value']]);
  });

  it('threat_match: threat_query needs threat_language', () => {
    const text = (HEADER + BODIES.threat_match).replace('threat_index', 'threat_query = "x: 1"\nthreat_index');
    expect(errorsOf(text).map((d) => [d.code, d.path])).toEqual([['rule/load/threat-language', 'rule.threat_query']]);
  });

  it('threat_match: a group of only negated entries', () => {
    const text = (HEADER + BODIES.threat_match)
      .replace('type = "mapping"', 'type = "mapping"\nnegate = true')
      .replace('updated_date = "2024/01/02"', 'updated_date = "2024/01/02"\nmin_stack_version = "9.2.0"\nmin_stack_comments = "negate"');
    expect(errorsOf(text).map((d) => [d.code, d.path])).toEqual([['rule/load/threat-mapping-negate', 'rule.threat_mapping[0]']]);
  });

  it('threat_match: negate needs stack 9.2', () => {
    const text = (HEADER + BODIES.threat_match).replace('type = "mapping"', 'type = "mapping"\nnegate = false');
    expect(errorsOf(text).map((d) => [d.code, d.path])).toEqual([['rule/repo/stack-restricted-field', 'rule.threat_mapping[0].entries[0].negate']]);
  });

  it('esql: no index, METADATA and KEEP required', () => {
    const withIndex = (HEADER + BODIES.esql).replace('language = "esql"', 'language = "esql"\nindex = ["logs-*"]');
    expect(errorsOf(withIndex).map((d) => d.code)).toEqual(['rule/load/esql-index']);
    const bare = (HEADER + BODIES.esql).replace(' METADATA _id, _version, _index', '').replace(/ \| KEEP .*"/, '"');
    expect(errorsOf(bare).map((d) => d.code)).toEqual(['rule/load/esql-metadata', 'rule/load/esql-keep']);
    const aggregate = (HEADER + BODIES.esql).replace(/query = .*/, 'query = "FROM logs-* | STATS c = COUNT(*) BY host.name | KEEP c, host.name"');
    expect(errorsOf(aggregate)).toEqual([]);
  });

  it('esql: pipes inside strings and comments do not split commands', () => {
    expect(esqlCommands('FROM a | WHERE x == "a|b" // | KEEP y\n| KEEP z')).toEqual(['FROM a', 'WHERE x == "a|b"', 'KEEP z']);
  });

  it('machine_learning: both ML tags', () => {
    const text = (HEADER + BODIES.machine_learning).replace('"Rule Type: ML", ', '');
    expect(errorsOf(text).map((d) => [d.code, d.path])).toEqual([['rule/repo/missing-tag', 'rule.tags']]);
  });

  it('alert_suppression needs a new enough stack for the type', () => {
    const text =
      (HEADER + BODIES.query).replace('updated_date = "2024/01/02"', 'updated_date = "2024/01/02"\nmin_stack_version = "8.3.0"\nmin_stack_comments = "old"') +
      '\n[rule.alert_suppression]\ngroup_by = ["host.name"]\nmissing_fields_strategy = "suppress"\n';
    expect(errorsOf(text).map((d) => [d.code, d.path])).toEqual([['rule/repo/stack-restricted-field', 'rule.alert_suppression']]);
  });

  it('saved_query cannot load', () => {
    const text = (HEADER + BODIES.query).replace('type = "query"', 'type = "saved_query"');
    expect(errorsOf(text).map((d) => d.code)).toEqual(['rule/load/unsupported-type']);
  });
});
