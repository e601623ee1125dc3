/**
 * Keeps analysis and evaluation in step with the store: every change to the selected rule's text,
 * query or events sends a request to the worker; newer requests supersede older ones.
 */
import { Superseded, type WorkerClient } from '../worker/client.ts';
import type { EvaluateSettings } from '../worker/protocol.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import { selectedEntry, useStudio } from './studio.ts';
import type { RuleEntry } from './rule-entry.ts';

function settingsOf(entry: RuleEntry): EvaluateSettings {
  const { timestampField, eventCategoryField, tiebreakerField } = querySettingsOf(entry.rule.data);
  return { timestampField, eventCategoryField, tiebreakerField };
}

export function startLiveAnalysis(client: WorkerClient): () => void {
  let lastRuleText: string | null = null;
  let lastEvalInput: string | null = null;
  let sentEventsText: string | null = null;
  let eventsVersion = 0;

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

  const evaluate = (entry: RuleEntry) => {
    const fresh = entry.eventsText !== sentEventsText;
    if (fresh) {
      sentEventsText = entry.eventsText;
      eventsVersion++;
    }
    const store = useStudio.getState();
    store.setEvaluation({ ...store.evaluation, status: 'running' });
    client
      .request('evaluate', {
        kind: 'evaluate',
        query: entry.queryText,
        eventsKey: String(eventsVersion),
        eventsText: fresh ? entry.eventsText : undefined,
        settings: settingsOf(entry),
      })
      .then(
        (response) => useStudio.getState().setEvaluation({ status: 'done', response, error: null }),
        (err: unknown) => {
          if (err instanceof Superseded) return;
          useStudio.getState().setEvaluation({ status: 'failed', response: null, error: err instanceof Error ? err.message : String(err) });
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
    const evalInput = JSON.stringify([entry.id, entry.queryText, settingsOf(entry)]) + entry.eventsText.length;
    if (evalInput !== lastEvalInput || entry.eventsText !== sentEventsText) {
      lastEvalInput = evalInput;
      evaluate(entry);
    }
  };

  onChange();
  return useStudio.subscribe(onChange);
}
