import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { newRule } from '../rule/templates.ts';
import { createEntry, isDirty, withField, type RuleOrigin } from './rule-entry.ts';

const ttyText = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');

function entry(origin: RuleOrigin, text: string, fileName = 'rule.toml') {
  const made = createEntry(`${origin}:1`, fileName, origin, text);
  if (!('entry' in made)) throw new Error('fixture does not load');
  return made.entry;
}

describe('isDirty (the rule list’s "changed" dot)', () => {
  it('marks an opened rule only once its text differs from the file', () => {
    const opened = entry('opened', ttyText);
    expect(isDirty(opened)).toBe(false);
    expect(isDirty(withField(opened, 'rule.risk_score', 50).entry)).toBe(true);
  });

  it('marks a new rule at once: it has no file yet', () => {
    const created = newRule('eql');
    expect(isDirty(entry('new', created.text, created.fileName))).toBe(true);
  });
});
