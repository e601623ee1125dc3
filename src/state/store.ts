/**
 * The application store: one zustand store whose state is the data of every slice side by side,
 * with one `actions` object: each slice's mutators, the workspace and form workflows, and what the
 * user does with the sample events. Components select the smallest part they need
 * (`useApp((s) => s.view)`) and call `useApp.getState().actions.<group>.<action>`. The analysis
 * and evaluation sessions (live-analysis.ts, live-evaluation.ts) follow the root and publish
 * their view-models into their own slices. Slice and action modules import no store (only its
 * types), so composing them here makes no import cycle.
 *
 * The hooks the slices had when each was a store of its own (`useStudio`, `useEvents`, …) remain
 * as views of this store (`sliceHook`): a slice's fields and its mutators in one object, which
 * changes only when one of the slice's fields does, so their callers keep working unchanged.
 * The repository's stores (repository.ts, repository-validation.ts) are still stores of their own.
 */
import { create, type StateCreator } from 'zustand';
import type { EventsState } from './events.ts';
import type { HeldDraftsActions, HeldDraftsData } from './held-drafts.ts';
import type { HighlightActions, HighlightData } from './highlight.ts';
import type { AnalysisActions, AnalysisData } from './live-analysis.ts';
import { initialRepository, repositoryWorkflows, type RepositoryState, type RepositoryWorkflows } from './repository.ts';
import { initialValidation, validationWorkflows, type ValidationState, type ValidationWorkflows } from './repository-validation.ts';
import type { EvaluationActions, EvaluationData } from './live-evaluation.ts';
import { analysisSlice, evaluationSlice, eventsSlice, heldDraftsSlice, highlightSlice, statusSlice, viewSlice, type EventsActions } from './slices.ts';
import type { StatusActions, StatusData } from './status.ts';
import type { WorkspaceData, WorkspaceMutators } from './studio.ts';
import type { ViewActions, ViewData } from './view.ts';
import { formActions, type FormActions } from './rule-form.ts';
import { workspaceWorkflows, type WorkspaceWorkflows } from './workspace-actions.ts';
import { workspaceSlice } from './workspace-slice.ts';

export interface AppActions {
  rules: WorkspaceMutators;
  /** The workspace's workflows: open, new, export, copy, close, tests (workspace-actions.ts). */
  workspace: WorkspaceWorkflows;
  /** The rule forms' edits that span several fields (rule-form.ts). */
  form: FormActions;
  analysis: AnalysisActions;
  evaluation: EvaluationActions;
  events: EventsActions;
  view: ViewActions;
  heldDrafts: HeldDraftsActions;
  highlight: HighlightActions;
  status: StatusActions;
  /** The repository's workflows: connect, open, save, settle a conflict (repository.ts). */
  repository: RepositoryWorkflows;
  /** "Validate repository" (repository-validation.ts). */
  validation: ValidationWorkflows;
}

export interface AppState extends WorkspaceData, AnalysisData, EvaluationData, EventsState, ViewData, HeldDraftsData, HighlightData, StatusData {
  /** The open repository (repository.ts): a nested slice, its field names are its own. */
  repository: RepositoryState;
  /** The last "Validate repository" run (repository-validation.ts). */
  validation: ValidationState;
  actions: AppActions;
}

export type SetRoot = (patch: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void;

/** The slices, each with its fields (from its initial data) and its group of `actions`. */
export type SliceName = 'workspace' | 'analysis' | 'evaluation' | 'events' | 'view' | 'heldDrafts' | 'highlight' | 'status';
const ACTION_GROUP = {
  workspace: 'rules',
  analysis: 'analysis',
  evaluation: 'evaluation',
  events: 'events',
  view: 'view',
  heldDrafts: 'heldDrafts',
  highlight: 'highlight',
  status: 'status',
} as const;
const sliceFields = {} as Record<SliceName, readonly (keyof AppState)[]>;

const createApp: StateCreator<AppState> = (set, get) => {
  const slices = {
    workspace: workspaceSlice(set, get),
    analysis: analysisSlice(set),
    evaluation: evaluationSlice(set),
    events: eventsSlice(set, get),
    view: viewSlice(set),
    heldDrafts: heldDraftsSlice(),
    highlight: highlightSlice(set),
    status: statusSlice(set),
  };
  for (const name of Object.keys(slices) as SliceName[]) sliceFields[name] = Object.keys(slices[name].data) as (keyof AppState)[];
  return {
    ...slices.workspace.data,
    ...slices.analysis.data,
    ...slices.evaluation.data,
    ...slices.events.data,
    ...slices.view.data,
    ...slices.heldDrafts.data,
    ...slices.highlight.data,
    ...slices.status.data,
    repository: initialRepository(),
    validation: initialValidation(),
    actions: {
      rules: slices.workspace.actions,
      workspace: workspaceWorkflows(get),
      form: formActions(get),
      analysis: slices.analysis.actions,
      evaluation: slices.evaluation.actions,
      events: slices.events.actions,
      view: slices.view.actions,
      heldDrafts: slices.heldDrafts.actions,
      highlight: slices.highlight.actions,
      status: slices.status.actions,
      repository: repositoryWorkflows(set, get),
      validation: validationWorkflows(set, get),
    },
  };
};

/** The one store of the application. */
export const useApp = create<AppState>()(createApp);

/** The old hook of one slice: a view of the root with the slice's fields and mutators. */
export interface SliceHook<V> {
  (): V;
  <T>(selector: (view: V) => T): T;
  getState(): V;
  setState(patch: Partial<V> | ((view: V) => Partial<V>)): void;
  subscribe(listener: (view: V, previous: V) => void): () => void;
}

export function sliceHook<V>(name: SliceName): SliceHook<V> {
  // The store is made when this module loads, before any hook: the slices' fields are known.
  const fields = sliceFields[name];
  const changed = (a: AppState, b: AppState) => fields.some((key) => a[key] !== b[key]);
  // The same view object while the slice's fields are the same objects (selectors and `useShallow` rely on it).
  const views = new WeakMap<AppState, V>();
  let latest: { root: AppState; view: V } | null = null;
  const view = (root: AppState): V => {
    const known = views.get(root);
    if (known) return known;
    let made: V;
    if (latest && !changed(latest.root, root)) made = latest.view;
    else {
      const picked: Partial<AppState> = {};
      for (const key of fields) (picked as Record<string, unknown>)[key] = root[key];
      made = { ...picked, ...root.actions[ACTION_GROUP[name]] } as V;
    }
    views.set(root, made);
    latest = { root, view: made };
    return made;
  };
  const hook = (<T>(selector?: (view: V) => T) => useApp((root) => (selector ? selector(view(root)) : view(root)))) as SliceHook<V>;
  hook.getState = () => view(useApp.getState());
  hook.setState = (patch) => useApp.setState((root) => (typeof patch === 'function' ? patch(view(root)) : patch) as Partial<AppState>);
  hook.subscribe = (listener) =>
    useApp.subscribe((root, previous) => {
      if (changed(root, previous)) listener(view(root), view(previous));
    });
  return hook;
}
