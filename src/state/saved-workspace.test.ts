import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createEntry, hasUnexportedChanges, withField, withQuery, withText, type RuleEntry } from './rule-entry.ts';
import { restoreRule, restoreWorkspace, saveRule, saveSession, type SavedRule } from './saved-workspace.ts';

const ttyText = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');

function entry(id: string): RuleEntry {
  const made = createEntry(id, 'execution_python_tty_shell.toml', 'opened', ttyText);
  if (!('entry' in made)) throw new Error('fixture does not load');
  return made.entry;
}

/** What IndexedDB does to a record: a structured clone. */
const roundTrip = <T>(value: T): T => structuredClone(value);

describe('saveRule / restoreRule', () => {
  it('brings back edits, sample events and the export mark', () => {
    let edited = withField(entry('opened:1'), 'rule.risk_score', 50).entry;
    edited = { ...edited, eventsText: '{"a":1}\n', exportedText: ttyText };
    const restored = restoreRule(roundTrip(saveRule(edited)))!;
    expect(restored.rule.text).toBe(edited.rule.text);
    expect(restored.rule.text).toContain('risk_score = 50');
    expect(restored.originalText).toBe(ttyText);
    expect(restored.eventsText).toBe('{"a":1}\n');
    expect(restored.exportedText).toBe(ttyText);
    expect(restored.queryText).toBe(edited.queryText);
  });

  it('keeps a query that could not be written to TOML, as typed', () => {
    const edited = withQuery(entry('opened:1'), "process where x == '''");
    expect(edited.queryProblem).not.toBeNull();
    const restored = restoreRule(roundTrip(saveRule(edited)))!;
    expect(restored.queryText).toBe("process where x == '''");
    expect(restored.queryProblem).not.toBeNull();
  });

  it('keeps raw TOML that does not parse as a draft, next to the last rule that parsed', () => {
    const opened = entry('opened:1');
    const broken = ttyText.replace('[rule]', '[rule');
    const { entry: drafted, diagnostics } = withText(opened, broken);
    expect(diagnostics?.length).toBeGreaterThan(0);
    expect(drafted.tomlDraft).toBe(broken);
    expect(drafted.rule).toBe(opened.rule);
    expect(hasUnexportedChanges(drafted)).toBe(true);
    // Typing the same broken text again changes nothing.
    expect(withText(drafted, broken).entry).toBe(drafted);

    const restored = restoreRule(roundTrip(saveRule(drafted)))!;
    expect(restored.tomlDraft).toBe(broken);
    expect(restored.rule.text).toBe(ttyText);

    // Text that parses again, the original text, or a form edit each end the draft.
    expect(withText(drafted, ttyText.replace('risk_score = 73', 'risk_score = 50')).entry.tomlDraft).toBeNull();
    expect(withText(drafted, ttyText).entry.tomlDraft).toBeNull();
    expect(withField(drafted, 'rule.risk_score', 50).entry.tomlDraft).toBeNull();
  });

  it('reads records saved before drafts existed', () => {
    const { tomlDraft: _none, ...old } = saveRule(entry('opened:1'));
    expect(restoreRule(roundTrip(old as SavedRule))!.tomlDraft).toBeNull();
  });

  it('refuses records it cannot read', () => {
    expect(restoreRule({ ...saveRule(entry('x')), format: 99 })).toBeNull();
    expect(restoreRule({ ...saveRule(entry('x')), text: '[rule\n' })).toBeNull();
    expect(restoreRule(null as unknown as SavedRule)).toBeNull();
  });
});

describe('restoreWorkspace', () => {
  it('restores order and selection, prefers saved copies, and appends bundled rules the session did not know', () => {
    const bundledA = entry('bundled:a');
    const bundledB = entry('bundled:b');
    const opened = withField(entry('opened:1'), 'rule.severity', 'low').entry;
    const editedA = withField(bundledA, 'rule.risk_score', 1).entry;
    const saved = new Map([
      ['opened:1', roundTrip(saveRule(opened))],
      ['bundled:a', roundTrip(saveRule(editedA))],
    ]);
    const result = restoreWorkspace([bundledA, bundledB], roundTrip(saveSession([opened, bundledA], 'opened:1')), saved)!;
    expect(result.rules.map((r) => r.id)).toEqual(['opened:1', 'bundled:a', 'bundled:b']);
    expect(result.selectedId).toBe('opened:1');
    expect(result.rules[1].rule.text).toContain('risk_score = 1');
  });

  it('returns null without a session, and falls back to the first rule when the selection is gone', () => {
    expect(restoreWorkspace([entry('bundled:a')], undefined, new Map())).toBeNull();
    const result = restoreWorkspace([entry('bundled:a')], saveSession([], 'gone'), new Map())!;
    expect(result.selectedId).toBe('bundled:a');
  });
});
