/**
 * The workspace store: open rules, the selection, and the last analysis and evaluation results.
 * Components select the smallest slice they need.
 */
import { create } from 'zustand';
import type { Diagnostic } from '../diagnostic.ts';
import type { TomlValue } from '../rule/types.ts';
import { importKibanaRules } from '../rule/kibana.ts';
import type { AnalyzeResponse } from '../worker/protocol.ts';
import type { EvaluateEventsResponse } from '../worker/events-protocol.ts';
import { bundledRules } from './bundled.ts';
import { createEntry, withField, withQuery, withText, type RuleEntry, type RuleOrigin } from './rule-entry.ts';
import { sortPickedFiles, type PickedFile } from './open-files.ts';

export interface EvaluationState {
  status: 'idle' | 'running' | 'done' | 'failed';
  response: EvaluateEventsResponse | null;
  error: string | null;
  /**
   * The last response of a query that ran (no errors), with the rule and events it was for: while
   * the query being typed does not parse, its results stay on screen, marked as stale, instead of
   * vanishing and being rebuilt a keystroke later.
   */
  lastRun?: { response: EvaluateEventsResponse; entryId: string; eventsKey: string } | null;
}

export interface StudioState {
  rules: RuleEntry[];
  selectedId: string | null;
  /** Why the last file could not be opened (the previous rule stays open). */
  /**
   * Why a file could not be opened, or (with `imported`) what was skipped while importing the
   * rules it held: every skipped line is listed, even when other rules came in.
   */
  openProblem: { fileName: string; text: string; diagnostics: Diagnostic[]; imported?: number } | null;
  /** A problem with the last edit that could not be applied. */
  editProblem: Diagnostic | null;
  /** Why drafts are not being saved (storage unavailable or full); editing goes on regardless. */
  storageProblem: string | null;
  analysis: AnalyzeResponse | null;
  evaluation: EvaluationState;

  selectRule(id: string): void;
  openFile(fileName: string, text: string, testsText?: string): boolean;
  /** Opens many files at once: rules (with sidecars) and Kibana exports. Selects the first opened. */
  openFiles(files: readonly PickedFile[]): { opened: number; failed: number };
  importKibana(fileName: string, text: string): number;
  addRule(fileName: string, text: string): void;
  closeRule(id: string): void;
  setField(path: string, value: TomlValue | undefined): void;
  /** Replaces the selected rule's whole TOML text; returns why when it does not parse. */
  setRuleText(text: string): Diagnostic[] | null;
  setQuery(queryText: string): void;
  /** Writes typed queries into their rules' TOML now (normally done a moment after typing). */
  flushQueryWrites(): void;
  setEventsText(eventsText: string): void;
  /** Applies an edit to one rule by id (not necessarily the selected one). */
  updateRule(id: string, update: (entry: RuleEntry) => RuleEntry): void;
  markExported(ids: readonly string[]): void;
  restore(rules: RuleEntry[], selectedId: string | null): void;
  setStorageProblem(problem: string | null): void;
  dismissOpenProblem(): void;
  setAnalysis(analysis: AnalyzeResponse | null): void;
  /** Query diagnostics arrive on their own (checked on every keystroke, the rule less often). */
  setQueryDiagnostics(queryDiagnostics: Diagnostic[]): void;
  setEvaluation(evaluation: EvaluationState): void;
}

export function initialRules(): RuleEntry[] {
  const entries: RuleEntry[] = [];
  for (const bundled of bundledRules()) {
    const made = createEntry(`bundled:${bundled.path}`, bundled.path.split('/').pop()!, 'bundled', bundled.text, bundled.testsText);
    if ('entry' in made) entries.push(made.entry);
  }
  return entries;
}

/** Ids stay unique across reloads (restored rules keep theirs): a time stamp plus a counter. */
let idCounter = 0;
function newId(origin: RuleOrigin, fileName: string): string {
  return `${origin}:${Date.now().toString(36)}.${++idCounter}:${fileName}`;
}

/**
 * Typing in the query editor updates `queryText` at once (evaluation and checks read it), but
 * writing it into the rule's TOML re-reads the whole file, so it waits until typing pauses.
 * Every other action that reads or edits a rule's TOML first flushes what is pending.
 */
const QUERY_WRITE_DELAY_MS = 200;

export const useStudio = create<StudioState>()((set, get) => {
  const rules = initialRules();
  const updateSelected = (update: (entry: RuleEntry) => RuleEntry) =>
    set((state) => ({ rules: state.rules.map((e) => (e.id === state.selectedId ? update(e) : e)) }));

  const pendingQueryWrites = new Set<string>();
  let queryWriteTimer: ReturnType<typeof setTimeout> | null = null;
  const flushQueryWrites = () => {
    if (queryWriteTimer) clearTimeout(queryWriteTimer);
    queryWriteTimer = null;
    if (!pendingQueryWrites.size) return;
    const ids = new Set(pendingQueryWrites);
    pendingQueryWrites.clear();
    set((state) => ({ rules: state.rules.map((e) => (ids.has(e.id) ? withQuery(e, e.queryText) : e)) }));
  };
  /** Runs an action on the rules as they are once pending query text is written. */
  const flushed =
    <A extends unknown[], R>(action: (...args: A) => R) =>
    (...args: A): R => {
      flushQueryWrites();
      return action(...args);
    };

  return {
    rules,
    selectedId: rules[0]?.id ?? null,
    openProblem: null,
    editProblem: null,
    storageProblem: null,
    analysis: null,
    evaluation: { status: 'idle', response: null, error: null },

    selectRule: flushed((id) => {
      if (get().selectedId !== id) set({ selectedId: id, analysis: null, editProblem: null });
    }),

    openFile(fileName, text, testsText) {
      const made = createEntry(newId('opened', fileName), fileName, 'opened', text, testsText);
      if ('diagnostics' in made) {
        set({ openProblem: { fileName, text, diagnostics: made.diagnostics } });
        return false;
      }
      set((state) => ({ rules: [...state.rules, made.entry], selectedId: made.entry.id, openProblem: null, analysis: null }));
      return true;
    },

    openFiles(files) {
      const sorted = sortPickedFiles(files);
      const added: RuleEntry[] = [];
      let problem: StudioState['openProblem'] = null;
      let failed = 0;
      for (const file of sorted.rules) {
        // Invalid UTF-8 would come back as U+FFFD on export: the file is not opened at all.
        if (file.problems) {
          failed++;
          problem ??= { fileName: file.name, text: file.text, diagnostics: file.problems };
          continue;
        }
        const made = createEntry(newId('opened', file.name), file.name, 'opened', file.text, file.testsText);
        if ('entry' in made) added.push(made.entry);
        else {
          failed++;
          problem ??= { fileName: file.name, text: file.text, diagnostics: made.diagnostics };
        }
      }
      if (added.length) set((state) => ({ rules: [...state.rules, ...added], selectedId: added[0].id, analysis: null, editProblem: null }));
      set({ openProblem: problem });
      let opened = added.length;
      for (const file of sorted.kibana) opened += get().importKibana(file.name, file.text);
      return { opened, failed };
    },

    importKibana(fileName, text) {
      const { rules: imported, diagnostics } = importKibanaRules(text);
      const added: RuleEntry[] = [];
      const problems = [...diagnostics];
      for (const rule of imported) {
        problems.push(...rule.diagnostics.filter((d) => d.severity === 'error'));
        if (rule.text === null) continue;
        const made = createEntry(newId('new', rule.fileName), rule.fileName, 'new', rule.text);
        if ('entry' in made) added.push(made.entry);
      }
      if (added.length) set((state) => ({ rules: [...state.rules, ...added], selectedId: added[0].id, analysis: null }));
      if (problems.length) set({ openProblem: { fileName, text, diagnostics: problems, ...(added.length ? { imported: added.length } : {}) } });
      return added.length;
    },

    addRule(fileName, text) {
      const made = createEntry(newId('new', fileName), fileName, 'new', text);
      if ('entry' in made) set((state) => ({ rules: [...state.rules, made.entry], selectedId: made.entry.id, analysis: null }));
    },

    closeRule: flushed((id) => {
      set((state) => {
        const index = state.rules.findIndex((e) => e.id === id);
        if (index < 0) return {};
        const rules = state.rules.filter((e) => e.id !== id);
        const selectedId = state.selectedId === id ? (rules[Math.min(index, rules.length - 1)]?.id ?? null) : state.selectedId;
        return { rules, selectedId, analysis: state.selectedId === id ? null : state.analysis };
      });
    }),

    setField: flushed((path, value) => {
      const entry = get().rules.find((e) => e.id === get().selectedId);
      if (!entry) return;
      const { entry: next, problem } = withField(entry, path, value);
      set({ editProblem: problem ?? null });
      if (!problem) updateSelected(() => next);
    }),

    setRuleText: flushed((text) => {
      const entry = get().rules.find((e) => e.id === get().selectedId);
      if (!entry) return null;
      const { entry: next, diagnostics } = withText(entry, text);
      // Even refused text changes the entry: it becomes the saved draft.
      if (next !== entry) updateSelected(() => next);
      if (diagnostics) return diagnostics;
      set({ editProblem: null });
      return null;
    }),

    setQuery(queryText) {
      const entry = selectedEntry(get());
      if (!entry || entry.queryText === queryText) return;
      updateSelected((e) => ({ ...e, queryText }));
      pendingQueryWrites.add(entry.id);
      if (queryWriteTimer) clearTimeout(queryWriteTimer);
      queryWriteTimer = setTimeout(flushQueryWrites, QUERY_WRITE_DELAY_MS);
    },

    flushQueryWrites,

    setEventsText(eventsText) {
      updateSelected((entry) => ({ ...entry, eventsText }));
    },

    updateRule: flushed((id, update) => {
      set((state) => ({ rules: state.rules.map((e) => (e.id === id ? update(e) : e)) }));
    }),

    markExported: flushed((ids) => {
      const exported = new Set(ids);
      set((state) => ({ rules: state.rules.map((e) => (exported.has(e.id) && e.exportedText !== e.rule.text ? { ...e, exportedText: e.rule.text } : e)) }));
    }),

    restore: (rules, selectedId) => set({ rules, selectedId, analysis: null, editProblem: null }),
    setStorageProblem: (storageProblem) => set({ storageProblem }),
    dismissOpenProblem: () => set({ openProblem: null }),
    setAnalysis: (analysis) => set((state) => ({ analysis: analysis && { ...analysis, queryDiagnostics: state.analysis?.queryDiagnostics ?? [] } })),
    setQueryDiagnostics: (queryDiagnostics) =>
      set((state) => ({ analysis: { kind: 'analyze', ruleDiagnostics: state.analysis?.ruleDiagnostics ?? [], queryDiagnostics } })),
    setEvaluation: (evaluation) => set({ evaluation }),
  };
});

export function selectedEntry(state: StudioState): RuleEntry | undefined {
  return state.rules.find((e) => e.id === state.selectedId);
}
