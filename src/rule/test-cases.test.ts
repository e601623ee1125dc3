import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readRuleTests, sidecarPathFor, writeRuleTests } from './test-cases.ts';

describe('rule test sidecars', () => {
  it('sit beside the rule with a .tests.json suffix', () => {
    expect(sidecarPathFor('rules/linux/x.toml')).toBe('rules/linux/x.tests.json');
  });

  it('read the bundled sidecars without problems', () => {
    const { file, diagnostics } = readRuleTests(readFileSync('rules/linux/execution_python_tty_shell.tests.json', 'utf8'));
    expect(diagnostics).toEqual([]);
    expect(file.cases.map((c) => c.expect)).toEqual([[[1], [3]], []]);
  });

  it('report broken JSON instead of throwing', () => {
    const { file, diagnostics } = readRuleTests('{"cases": [');
    expect(file.cases).toEqual([]);
    expect(diagnostics[0].message).toMatch(/not valid JSON/);
  });

  it('report a case with a malformed expectation by its path and keep the others', () => {
    const { file, diagnostics } = readRuleTests(
      JSON.stringify({
        cases: [
          { name: 'a', events: [], expect: [1] },
          { name: 'b', events: [], expect: [] },
        ],
      }),
    );
    expect(file.cases.map((c) => c.name)).toEqual(['b']);
    expect(diagnostics[0].path).toBe('cases[0].expect');
  });

  it('round-trip through the writer', () => {
    const file = { cases: [{ name: 'n', events: [{ a: 1 }, { b: [2] }], expect: [[0, null], [1]] }] };
    expect(readRuleTests(writeRuleTests(file)).file).toEqual(file);
  });
});

describe('hostile sidecars', () => {
  it('a case whose event nests 10,000 deep is reported at its path and skipped; the other cases are kept', () => {
    const deepEvent = `{"process":{"args":${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`;
    const text = `{"cases": [{"name": "deep", "events": [{"a": 1}, ${deepEvent}], "expect": []}, {"name": "fine", "events": [{"a": 1}], "expect": [[0]]}]}`;
    const { file, diagnostics } = readRuleTests(text);
    expect(file.cases.map((c) => c.name)).toEqual(['fine']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].path).toBe('cases[0].events[1]');
    expect(diagnostics[0].message).toMatch(/^Test "deep": event 2 is nested more than \d+ levels deep; the case was skipped\.$/);
    expect(() => writeRuleTests(file)).not.toThrow();
  });
});
