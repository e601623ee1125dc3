/**
 * The application store: one zustand store whose state is the data of every slice side by side,
 * with one `actions` object: each slice's mutators, the workspace and form workflows, what the
 * user does with the sample events, and the repository's workflows and its validation.
 * Components select the smallest part they need (`useApp((s) => s.view)`) and call
 * `useApp.getState().actions.<group>.<action>`; there are no per-slice hooks. The analysis and
 * evaluation sessions (live-analysis.ts, live-evaluation.ts) follow the root and publish their
 * view-models into their own slices. The repository's state and its last validation are nested
 * fields (`repository`, `validation`: their field names would clash with the flat slices'),
 * written by their action groups (repository.ts, repository-validation.ts). Slice and action
 * modules import no store (only its types), so composing them here makes no import cycle.
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
