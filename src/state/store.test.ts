import { describe, expect, it } from 'vitest';
import { useApp } from './store.ts';
import { selectedEntry } from './studio.ts';

describe('the application store', () => {
  it('is one store: each group of actions writes its slice’s fields of the root', () => {
    const root = useApp.getState();
    const { actions } = root;
    actions.status.showStatus('Opened 2 rules');
    expect(useApp.getState().message).toEqual({ text: 'Opened 2 rules', ruleId: null });
    actions.view.setView('toml');
    expect(useApp.getState().view).toBe('toml');
    actions.view.setView('form');
    expect(useApp.getState().rules).toBe(root.rules);

    // The repository's slices are nested fields: their names (`files`, `status`) are their own.
    actions.repository.setChangedOnly(true);
    expect(useApp.getState().repository.changedOnly).toBe(true);
    expect(useApp.getState().validation).toBe(root.validation);
    expect(useApp.getState().files).toBe(root.files);
    actions.repository.setChangedOnly(false);
    actions.status.clearStatus();
  });

  it('keeps the same actions object while the data changes, so a selected action never goes stale', () => {
    const { actions } = useApp.getState();
    actions.status.showStatus('not about the actions');
    useApp.getState().actions.view.setView('diff');
    useApp.getState().actions.view.setView('form');
    expect(useApp.getState().actions).toBe(actions);
    expect(useApp.getState().actions.rules.setField).toBe(actions.rules.setField);
    actions.status.clearStatus();
  });

  it('keeps the sessions’ view-models in their own slices, published through their actions', () => {
    const evaluation = { status: 'failed' as const, response: null, error: 'worker gone' };
    useApp.getState().actions.evaluation.publish(evaluation);
    expect(useApp.getState().evaluation).toBe(evaluation);
    useApp.getState().actions.analysis.publishQueryDiagnostics([]);
    expect(useApp.getState().analysis).toEqual({ ruleDiagnostics: [], queryDiagnostics: [] });
  });

  it('holds the workflows too: workspace, form and events actions act on the one root', () => {
    const { actions } = useApp.getState();
    const before = useApp.getState().rules.length;
    actions.workspace.newRuleFromTemplate('eql');
    expect(useApp.getState().rules).toHaveLength(before + 1);
    expect(selectedEntry(useApp.getState())?.id).toBe(useApp.getState().rules[before].id);
    actions.events.setEventsText('{"event": {"category": "process"}}');
    expect(selectedEntry(useApp.getState())?.eventsText).toBe('{"event": {"category": "process"}}');
    const ruleIdOf = () => (selectedEntry(useApp.getState())?.rule.data?.rule as { rule_id?: string } | undefined)?.rule_id;
    const first = ruleIdOf();
    actions.form.regenerateRuleId();
    expect(ruleIdOf()).toEqual(expect.any(String));
    expect(ruleIdOf()).not.toBe(first);
  });

  it('has no repository until one is opened: validating then does nothing', async () => {
    const { actions } = useApp.getState();
    expect(actions.repository.backend()).toBeNull();
    expect(useApp.getState().repository.connected).toBe(false);
    await actions.validation.validateRepository();
    expect(useApp.getState().validation).toEqual({ status: 'idle', done: 0, total: 0, report: null, ms: null, error: null });
  });

  it('answers the shared selectors on the root itself', () => {
    const root = useApp.getState();
    expect(selectedEntry(root)?.id).toBe(root.selectedId);
  });
});
