/**
 * The workspace slice of the application store: the open rules, the selection and the rule-level
 * results, and the mutators the root publishes as `actions.rules`. It imports no store, so the
 * root (store.ts) can compose it without an import cycle.
 */
import { importKibanaRules } from '../rule/kibana.ts';
import { bundledRules } from './bundled.ts';
import { sortPickedFiles } from './open-files.ts';
import { createEntry, type RuleEntry, type RuleOrigin, withField, withQuery, withText } from './rule-entry.ts';
import type { AppState, SetRoot } from './store.ts';
import type { WorkspaceData, WorkspaceMutators } from './studio.ts';

/** The selected rule entry: the one selector every part of the application layer shares. */
export function selectedEntry(state: Pick<WorkspaceData, 'rules' | 'selectedId'>): RuleEntry | undefined {
  return state.rules.find((e) => e.id === state.selectedId);
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

/** The open rules, the selection and the rule-level problems, with their mutators (`actions.rules`). */
export function workspaceSlice(set: SetRoot, get: () => AppState): { data: WorkspaceData; actions: WorkspaceMutators } {
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

  const data: WorkspaceData = {
    rules,
    selectedId: rules[0]?.id ?? null,
    openProblem: null,
    editProblem: null,
    storageProblem: null,
  };
  const actions: WorkspaceMutators = {
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
      let problem: WorkspaceData['openProblem'] = null;
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
      for (const file of sorted.kibana) opened += actions.importKibana(file.name, file.text);
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
  };
  return { data, actions };
}
