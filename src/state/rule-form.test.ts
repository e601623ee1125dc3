import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { MATURITIES, SEVERITIES, TYPE_FIELDS } from '../rule/validate/fields.ts';
import { createEntry } from './rule-entry.ts';
import { FORM_CHOICES, problemsAt, ruleValueAt, scheduleSummary, selectRuleValue, severityBandText, threatReview } from './rule-form.ts';
import { useApp } from './store.ts';
import { selectedEntry } from './studio.ts';

const ttyText = readFileSync(new URL('../../rules/linux/execution_python_tty_shell.toml', import.meta.url), 'utf8');

function openTty(): void {
  const made = createEntry('opened:tty', 'execution_python_tty_shell.toml', 'opened', ttyText);
  if (!('entry' in made)) throw new Error('fixture does not load');
  useApp.getState().actions.rules.restore([made.entry], made.entry.id);
}

const rule = () => selectedEntry(useApp.getState())?.rule.data?.rule as Record<string, unknown>;

describe('form choices come from the validator field table', () => {
  it('offers what the validator accepts, and nothing else', () => {
    const spec = TYPE_FIELDS.query.language;
    expect(spec.kind === 'string' && spec.enum).toEqual(FORM_CHOICES.queryLanguages);
    expect(FORM_CHOICES.queryLanguages).toEqual(['eql', 'esql', 'kuery', 'lucene']);
    expect(FORM_CHOICES.suppressionUnits).toEqual(['s', 'm', 'h']);
    expect(FORM_CHOICES.missingFieldsStrategies).toEqual(['suppress', 'doNotSuppress']);
    expect(FORM_CHOICES.severities).toBe(SEVERITIES);
    expect(FORM_CHOICES.maturities).toBe(MATURITIES);
    expect(FORM_CHOICES.ruleTypes).not.toContain('saved_query');
    expect(FORM_CHOICES.ruleTypes).toContain('eql');
  });
  it('shows the risk-score band of a severity', () => {
    // detection-rules' severity/risk-score bands, as in src/rule/validate/repo-layer.ts SEVERITY_BANDS.
    expect(severityBandText('high')).toBe('48–73');
    expect(severityBandText('nope')).toBeUndefined();
    expect(severityBandText('constructor')).toBeUndefined();
  });
});

describe('scheduleSummary', () => {
  it('names gaps and overlaps', () => {
    expect(scheduleSummary('now-9m', '5m')).toBe('Runs every 5m, looks back 9m (4m overlap for late events).');
    expect(scheduleSummary('now-3m', '5m')).toMatch(/looks back only 3m: events in the gap/);
    expect(scheduleSummary('soon', '5m')).toBeUndefined();
  });
});

describe('rule values', () => {
  it('reads nested paths and tolerates missing ones', () => {
    const data = { rule: { threat: [{ tactic: { id: 'TA0002' } }] } };
    expect(ruleValueAt(data, 'rule.threat[0].tactic.id')).toBe('TA0002');
    expect(ruleValueAt(data, 'rule.threat[1].tactic.id')).toBeUndefined();
    expect(ruleValueAt(data, 'rule.threat[0].tactic.id.x')).toBeUndefined();
  });
});

describe('ruleFormActions', () => {
  beforeEach(openTty);

  it('adds a technique under the mapped tactic and keeps tactic tags in step', () => {
    useApp.getState().actions.form.addThreat('TA0002', 'T1059', 'T1059.004');
    const threats = rule().threat as { tactic: { id: string }; technique?: { id: string; subtechnique?: { id: string }[] }[] }[];
    expect(threats.filter((t) => t.tactic.id === 'TA0002')).toHaveLength(1);
    const sub = threats.flatMap((t) => t.technique ?? []).flatMap((t) => t.subtechnique ?? []);
    expect(sub.map((s) => s.id)).toContain('T1059.004');
    expect(rule().tags).toContain('Tactic: Execution');
    expect(threatReview(rule().threat, rule().tags)).toEqual({ mismatches: [], tagsOff: false });
  });

  it('removing the only tactic removes the key and its tag', () => {
    const count = (rule().threat as unknown[]).length;
    for (let i = count - 1; i >= 0; i--) useApp.getState().actions.form.removeThreat(i);
    expect(rule().threat).toBeUndefined();
    expect((rule().tags as string[]).some((t) => t.startsWith('Tactic: '))).toBe(false);
  });

  it('fixes a wrong name and its tag in one action, changing only those lines', () => {
    useApp.getState().actions.rules.setField('rule.threat[0].tactic.name', 'Wrong');
    expect(threatReview(rule().threat, rule().tags).mismatches.map((m) => m.path)).toEqual(['rule.threat[0].tactic.name']);
    useApp.getState().actions.form.fixThreats();
    expect(threatReview(rule().threat, rule().tags)).toEqual({ mismatches: [], tagsOff: false });
    expect(selectedEntry(useApp.getState())?.rule.text).toBe(ttyText);
  });

  it('regenerates the rule id and sets the updated date', () => {
    useApp.getState().actions.form.regenerateRuleId();
    expect(selectRuleValue('rule.rule_id')(useApp.getState())).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    useApp.getState().actions.form.setUpdatedDateToday();
    expect(selectRuleValue('metadata.updated_date')(useApp.getState())).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
  });
});

describe('problemsAt', () => {
  it('gives a control the diagnostics of its path and its elements, not of a sibling with the same prefix', () => {
    const d = (path: string) => ({ severity: 'error' as const, code: 'c', message: path, source: 'schema' as const, path });
    const all = [d('rule.tags'), d('rule.tags[2]'), d('rule.tags_extra'), d('rule.threat[0].tactic.id')];
    expect(problemsAt(all, 'rule.tags').map((p) => p.path)).toEqual(['rule.tags', 'rule.tags[2]']);
    expect(problemsAt(all, 'rule.threat').map((p) => p.path)).toEqual(['rule.threat[0].tactic.id']);
    expect(problemsAt(undefined, 'rule.tags')).toEqual([]);
  });
});
