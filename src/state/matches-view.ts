/**
 * What the results panels show of the evaluation slice: the response whose matches are listed and
 * whether it is stale. While the query being typed has errors it does not run; the last response
 * of a query that ran stays on screen (dimmed) instead of vanishing and being rebuilt a keystroke
 * later. The evaluation session keeps that last run only while the rule and events are the same
 * (live-evaluation.ts), so a stale result is always of the current rule's events.
 */
import type { EvaluationData, EvaluationState } from './live-evaluation.ts';
import type { EvaluationResult } from './view-models.ts';

export interface MatchesView {
  /** The latest response (the query as typed), null before the first evaluation. */
  current: EvaluationResult | null;
  /** The response whose matches are listed: the current one, or the last that ran while the current has errors. */
  shown: EvaluationResult | null;
  /** Whether `shown` is the last query that ran rather than the current one. */
  stale: boolean;
  /** Error-level diagnostics of the current query (or rule): any of them stops it from running. */
  queryErrors: number;
  /** Matches of the shown response, counting those the worker did not send. */
  total: number;
  status: EvaluationState['status'];
  error: string | null;
}

const errorCount = (response: EvaluationResult | null): number => response?.result?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;

// One view per evaluation object: selectors hand React the same object while nothing changed.
const views = new WeakMap<EvaluationState, MatchesView>();

export function selectMatchesView(s: EvaluationData): MatchesView {
  const known = views.get(s.evaluation);
  if (known) return known;
  const { response: current, lastRun, status, error } = s.evaluation;
  const queryErrors = errorCount(current);
  const last = queryErrors > 0 && lastRun ? lastRun.response : null;
  const shown = last ?? current;
  const total = shown?.totalMatches ?? shown?.result?.matches.length ?? 0;
  const view: MatchesView = { current, shown, stale: last !== null, queryErrors, total, status, error };
  views.set(s.evaluation, view);
  return view;
}

/** Whether the results shown (matches, near misses, coverage) are those of the last query that ran. */
export const selectResultsStale = (s: EvaluationData): boolean => selectMatchesView(s).stale;
