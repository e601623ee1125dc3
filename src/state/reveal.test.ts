import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostic.ts';
import { createEntry } from './rule-entry.ts';
import { queryRangeOfRuleDiagnostic, stringContentStart } from './reveal.ts';

describe('stringContentStart', () => {
  it('skips the delimiter and the newline TOML trims', () => {
    const text = "query = '''\nprocess where true\n'''";
    expect(text.slice(stringContentStart(text, 8))).toMatch(/^process/);
    expect(stringContentStart('a = "x"', 4)).toBe(5);
    expect(stringContentStart("a = '''x'''", 4)).toBe(7);
  });
});

describe('queryRangeOfRuleDiagnostic', () => {
  const text = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');
  const made = createEntry('opened:1', 'execution_python_tty_shell.toml', 'opened', text);
  if (!('entry' in made)) throw new Error('fixture does not load');
  const diagnostic = (path: string, start: number, end: number): Diagnostic => ({
    severity: 'warning',
    code: 'x',
    message: 'm',
    source: 'schema',
    path,
    range: { start, end },
  });

  it('turns file offsets inside rule.query into query offsets', () => {
    const at = text.indexOf('process where');
    const range = queryRangeOfRuleDiagnostic(made.entry, diagnostic('rule.query', at, at + 7));
    expect(range && made.entry.queryText.slice(range.start, range.end)).toBe('process');
  });
  it('leaves other paths alone', () => {
    expect(queryRangeOfRuleDiagnostic(made.entry, diagnostic('rule.name', 0, 1))).toBeNull();
  });
});
