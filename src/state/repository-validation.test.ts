import { describe, expect, it } from 'vitest';
import type { LocatedDiagnostic } from '../worker/repository-protocol.ts';
import { groupProblems } from './repository-validation.ts';

const d = (severity: LocatedDiagnostic['severity'], code: string): LocatedDiagnostic => ({ severity, code, message: code, source: 'schema' });

describe('groupProblems', () => {
  it('keeps files with problems (errors first, then by path), counts each file and each code', () => {
    const report = groupProblems(
      [
        { path: 'rules/a.toml', diagnostics: [d('info', 'rule/query/lint/leading-wildcard'), d('info', 'rule/query/lint/leading-wildcard')] },
        { path: 'rules/b.toml', diagnostics: [] },
        { path: 'rules/c.toml', diagnostics: [d('warning', 'rule/query/eql/unknown-field')] },
        { path: 'rules/c.tests.json', diagnostics: [d('error', 'tests/schema')] },
        { path: 'rules/d.toml', diagnostics: [d('error', 'rule/load/required'), d('info', 'rule/query/lint/leading-wildcard')] },
      ],
      4,
    );
    expect(report.checked).toBe(4);
    expect(report.files.map((f) => f.path)).toEqual(['rules/c.tests.json', 'rules/d.toml', 'rules/c.toml', 'rules/a.toml']);
    // A sidecar's problems open its rule.
    expect(report.files[0].rulePath).toBe('rules/c.toml');
    expect(report.files[1].counts).toEqual({ error: 1, warning: 0, info: 1 });
    expect(report.totals).toEqual({ error: 2, warning: 1, info: 3 });
    expect(report.codes).toEqual([
      { code: 'rule/query/lint/leading-wildcard', severity: 'info', count: 3 },
      { code: 'rule/load/required', severity: 'error', count: 1 },
      { code: 'tests/schema', severity: 'error', count: 1 },
      { code: 'rule/query/eql/unknown-field', severity: 'warning', count: 1 },
    ]);
  });

  it('reports nothing for a clean repository', () => {
    expect(groupProblems([{ path: 'a.toml', diagnostics: [] }], 1)).toEqual({ checked: 1, files: [], codes: [], totals: { error: 0, warning: 0, info: 0 } });
  });
});
