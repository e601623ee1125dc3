/**
 * The analysis session: owns the analysis worker's client, follows the selected rule in the
 * application store and publishes the rule's analysis — its rule and query diagnostics, as a
 * view-model of the `analysis` slice — for the editors, the forms and the Problems panel.
 * The query is checked on every change of it (cheap); the whole rule a moment after typing
 * pauses. Newer requests supersede older ones. (Events and evaluation: live-evaluation.ts.)
 */
import type { Diagnostic } from '../diagnostic.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import { Superseded, type WorkerClient } from '../worker/client.ts';
import type { RuleEntry } from './rule-entry.ts';
import { type AppState, useApp } from './store.ts';
import { selectedEntry } from './workspace-slice.ts';

/** What the analysis found in the selected rule: offsets in its TOML text, and in its query. */
export interface RuleAnalysis {
  ruleDiagnostics: Diagnostic[];
  queryDiagnostics: Diagnostic[];
}

export interface AnalysisData {
  /** The selected rule's analysis; null until the first answer for it (or after it changed rule). */
  analysis: RuleAnalysis | null;
}

export interface AnalysisActions {
  publishRuleDiagnostics(ruleDiagnostics: Diagnostic[]): void;
  publishQueryDiagnostics(queryDiagnostics: Diagnostic[]): void;
}

const ANALYZE_DELAY_MS = 120;

/** What the session reads of the root: the selected entry (replaced, never mutated, on every edit). */
const selectInput = (s: AppState): RuleEntry | undefined => selectedEntry(s);

export interface AnalysisSession {
  stop(): void;
}

export function startLiveAnalysis(client: WorkerClient, store = useApp): AnalysisSession {
  const publish = () => store.getState().actions.analysis;
  let lastRuleText: string | null = null;
  let lastCheckInput: string | null = null;
  let lastRuleId: string | null = null;
  let lastQueryText: string | null = null;
  let analyzeTimer: ReturnType<typeof setTimeout> | null = null;

  const check = (entry: RuleEntry) => {
    // Whatever the rule's language: its service answers (one that cannot check yet says so).
    const { query: _query, language, ...context } = querySettingsOf(entry.rule.data);
    const queryText = entry.queryText;
    client.request('check', { kind: 'check', language, query: queryText, context }).then(
      (response) => {
        if (selectInput(store.getState())?.queryText === queryText) publish().publishQueryDiagnostics(response.diagnostics);
      },
      (err: unknown) => {
        if (!(err instanceof Superseded)) console.error('query check failed', err);
      },
    );
  };

  const analyze = (entry: RuleEntry) => {
    client.request('analyze', { kind: 'analyze', ruleText: entry.rule.text, path: entry.fileName }).then(
      (response) => {
        if (selectInput(store.getState())?.rule.text === entry.rule.text) publish().publishRuleDiagnostics(response.ruleDiagnostics);
      },
      (err: unknown) => {
        if (!(err instanceof Superseded)) console.error('analysis failed', err);
      },
    );
  };

  const follow = (entry: RuleEntry | undefined) => {
    if (!entry) return;
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

  follow(selectInput(store.getState()));
  // Only a new selected entry matters: changes elsewhere in the store (events, view, status) pass by.
  const unsubscribe = store.subscribe((state, previous) => {
    const entry = selectInput(state);
    if (entry !== selectInput(previous)) follow(entry);
  });
  return {
    stop() {
      unsubscribe();
      if (analyzeTimer) clearTimeout(analyzeTimer);
    },
  };
}
