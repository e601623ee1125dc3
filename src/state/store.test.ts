import { describe, expect, it } from 'vitest';
import { useEvents } from './events.ts';
import { useHeldDrafts } from './held-drafts.ts';
import { useHighlight } from './highlight.ts';
import { useStatus } from './status.ts';
import { useApp } from './store.ts';
import { selectedEntry, useStudio } from './studio.ts';
import { useView } from './view.ts';

const sliceHooks = { useStudio, useEvents, useView, useHeldDrafts, useHighlight, useStatus };

describe('the application store', () => {
  it('is one store: every slice hook reads and writes the root', () => {
    const root = useApp.getState();
    expect(useStudio.getState().rules).toBe(root.rules);
    expect(useEvents.getState().files).toBe(root.files);
    expect(useView.getState().view).toBe(root.view);
    expect(useHeldDrafts.getState().drafts).toBe(root.drafts);
    expect(useHighlight.getState().clauses).toBe(root.clauses);
    expect(useStatus.getState().message).toBe(root.message);
    for (const hook of Object.values(sliceHooks)) expect(hook.getState).not.toBe(useApp.getState);

    // The repository's slices are nested fields: their names (`files`, `status`) are their own.
    useApp.getState().actions.repository.setChangedOnly(true);
    expect(useApp.getState().repository.changedOnly).toBe(true);
    expect(useApp.getState().validation).toBe(root.validation);
    expect(useApp.getState().files).toBe(root.files);
    useApp.getState().actions.repository.setChangedOnly(false);

    useStatus.getState().showStatus('Opened 2 rules');
    expect(useApp.getState().message).toEqual({ text: 'Opened 2 rules', ruleId: null });
    useApp.getState().actions.view.setView('toml');
    expect(useView.getState().view).toBe('toml');
    useView.setState({ view: 'form' });
    expect(useApp.getState().view).toBe('form');
  });

  it('names no action like a field: a slice hook’s view shows both side by side', () => {
    const { actions, ...fields } = useApp.getState();
    for (const [group, named] of Object.entries(actions)) {
      const clashes = Object.keys(named).filter((name) => name in fields);
      expect(clashes, group).toEqual([]);
    }
    expect(useEvents.getState().explain).toBe(useApp.getState().explain);
  });

  it('gives each slice its mutators from the one actions object', () => {
    const { actions } = useApp.getState();
    expect(useStudio.getState().setField).toBe(actions.rules.setField);
    expect(useView.getState().setView).toBe(actions.view.setView);
    expect(useHighlight.getState().clear).toBe(actions.highlight.clear);
    expect(useStatus.getState().showStatus).toBe(actions.status.showStatus);
  });

  it('tells a slice’s subscribers only about changes to that slice, with the same view while it is unchanged', () => {
    const seen: string[] = [];
    const unsubscribe = useView.subscribe((view, previous) => seen.push(`${previous.view}→${view.view}`));
    const before = useView.getState();
    useStatus.getState().showStatus('not about the view');
    expect(useView.getState()).toBe(before);
    useApp.getState().actions.view.setView('diff');
    useApp.getState().actions.view.setView('form');
    unsubscribe();
    expect(seen).toEqual(['form→diff', 'diff→form']);
  });

  it('keeps the sessions’ view-models in their own slices, published through their actions', () => {
    const evaluation = { status: 'failed' as const, response: null, error: 'worker gone' };
    useApp.getState().actions.evaluation.publish(evaluation);
    expect(useApp.getState().evaluation).toBe(evaluation);
    // The workspace's old hook no longer shows it: the results panels select it from the root.
    expect('evaluation' in useStudio.getState()).toBe(false);
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
    expect(selectedEntry(useStudio.getState())?.eventsText).toBe('{"event": {"category": "process"}}');
    const ruleIdOf = () => (selectedEntry(useApp.getState())?.rule.data?.rule as { rule_id?: string } | undefined)?.rule_id;
    const first = ruleIdOf();
    actions.form.regenerateRuleId();
    expect(ruleIdOf()).toEqual(expect.any(String));
    expect(ruleIdOf()).not.toBe(first);
  });

  it('answers the shared selectors on the root itself', () => {
    const root = useApp.getState();
    expect(selectedEntry(root)).toBe(selectedEntry(useStudio.getState()));
    expect(selectedEntry(root)?.id).toBe(root.selectedId);
  });
});
