/**
 * `validate` (the CLI and the rule view) reports only the syntax error of a query that does not
 * parse: no type, arity or lint findings read from the parser's recovery.
 */
import { describe, expect, it } from 'vitest';
import { loadRule } from '../load.ts';
import { validateRule } from './index.ts';

function queryDiagnostics(query: string) {
  const text = `[metadata]\nmaturity = "production"\n\n[rule]\ntype = "eql"\nlanguage = "eql"\nindex = ["logs-endpoint.events.*"]\nquery = '''\n${query}\n'''\n`;
  const rule = loadRule(text, 'rules/linux/x.toml');
  expect(rule.diagnostics).toEqual([]);
  return validateRule(rule, { today: '2026/11/23' }).filter((d) => d.path === 'rule.query');
}

describe('query layer after a syntax error', () => {
  it('an unclosed call gives its syntax error alone', () => {
    const found = queryDiagnostics('process where process.name : "*sh" and length(process.parent.args_count >= 3');
    expect(found.map((d) => [d.severity, d.code, d.message])).toEqual([['error', 'rule/query/eql/syntax', 'Expected [)] but found the end of the query.']]);
  });

  it('the same query, parsed, gets the analysis', () => {
    const found = queryDiagnostics('process where process.name : "*sh" and length(process.parent.args_count >= 3)');
    expect(found.map((d) => d.code)).toEqual(['rule/query/lint/leading-wildcard', 'rule/query/eql/non-boolean-condition', 'rule/query/eql/function-args']);
  });
});
