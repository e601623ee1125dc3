import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRule } from '../rule/load.ts';
import { searchWords } from '../rule/rule-summary.ts';
import { matchesSearch } from './rule-search.ts';

// The bundled rule: name "Interactive Terminal Spawned via Python", tags "OS: Linux" and
// "Tactic: Execution", tactic TA0002 Execution, technique T1059 (subtechnique T1059.006 Python),
// an EQL query over process.parent.name, process.args and process.name.
const path = 'rules/linux/execution_python_tty_shell.toml';
const rule = loadRule(readFileSync(path, 'utf8'), path);
const matches = (query: string) => matchesSearch(rule, 'execution_python_tty_shell.toml', searchWords(query));

describe('matchesSearch', () => {
  it('matches name, tag and tactic, case-insensitively, every word', () => {
    expect(matches('')).toBe(true);
    expect(matches('python')).toBe(true);
    expect(matches('os: linux')).toBe(true);
    expect(matches('TA0002')).toBe(true);
    expect(matches('linux execution')).toBe(true);
    expect(matches('linux windows')).toBe(false);
  });

  it('matches technique, type, language and the fields the query uses', () => {
    expect(matches('T1059')).toBe(true);
    expect(matches('eql')).toBe(true);
    expect(matches('process.parent.name')).toBe(true);
    expect(matches('registry.path')).toBe(false);
  });
});
