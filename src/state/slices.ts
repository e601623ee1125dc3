/**
 * The small slices of the application store — the selected rule's analysis, sample events, the editor view, held drafts, the
 * highlighted clauses and the status message — each its initial data and its mutators. Like
 * workspace-slice.ts they import no store: the root (store.ts) composes them.
 */
import { type EventsInputActions, eventsInputActions } from './events-actions.ts';
import type { EventsState, LoadState } from './events.ts';
import type { HeldDraftsActions, HeldDraftsData } from './held-drafts.ts';
import type { HighlightActions, HighlightData } from './highlight.ts';
import type { AnalysisActions, AnalysisData } from './live-analysis.ts';
import type { EvaluationActions, EvaluationData } from './live-evaluation.ts';
import type { StatusActions, StatusData } from './status.ts';
import type { AppState, SetRoot } from './store.ts';
import type { ViewActions, ViewData } from './view.ts';

/** The analysis session's view-model (live-analysis.ts); the workspace clears it when the selected rule changes. */
export function analysisSlice(set: SetRoot): { data: AnalysisData; actions: AnalysisActions } {
  return {
    data: { analysis: null },
    actions: {
      publishRuleDiagnostics: (ruleDiagnostics) => set((s) => ({ analysis: { ruleDiagnostics, queryDiagnostics: s.analysis?.queryDiagnostics ?? [] } })),
      // Query diagnostics arrive on their own (checked on every keystroke, the rule less often).
      publishQueryDiagnostics: (queryDiagnostics) => set((s) => ({ analysis: { ruleDiagnostics: s.analysis?.ruleDiagnostics ?? [], queryDiagnostics } })),
    },
  };
}

/** The evaluation session's view-model (live-evaluation.ts). */
export function evaluationSlice(set: SetRoot): { data: EvaluationData; actions: EvaluationActions } {
  return {
    data: { evaluation: { status: 'idle', response: null, error: null } },
    actions: { publish: (evaluation) => set({ evaluation }) },
  };
}

export interface EventsActions extends EventsInputActions {
  patch(patch: Partial<EventsState>): void;
  patchLoad(patch: Partial<LoadState>): void;
}

export function eventsSlice(set: SetRoot, get: () => AppState): { data: EventsState; actions: EventsActions } {
  return {
    data: {
      files: {},
      load: { key: null, status: 'idle', progress: null, response: null, error: null },
      page: null,
      pageFrom: 0,
      selected: null,
      explain: null,
      insights: null,
      tests: { outcomes: null, running: false, error: null },
      evaluations: 0,
      notice: null,
    },
    actions: {
      patch: (patch) => set(patch),
      patchLoad: (patch) => set((s) => ({ load: { ...s.load, ...patch } })),
      ...eventsInputActions(set, get),
    },
  };
}

const BUMP_KEY = 'rule-studio:bump-updated-date';

/**
 * On unless the user turns it off: detection-rules expects `updated_date` to move whenever a
 * rule's content changes, so a changed rule is exported with today's date.
 */
function readBumpPreference(): boolean {
  try {
    return globalThis.localStorage?.getItem(BUMP_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function viewSlice(set: SetRoot): { data: ViewData; actions: ViewActions } {
  return {
    data: { view: 'form', bumpUpdatedDate: readBumpPreference() },
    actions: {
      setView: (view) => set({ view }),
      setBumpUpdatedDate(on) {
        try {
          globalThis.localStorage?.setItem(BUMP_KEY, on ? 'on' : 'off');
        } catch {
          // The preference just will not survive a reload.
        }
        set({ bumpUpdatedDate: on });
      },
    },
  };
}

export function heldDraftsSlice(): { data: HeldDraftsData; actions: HeldDraftsActions } {
  // Persistence hands over what opening and discarding do once storage is open; until then both do nothing.
  let handlers: Pick<HeldDraftsActions, 'open' | 'discard'> = { open: () => {}, discard: () => {} };
  return {
    data: { drafts: [], problem: null },
    actions: {
      open: (id) => handlers.open(id),
      discard: (id) => handlers.discard(id),
      setHandlers(next) {
        handlers = next;
      },
    },
  };
}

export function highlightSlice(set: SetRoot): { data: HighlightData; actions: HighlightActions } {
  return {
    data: { queryText: null, eventIndex: null, clauses: [] },
    actions: {
      set: (queryText, eventIndex, clauses) => set({ queryText, eventIndex, clauses }),
      clear: () => set({ queryText: null, eventIndex: null, clauses: [] }),
    },
  };
}

export function statusSlice(set: SetRoot): { data: StatusData; actions: StatusActions } {
  return {
    data: { message: null },
    actions: {
      showStatus: (text, ruleId = null) => set({ message: { text, ruleId } }),
      clearStatus: () => set({ message: null }),
    },
  };
}
