/**
 * The evaluation session: owns the events worker's client and keeps it in step with the store —
 * a changed input is read (in steps, with progress, cancellable); every change of the query, its
 * language and settings or the events re-evaluates (newer requests supersede older ones); then
 * near misses, field coverage, the selected event's explanation and the rule's test cases follow.
 * It publishes the evaluation view-model (its own slice) and the events slice's answers. What the
 * user does with the events is in events-actions.ts (`actions.events`).
 */
import { useApp } from './store.ts';
import { Superseded } from '../worker/client.ts';
import { Cancelled, type JobClient } from '../worker/job-client.ts';
import type { RuleTestCase } from '../rule/test-cases.ts';
import type { TomlTable } from '../rule/types.ts';
import { eventSettingsOf, queryFailed } from './event-settings.ts';
import { report } from './events-actions.ts';
import { eventsWorker, setActiveEventsClient } from './events-client.ts';
import { patchEvents, patchLoad } from './events.ts';
import type { RuleEntry } from './rule-entry.ts';
import { selectedEntry } from './workspace-slice.ts';
import type { EvaluationResult } from './view-models.ts';

export interface EvaluationState {
  status: 'idle' | 'running' | 'done' | 'failed';
  response: EvaluationResult | null;
  error: string | null;
  /**
   * The last response of a query that ran (no errors), with the rule and events it was for: while
   * the query being typed does not parse, its results stay on screen, marked as stale, instead of
   * vanishing and being rebuilt a keystroke later.
   */
  lastRun?: { response: EvaluationResult; entryId: string; eventsKey: string } | null;
}

export interface EvaluationData {
  /** The evaluation session's view-model: the selected rule's query over its sample events. */
  evaluation: EvaluationState;
}

export interface EvaluationActions {
  publish(evaluation: EvaluationState): void;
}

/** The results' view-models, as the panels see them (the UI does not import the worker). */
export type { EvaluationResult, NearMiss, Timeline, TimelineStep } from './view-models.ts';
export { MAX_EVENTS_PER_MATCH } from '../worker/events-protocol.ts';

export { eventsWorker } from './events-client.ts';
export { eventSettingsOf, fieldValueOf, queryFailed, ruleRunDataOf, timestampFieldOf } from './event-settings.ts';
export { MAX_TEST_EVENTS } from './events-actions.ts';

const ignorable = (err: unknown) => err instanceof Superseded || err instanceof Cancelled;

let counter = 0;

export function startLiveEvaluation(jobs: JobClient = eventsWorker()): () => void {
  setActiveEventsClient(jobs);
  let sentSource: string | Blob | null = null;
  let sentEntryId: string | null = null;
  let lastEvalInput = '';
  let lastTests: { tests: RuleTestCase[]; query: string; data: unknown } | null = null;

  const load = (source: string | Blob) => {
    const key = `events-${++counter}`;
    const emptied = source === '' || (typeof source !== 'string' && source.size === 0);
    patchEvents({ page: null, pageFrom: 0, selected: null, explain: null, insights: null, ...(emptied ? {} : { notice: null }) });
    useApp.getState().actions.highlight.clear();
    patchLoad({ key, status: 'reading', progress: null, error: null });
    jobs
      .request('load', { kind: 'load-events', eventsKey: key, source }, (progress) => {
        if (useApp.getState().load.key === key) patchLoad({ progress });
      })
      .then(
        (response) => {
          if (useApp.getState().load.key !== key) return;
          patchLoad({ status: 'done', response, progress: null });
          events().showEventsPage(0);
        },
        (err: unknown) => {
          if (useApp.getState().load.key !== key) return;
          if (err instanceof Cancelled) patchLoad({ status: 'cancelled', progress: null });
          else if (!(err instanceof Superseded)) patchLoad({ status: 'failed', progress: null, error: err instanceof Error ? err.message : String(err) });
        },
      );
    return key;
  };

  const evaluate = (entry: RuleEntry, key: string) => {
    const studio = useApp.getState();
    studio.actions.evaluation.publish({ ...studio.evaluation, status: 'running' });
    const query = entry.queryText;
    const settings = eventSettingsOf(entry);
    jobs.request('evaluate', { kind: 'evaluate', eventsKey: key, query, settings }).then(
      (response) => {
        const ran = !queryFailed(response);
        const previous = useApp.getState().evaluation.lastRun;
        const sameInputs = previous?.entryId === entry.id && previous.eventsKey === key;
        const lastRun = ran ? { response, entryId: entry.id, eventsKey: key } : sameInputs ? previous : null;
        useApp.getState().actions.evaluation.publish({ status: 'done', response, error: null, lastRun });
        useApp.setState((s) => ({ evaluations: s.evaluations + 1 }));
        // Near misses and coverage of a query that does not run would be empty: the last ones stay.
        if (ran || !sameInputs)
          jobs.request('insights', { kind: 'insights', eventsKey: key, query, settings }).then((insights) => patchEvents({ insights }), report('insights'));
        const selected = useApp.getState().selected;
        if (selected !== null) events().explainEvent(selected);
      },
      (err: unknown) => {
        // A read that was cancelled or replaced takes its evaluations with it; the next one follows.
        if (ignorable(err) || useApp.getState().load.key !== key || useApp.getState().load.status === 'cancelled') return;
        useApp.getState().actions.evaluation.publish({ status: 'failed', response: null, error: err instanceof Error ? err.message : String(err) });
      },
    );
  };

  const runTests = (entry: RuleEntry) => {
    const data = entry.rule.data as TomlTable | null;
    if (!data) return;
    const withQuery: TomlTable = { ...data, rule: { ...(data.rule as TomlTable), query: entry.queryText } };
    if (entry.tests.length === 0) return patchEvents({ tests: { outcomes: [], running: false, error: null } });
    patchEvents({ tests: { ...useApp.getState().tests, running: true } });
    jobs.request('tests', { kind: 'run-tests', data: withQuery, cases: entry.tests }).then(
      (r) => patchEvents({ tests: { outcomes: r.outcomes, running: false, error: null } }),
      (err: unknown) => {
        if (!ignorable(err)) patchEvents({ tests: { outcomes: null, running: false, error: err instanceof Error ? err.message : String(err) } });
      },
    );
  };

  const onChange = () => {
    const entry = selectedEntry(useApp.getState());
    if (!entry) return;
    const file = useApp.getState().files[entry.id];
    const source = file ? file.blob : entry.eventsText;
    if (entry.id !== sentEntryId || source !== sentSource) {
      sentEntryId = entry.id;
      sentSource = source;
      load(source);
    }
    const key = useApp.getState().load.key!;
    const settings = eventSettingsOf(entry);
    const evalInput = `${key}\u0000${entry.queryText}\u0000${JSON.stringify(settings)}`;
    if (evalInput !== lastEvalInput) {
      lastEvalInput = evalInput;
      evaluate(entry, key);
    }
    if (!lastTests || lastTests.tests !== entry.tests || lastTests.query !== entry.queryText || lastTests.data !== entry.rule.data) {
      lastTests = { tests: entry.tests, query: entry.queryText, data: entry.rule.data };
      runTests(entry);
    }
  };

  onChange();
  // What the evaluation reads of the one store: the selected entry (replaced on every edit) and the large inputs.
  return useApp.subscribe((s, prev) => {
    if (selectedEntry(s) !== selectedEntry(prev) || s.files !== prev.files) onChange();
  });
}

/** What the user does with the events (events-actions.ts): the session pages and explains through them too. */
const events = () => useApp.getState().actions.events;
