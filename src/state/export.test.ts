import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readZip } from '../../test/read-zip.ts';
import { createEntry, withField, type RuleEntry } from './rule-entry.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { kibanaExport, newErrorsQuestion, rulesZip, withUpdatedDate } from './export.ts';

const ttyText = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');

function entry(id = 'opened:1'): RuleEntry {
  const made = createEntry(id, 'execution_python_tty_shell.toml', 'opened', ttyText);
  if (!('entry' in made)) throw new Error('fixture does not load');
  return made.entry;
}

describe('withUpdatedDate', () => {
  it('leaves an unchanged rule alone', () => {
    const unchanged = entry();
    expect(withUpdatedDate(unchanged, '2026/11/23')).toBe(unchanged);
  });
  it('bumps only the updated_date line of a changed rule', () => {
    const changed = withField(entry(), 'rule.risk_score', 60).entry;
    const bumped = withUpdatedDate(changed, '2026/11/23');
    expect(bumped.rule.text).toBe(ttyText.replace('risk_score = 73', 'risk_score = 60').replace('updated_date = "2023/10/16"', 'updated_date = "2026/11/23"'));
    expect(withUpdatedDate(bumped, '2026/11/23')).toBe(bumped);
  });
});

describe('rulesZip', () => {
  it('stores each rule under a unique file name', () => {
    const a = withField(entry('a'), 'rule.risk_score', 60).entry;
    const b = entry('b');
    const result = rulesZip([a, b]);
    if ('error' in result) throw new Error(result.error);
    expect(result.names).toEqual(['execution_python_tty_shell.toml', 'execution_python_tty_shell_2.toml']);
    // Read back without an unzip binary (CI machines may not have one).
    expect(readZip(result.bytes).map((f) => f.name)).toEqual(result.names);
    expect(readZip(result.bytes)[1].text).toBe(ttyText);
  });
});

describe('kibanaExport', () => {
  it('writes one ndjson line per rule', () => {
    const result = kibanaExport([entry('a'), entry('b')]);
    if ('error' in result) throw new Error(result.error);
    const lines = result.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ name: 'Interactive Terminal Spawned via Python', risk_score: 73, type: 'eql' });
  });
});

describe('newErrorsQuestion', () => {
  const error = (message: string) => ({ severity: 'error', code: 'rule/load/range', message }) as Diagnostic;

  it('asks nothing when no rule has new errors', () => {
    expect(newErrorsQuestion([])).toBeNull();
    expect(newErrorsQuestion([{ name: 'A', errors: [] }])).toBeNull();
  });

  it('names the one rule with its errors', () => {
    expect(
      newErrorsQuestion([
        { name: 'A', errors: [error('too high')] },
        { name: 'B', errors: [] },
      ]),
    ).toBe('A has 1 new error:\n\n• too high\n\nExport anyway?');
  });

  it('lists every rule with new errors in one question', () => {
    const question = newErrorsQuestion([
      { name: 'A', errors: [error('one'), error('two')] },
      { name: 'B', errors: [] },
      { name: 'C', errors: [error('three')] },
    ]);
    expect(question).toBe('2 rules have new errors:\n\nA (2 errors):\n• one\n• two\n\nC (1 error):\n• three\n\nExport anyway?');
  });
});
