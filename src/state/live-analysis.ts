/**
 * Keeps analysis in step with the store: every change to the selected rule's text or query sends
 * a request to the worker; newer requests supersede older ones. (Events and evaluation run in the
 * events worker: see live-evaluation.ts.)
 */
import { Superseded, type WorkerClient } from '../worker/client.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import { selectedEntry, useStudio } from './studio.ts';
import type { RuleEntry } from './rule-entry.ts';

const ANALYZE_DELAY_MS = 120;

export function startLiveAnalysis(client: WorkerClient): () => void {
  let lastRuleText: string | null = null;
  let lastCheckInput: string | null = null;
  let lastRuleId: string | null = null;
  let analyzeTimer: ReturnType<typeof setTimeout> | null = null;

  // The query is checked on every keystroke (it is cheap); the whole rule a moment after typing
  // pauses, since rule-level problems rarely change with each character of the query.
  const check = (entry: RuleEntry) => {
    // Whatever the rule's language: its service answers (one that cannot check yet says so).
    const { query: _query, language, ...context } = querySettingsOf(entry.rule.data);
    const queryText = entry.queryText;
    client.request('check', { kind: 'check', language, query: queryText, context }).then(
      (response) => {
        if (selectedEntry(useStudio.getState())?.queryText === queryText) useStudio.getState().setQueryDiagnostics(response.diagnostics);
      },
      (err: unknown) => {
        if (!(err instanceof Superseded)) console.error('query check failed', err);
      },
    );
  };

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

  let lastEntry: RuleEntry | null = null;
  let lastQueryText: string | null = null;

  const onChange = () => {
    const entry = selectedEntry(useStudio.getState());
    // Entries are replaced, never mutated: the same object means nothing of it changed.
    if (!entry || entry === lastEntry) return;
    lastEntry = entry;
    const { query: _query, ...settings } = querySettingsOf(entry.rule.data);
    const checkInput = entry.id + '\u0000' + JSON.stringify(settings);
    if (checkInput !== lastCheckInput || entry.queryText !== lastQueryText) {
      lastCheckInput = checkInput;
      lastQueryText = entry.queryText;
      check(entry);
    }
    if (entry.rule.text !== lastRuleText) {
      const switched = entry.id !== lastRuleId;
      lastRuleText = entry.rule.text;
      lastRuleId = entry.id;
      if (analyzeTimer) clearTimeout(analyzeTimer);
      analyzeTimer = setTimeout(() => analyze(entry), switched ? 0 : ANALYZE_DELAY_MS);
    }
  };

  onChange();
  return useStudio.subscribe(onChange);
}
