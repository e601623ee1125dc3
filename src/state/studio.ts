/**
 * The workspace store: open rules, the selection, and the last analysis and evaluation results.
 * Components select the smallest slice they need.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../diagnostic.ts';
import type { TomlValue } from '../rule/types.ts';
import type { AnalyzeResponse, EvaluateResponse } from '../worker/protocol.ts';
import { bundledRules } from './bundled.ts';
import { createEntry, withField, withQuery, type RuleEntry } from './rule-entry.ts';

export interface EvaluationState {
  status: 'idle' | 'running' | 'done' | 'failed';
  response: EvaluateResponse | null;
  error: string | null;
}

export interface StudioState {
  rules: RuleEntry[];
  selectedId: string | null;
  /** Why the last file could not be opened (the previous rule stays open). */
  openProblem: { fileName: string; text: string; diagnostics: Diagnostic[] } | null;
  /** A problem with the last edit that could not be applied. */
  editProblem: Diagnostic | null;
  analysis: AnalyzeResponse | null;
  evaluation: EvaluationState;

  selectRule(id: string): void;
  openFile(fileName: string, text: string, testsText?: string): boolean;
  addRule(fileName: string, text: string): void;
  setField(path: string, value: TomlValue | undefined): void;
  setQuery(queryText: string): void;
  setEventsText(eventsText: string): void;
  dismissOpenProblem(): void;
  setAnalysis(analysis: AnalyzeResponse | null): void;
  setEvaluation(evaluation: EvaluationState): void;
}

function initialRules(): RuleEntry[] {
  const entries: RuleEntry[] = [];
  for (const bundled of bundledRules()) {
    const made = createEntry(`bundled:${bundled.path}`, bundled.path.split('/').pop()!, 'bundled', bundled.text, bundled.testsText);
    if ('entry' in made) entries.push(made.entry);
  }
  return entries;
}

let openCounter = 0;

export const useStudio = create<StudioState>()((set, get) => {
  const rules = initialRules();
  const updateSelected = (update: (entry: RuleEntry) => RuleEntry) =>
    set((state) => ({ rules: state.rules.map((e) => (e.id === state.selectedId ? update(e) : e)) }));

  return {
    rules,
    selectedId: rules[0]?.id ?? null,
    openProblem: null,
    editProblem: null,
    analysis: null,
    evaluation: { status: 'idle', response: null, error: null },

    selectRule(id) {
      if (get().selectedId !== id) set({ selectedId: id, analysis: null, editProblem: null });
    },

    openFile(fileName, text, testsText) {
      const made = createEntry(`opened:${++openCounter}:${fileName}`, fileName, 'opened', text, testsText);
      if ('diagnostics' in made) {
        set({ openProblem: { fileName, text, diagnostics: made.diagnostics } });
        return false;
      }
      set((state) => ({ rules: [...state.rules, made.entry], selectedId: made.entry.id, openProblem: null, analysis: null }));
      return true;
    },

    addRule(fileName, text) {
      const made = createEntry(`new:${++openCounter}:${fileName}`, fileName, 'new', text);
      if ('entry' in made) set((state) => ({ rules: [...state.rules, made.entry], selectedId: made.entry.id, analysis: null }));
    },

    setField(path, value) {
      const entry = get().rules.find((e) => e.id === get().selectedId);
      if (!entry) return;
      const { entry: next, problem } = withField(entry, path, value);
      set({ editProblem: problem ?? null });
      if (!problem) updateSelected(() => next);
    },

    setQuery(queryText) {
      updateSelected((entry) => (entry.queryText === queryText ? entry : withQuery(entry, queryText)));
    },

    setEventsText(eventsText) {
      updateSelected((entry) => ({ ...entry, eventsText }));
    },

    dismissOpenProblem: () => set({ openProblem: null }),
    setAnalysis: (analysis) => set({ analysis }),
    setEvaluation: (evaluation) => set({ evaluation }),
  };
});

export function selectedEntry(state: StudioState): RuleEntry | undefined {
  return state.rules.find((e) => e.id === state.selectedId);
}
