import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.ts';
import type { EvaluationState } from './live-evaluation.ts';
import { selectMatchesView, selectResultsStale } from './matches-view.ts';
import type { EvaluationResult } from './view-models.ts';

const syntaxError: Diagnostic = { severity: 'error', code: 'syntax', message: 'unexpected end of query', source: 'eql', range: { start: 8, end: 8 } };
const warning: Diagnostic = { severity: 'warning', code: 'coverage', message: 'no event has this field', source: 'eql', range: { start: 0, end: 4 } };

function response(matches: number, diagnostics: Diagnostic[] = [], totalMatches = matches): EvaluationResult {
  return {
    result: { kind: 'events', matches: Array.from({ length: matches }, (_, i) => ({ events: [i], joinKeys: [] })), diagnostics },
    totalMatches,
    eventCount: 10,
    eventDiagnostics: [],
    matchedEvents: {},
    queryFields: [],
    joinKeyNames: [],
    millis: 1,
  } as unknown as EvaluationResult;
}

const view = (evaluation: EvaluationState) => selectMatchesView({ evaluation });

describe('selectMatchesView', () => {
  it('shows nothing before the first evaluation', () => {
    expect(view({ status: 'idle', response: null, error: null })).toMatchObject({ current: null, shown: null, stale: false, queryErrors: 0, total: 0 });
  });

  it('shows the current response of a query that runs, counting matches the worker did not send', () => {
    const ran = response(3, [warning], 5000);
    const v = view({ status: 'done', response: ran, error: null, lastRun: { response: ran, entryId: 'r', eventsKey: 'e' } });
    expect(v).toMatchObject({ current: ran, shown: ran, stale: false, queryErrors: 0, total: 5000 });
  });

  it('keeps the last query that ran on screen, marked stale, while the current one has errors', () => {
    const ran = response(2);
    const broken = response(0, [syntaxError, warning]);
    const evaluation: EvaluationState = { status: 'done', response: broken, error: null, lastRun: { response: ran, entryId: 'r', eventsKey: 'e' } };
    expect(view(evaluation)).toMatchObject({ current: broken, shown: ran, stale: true, queryErrors: 1, total: 2 });
    expect(selectResultsStale({ evaluation })).toBe(true);
  });

  it('shows the errors of a query that has not run since the rule or events changed (no last run)', () => {
    const broken = response(0, [syntaxError]);
    const evaluation: EvaluationState = { status: 'done', response: broken, error: null, lastRun: null };
    expect(view(evaluation)).toMatchObject({ current: broken, shown: broken, stale: false, queryErrors: 1, total: 0 });
    expect(selectResultsStale({ evaluation })).toBe(false);
  });

  it('gives the same view object for the same evaluation (a stable selector result for React)', () => {
    const evaluation: EvaluationState = { status: 'running', response: response(1), error: null };
    expect(view(evaluation)).toBe(view(evaluation));
    expect(view({ ...evaluation })).not.toBe(view(evaluation));
  });
});
