import { describe, expect, it } from 'vitest';
import { loadRule } from './load.ts';
import { formatRule } from './format.ts';
import { RULE_TYPES, newRule, ruleFileName } from './templates.ts';
import type { TomlTable } from './types.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRule', () => {
  for (const type of RULE_TYPES) {
    it(`${type}: loads cleanly and is byte-stable through the formatter`, () => {
      const { text, data } = newRule(type);
      const loaded = loadRule(text);
      expect(loaded.diagnostics).toEqual([]);
      expect(formatRule(loaded.data!)).toBe(text);
      expect(formatRule(data)).toBe(text);
      expect((loaded.data!.rule as TomlTable).type).toBe(type);
    });
  }

  it('gives each rule a fresh lowercase UUID v4', () => {
    const a = (newRule('eql').data.rule as TomlTable).rule_id as string;
    const b = (newRule('eql').data.rule as TomlTable).rule_id as string;
    expect(a).toMatch(UUID_V4);
    expect(b).toMatch(UUID_V4);
    expect(a).not.toBe(b);
  });

  it('dates the rule today and marks it as in development', () => {
    const { data } = newRule('eql', { now: new Date(Date.UTC(2026, 0, 5, 12)) });
    expect(data.metadata).toMatchObject({ creation_date: '2026/01/05', updated_date: '2026/01/05', maturity: 'development' });
  });

  it('takes the name, query and integration from the options', () => {
    const { data, fileName, text } = newRule('eql', {
      name: 'Suspicious Curl Download',
      query: 'process where process.name == "curl"',
      integration: ['endpoint'],
    });
    expect(fileName).toBe('suspicious_curl_download.toml');
    expect((data.rule as TomlTable).query).toBe('process where process.name == "curl"');
    expect(text).toContain('integration = ["endpoint"]');
    expect(text).toContain("query = '''\nprocess where process.name == \"curl\"\n'''");
  });

  it('matches the severity to the risk score', () => {
    const rule = newRule('query').data.rule as TomlTable;
    expect([rule.severity, rule.risk_score]).toEqual(['low', 21]);
  });
});

describe('ruleFileName', () => {
  it('lower-cases and turns runs of other characters into one underscore', () => {
    expect(ruleFileName('Interactive Terminal Spawned via Python')).toBe('interactive_terminal_spawned_via_python.toml');
    expect(ruleFileName('  AWS IAM -- Role (Assumed)!')).toBe('aws_iam_role_assumed.toml');
    expect(ruleFileName('New ES|QL Rule')).toBe('new_es_ql_rule.toml');
  });

  it('keeps underscores that are already there', () => {
    expect(ruleFileName('a__b c')).toBe('a__b_c.toml');
  });

  it('never returns an empty name', () => {
    expect(ruleFileName('!!!')).toBe('new_rule.toml');
  });
});
