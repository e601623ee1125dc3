import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.ts';
import { listProblems } from './problems.ts';
import { createEntry } from './rule-entry.ts';

const text = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');
const made = createEntry('opened:1', 'execution_python_tty_shell.toml', 'opened', text);
if (!('entry' in made)) throw new Error('fixture does not load');
const entry = made.entry;

const d = (severity: Diagnostic['severity'], code: string, start: number, path?: string): Diagnostic => ({
  severity,
  code,
  message: code,
  source: 'eql',
  range: { start, end: start + 1 },
  ...(path ? { path } : {}),
});

describe('listProblems', () => {
  it('is empty without a rule', () => {
    expect(listProblems(undefined, null, null, null)).toEqual([]);
  });

  it('locates each diagnostic in its own text, errors first', () => {
    const analysis = { kind: 'analyze' as const, queryDiagnostics: [d('warning', 'q', 0)], ruleDiagnostics: [d('error', 'r', text.indexOf('[rule]'), 'rule')] };
    const problems = listProblems(entry, analysis, null, null);
    expect(problems.map((p) => [p.diagnostic.code, p.source, p.where])).toEqual([
      ['r', 'rule', `execution_python_tty_shell.toml ${text.slice(0, text.indexOf('[rule]')).split('\n').length}:1`],
      ['q', 'query', 'query 1:1'],
    ]);
  });

  it('lists what only the run found once, and never the run’s repeat of a checked finding', () => {
    const checked = d('warning', 'same', 3);
    const analysis = { kind: 'analyze' as const, queryDiagnostics: [checked], ruleDiagnostics: [] };
    const evaluation = { result: { diagnostics: [checked, d('error', 'eql/run/regex-budget', 5)] }, eventDiagnostics: [] } as never;
    const codes = listProblems(entry, analysis, null, evaluation).map((p) => p.diagnostic.code);
    expect(codes).toEqual(['eql/run/regex-budget', 'same']);
  });
});
