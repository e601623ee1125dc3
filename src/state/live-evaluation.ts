/**
 * Keeps the events worker in step with the store: a changed input is read (in steps, with
 * progress, cancellable); every change of the query, its language and settings or the events re-evaluates
 * (newer requests supersede older ones); then near misses, field coverage, the selected event's
 * explanation and the rule's test cases follow.
 */
import { useApp } from './store.ts';
import { Superseded } from '../worker/client.ts';
import { Cancelled, JobClient } from '../worker/job-client.ts';
import type { EventSettings } from '../worker/events-protocol.ts';
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
/** The results panels' older name of EvaluationResult (the view-model, not the worker's message). */
export type EvaluateEventsResponse = EvaluationResult;
export { MAX_EVENTS_PER_MATCH } from '../worker/events-protocol.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import { getField, splitFieldName } from '../events/field.ts';
import type { RuleTestCase } from '../rule/test-cases.ts';
import type { TomlTable } from '../rule/types.ts';
import { selectedEntry } from './studio.ts';
import type { RuleEntry } from './rule-entry.ts';
import { EDITABLE_INPUT_BYTES, EVENTS_PAGE, LARGE_INPUT_CHARS, patchEvents, patchLoad, textToBlob } from './events.ts';
import { clausesOf } from './highlight.ts';

let client: JobClient | null = null;

export function eventsWorker(): JobClient {
  if (!client) {
    const worker = new Worker(new URL('../worker/events.worker.ts', import.meta.url), { type: 'module', name: 'rule-studio-events' });
    client = new JobClient(worker);
  }
  return client;
}

/**
 * The evaluation settings of a rule: its query's language, whose evaluator runs it, and the
 * schema context the query is checked in (the same as the editor's check), so a query
 * Elasticsearch would reject is not run.
 */
export function eventSettingsOf(entry: RuleEntry): EventSettings {
  const data = entry.rule.data as TomlTable | null | undefined;
  const { timestampField, eventCategoryField, tiebreakerField, language, stackVersion, indexPatterns, integrations } = querySettingsOf(data);
  const settings: EventSettings = { language, timestampField, eventCategoryField, tiebreakerField, schema: { stackVersion, indexPatterns, integrations } };
  // A KQL rule runs as its type (threshold, new terms, indicator match) with its filters and window.
  if (language === 'kuery' && data) settings.rule = ruleRunDataOf(data);
  return settings;
}

/** The rule's fields a rule type's run reads (rule/preview), and no others: an edit elsewhere does not re-run it. */
const RUN_FIELDS = [
  'type',
  'language',
  'index',
  'from',
  'to',
  'interval',
  'timestamp_override',
  'timestamp_override_fallback_disabled',
  'event_category_override',
  'tiebreaker_field',
  'filters',
  'threshold',
  'new_terms',
  'threat_index',
  'threat_query',
  'threat_language',
  'threat_filters',
  'threat_mapping',
  'threat_indicator_path',
] as const;

/** `{metadata, rule}` with the fields a rule type's run reads, as plain data (the query travels apart). */
export function ruleRunDataOf(data: TomlTable): TomlTable {
  const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v);
  const rule = isTable(data.rule) ? data.rule : {};
  const metadata = isTable(data.metadata) ? data.metadata : {};
  const picked: TomlTable = {};
  for (const key of RUN_FIELDS) if (rule[key] !== undefined) picked[key] = rule[key];
  const meta: TomlTable = {};
  if (metadata.min_stack_version !== undefined) meta.min_stack_version = metadata.min_stack_version;
  if (metadata.integration !== undefined) meta.integration = metadata.integration;
  return { metadata: meta, rule: picked };
}

/** The rule's timestamp field: the first column of the results. */
export function timestampFieldOf(data: TomlTable | null | undefined): string {
  return querySettingsOf(data).timestampField;
}

/** An event's value of a dotted field name (nested or flattened), as the results table shows it. */
export function fieldValueOf(event: unknown, field: string): unknown {
  return getField(event, splitFieldName(field));
}

const ignorable = (err: unknown) => err instanceof Superseded || err instanceof Cancelled;

function report(what: string) {
  return (err: unknown) => {
    if (!ignorable(err)) console.error(`${what} failed`, err);
  };
}

let counter = 0;

/** Whether the query could not run (syntax or other errors): its result then has no matches to show. */
export function queryFailed(response: EvaluationResult | null | undefined): boolean {
  return !response?.result || response.result.diagnostics.some((d) => d.severity === 'error');
}

export function startLiveEvaluation(jobs: JobClient = eventsWorker()): () => void {
  client = jobs;
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
          showEventsPage(0);
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
        if (selected !== null) explain(selected);
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

function current(): { entry: RuleEntry; key: string } | null {
  const entry = selectedEntry(useApp.getState());
  const key = useApp.getState().load.key;
  return entry && key ? { entry, key } : null;
}

/** Loads a page of the events list (timestamp, category, missing-timestamp flag per event). */
export function showEventsPage(from: number): void {
  const at = current();
  if (!at || !client) return;
  client.request('list-events', { kind: 'list-events', eventsKey: at.key, from, count: EVENTS_PAGE, settings: eventSettingsOf(at.entry) }).then((page) => {
    if (useApp.getState().load.key === at.key) patchEvents({ page, pageFrom: from });
  }, report('events list'));
}

/** Selects an event (or none): its clauses are explained and highlighted in the query. */
export function selectEvent(index: number | null): void {
  patchEvents({ selected: index, explain: index === null ? null : useApp.getState().explain });
  if (index === null) return useApp.getState().actions.highlight.clear();
  explain(index);
}

function explain(index: number): void {
  const at = current();
  if (!at || !client) return;
  const query = at.entry.queryText;
  client.request('explain', { kind: 'explain', eventsKey: at.key, query, settings: eventSettingsOf(at.entry), index }).then((response) => {
    if (useApp.getState().selected !== index) return;
    patchEvents({ explain: response });
    if (response.tree) useApp.getState().actions.highlight.set(query, index, clausesOf(response.tree, query));
    else useApp.getState().actions.highlight.clear();
  }, report('explain'));
}

/** Typed or pasted text: small text stays editable in the textarea; large text becomes a Blob. */
export function setEventsText(text: string): void {
  const entry = selectedEntry(useApp.getState());
  if (!entry) return;
  if (text.length > LARGE_INPUT_CHARS) return void setLargeText(text, 'pasted events');
  preparation++;
  dropFile(entry.id);
  useApp.getState().actions.rules.setEventsText(text);
}

/** Bumped by a cancel or a newer input: a large paste still being encoded is then dropped. */
let preparation = 0;

async function setLargeText(text: string, name: string): Promise<void> {
  const mine = ++preparation;
  patchLoad({ status: 'preparing', progress: { done: 0, total: text.length, events: 0 } });
  const blob = await textToBlob(text, (fraction) => {
    if (mine === preparation) patchLoad({ progress: { done: Math.round(fraction * text.length), total: text.length, events: 0 } });
  });
  if (mine === preparation) void setEventsFile(blob, name);
}

/** A file (picked or dropped): a small one is shown as text, a large one summarised. */
export async function setEventsFile(blob: Blob, name: string): Promise<void> {
  const entry = selectedEntry(useApp.getState());
  if (!entry) return;
  if (blob.size <= LARGE_INPUT_CHARS) {
    const text = await blob.text();
    dropFile(entry.id);
    useApp.getState().actions.rules.setEventsText(text);
    return;
  }
  // Order matters: the file first, then the (small) text cleared, so no moment reads both.
  useApp.setState((s) => ({ files: { ...s.files, [entry.id]: { blob, name } } }));
  if (entry.eventsText !== '') useApp.getState().actions.rules.setEventsText('');
}

function dropFile(entryId: string): void {
  if (!useApp.getState().files[entryId]) return;
  useApp.setState((s) => {
    const files = { ...s.files };
    delete files[entryId];
    return { files };
  });
}

/** Stops reading a large input; the input is dropped (the events become empty). */
export function cancelReading(): void {
  preparation++;
  client?.cancel('load');
  const entry = selectedEntry(useApp.getState());
  if (entry) {
    dropFile(entry.id);
    useApp.getState().actions.rules.setEventsText('');
  }
  patchEvents({ notice: 'Reading was cancelled; no events are loaded.' });
}

/** Moves a large input that is still small enough into the textarea. */
export async function editFileAsText(): Promise<void> {
  const entry = selectedEntry(useApp.getState());
  const file = entry && useApp.getState().files[entry.id];
  if (!entry || !file || file.blob.size > EDITABLE_INPUT_BYTES) return;
  const text = await file.blob.text();
  dropFile(entry.id);
  useApp.getState().actions.rules.setEventsText(text);
}

export const MAX_TEST_EVENTS = 1000;

/**
 * Adds the current events, with the current matches as the expectation, as a test case of the
 * selected rule. Returns why not when it cannot.
 */
export async function saveEventsAsTest(name: string): Promise<string | null> {
  const at = current();
  if (!at || !client) return 'No events are loaded.';
  const trimmed = name.trim();
  if (!trimmed) return 'Give the test a title.';
  if (at.entry.tests.some((t) => t.name === trimmed)) return `A test named “${trimmed}” exists already.`;
  const snap = await client.request('snapshot', {
    kind: 'snapshot',
    eventsKey: at.key,
    query: at.entry.queryText,
    settings: eventSettingsOf(at.entry),
    maxEvents: MAX_TEST_EVENTS,
  });
  if (!snap.events) return `A test case holds at most ${MAX_TEST_EVENTS} events; these are ${snap.eventCount}.`;
  const testCase: RuleTestCase = { name: trimmed, events: snap.events, expect: snap.expect };
  useApp.setState((s) => ({ rules: s.rules.map((e) => (e.id === at.entry.id ? { ...e, tests: [...e.tests, testCase] } : e)) }));
  return null;
}
