/**
 * Keeps analysis in step with the store: every change to the selected rule's text or query sends
 * a request to the worker; newer requests supersede older ones. (Events and evaluation run in the
 * events worker: see live-evaluation.ts.)
 */
import { Superseded, type WorkerClient } from '../worker/client.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import { selectedEntry, useStudio } from './studio.ts';
import type { RuleEntry } from './rule-entry.ts';

export function startLiveAnalysis(client: WorkerClient): () => void {
  let lastRuleText: string | null = null;

  const analyze = (entry: RuleEntry) => {
    client.request('analyze', { kind: 'analyze', ruleText: entry.rule.text, path: entry.fileName }).then(
      (response) => {
        if (selectedEntry(useStudio.getState())?.rule.text === entry.rule.text) useStudio.getState().setAnalysis(response);
      },
      (err: unknown) => {
        if (!(err instanceof Superseded)) console.error('analysis failed', err);
      },
    );
  };

  const onChange = () => {
    const entry = selectedEntry(useStudio.getState());
    if (!entry) return;
    if (entry.rule.text !== lastRuleText) {
      lastRuleText = entry.rule.text;
      analyze(entry);
    }
  };

  onChange();
  return useStudio.subscribe(onChange);
}
