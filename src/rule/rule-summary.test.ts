import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData, tomlFilesUnder } from '../../scripts/shared-data.ts';
import { loadRule } from './load.ts';
import { queryFieldWords, summarizeRule } from './rule-summary.ts';
import type { TomlTable } from './types.ts';

const CORPUS = sharedData('rules-corpus', 'rule summaries on the rules corpus');

/** What the full load says the summary must hold: name, tags, threat ids and names, type, language. */
function expectedParts(data: TomlTable): string[] {
  const rule = (data.rule ?? {}) as TomlTable;
  const parts: unknown[] = [rule.name, rule.type, rule.language, ...((rule.tags as string[] | undefined) ?? [])];
  for (const threat of (rule.threat as TomlTable[] | undefined) ?? []) {
    const tactic = threat.tactic as TomlTable | undefined;
    parts.push(tactic?.id, tactic?.name);
    for (const technique of (threat.technique as TomlTable[] | undefined) ?? []) {
      parts.push(technique.id, technique.name);
      for (const sub of (technique.subtechnique as TomlTable[] | undefined) ?? []) parts.push(sub.id, sub.name);
    }
  }
  return parts.filter((p): p is string => typeof p === 'string').map((p) => p.toLowerCase());
}

describe('summarizeRule', () => {
  it('reads the name and searchable values without loading the rule', () => {
    const text = readFileSync('rules/linux/execution_python_tty_shell.toml', 'utf8');
    const summary = summarizeRule('linux/execution_python_tty_shell.toml', text);
    expect(summary.name).toBe('Interactive Terminal Spawned via Python');
    const lines = summary.search.split('\n');
    for (const part of ['os: linux', 'ta0002', 'execution', 't1059', 't1059.006', 'eql', 'process.parent.name', 'process.args_count']) {
      expect(lines).toContain(part);
    }
  });

  it('falls back to the file name for text that is not a rule', () => {
    expect(summarizeRule('a/b.toml', 'not = [ toml').name).toBe('b.toml');
    expect(summarizeRule('a/b.toml', '').name).toBe('b.toml');
  });

  it('takes dotted field names from the query, not from its strings', () => {
    expect(queryFieldWords('process.name : "evil.exe" and not user.name in ("a.b") and `weird field.x` == 1')).toEqual([
      'process.name',
      'user.name',
      'weird field.x',
    ]);
  });

  it.skipIf(!CORPUS)('agrees with the full load on every corpus rule', () => {
    let checked = 0;
    for (const file of tomlFilesUnder(CORPUS ?? '')) {
      const text = readFileSync(file, 'utf8');
      const loaded = loadRule(text, file);
      if (!loaded.data) continue;
      const summary = summarizeRule(file, text);
      const name = ((loaded.data.rule ?? {}) as TomlTable).name;
      expect(summary.name, file).toBe(typeof name === 'string' && name ? name : file.split('/').pop());
      const lines = new Set(summary.search.split('\n'));
      for (const part of expectedParts(loaded.data)) expect(lines.has(part), `${file}: ${part}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
  });
});
