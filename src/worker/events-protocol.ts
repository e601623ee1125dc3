/**
 * Messages of the events worker: it holds the parsed sample events (read in steps, with
 * progress and cancel) and runs everything that needs them: evaluation, explanations, near
 * misses, field coverage and the rule's test cases. Kept apart from the analysis worker so a
 * long evaluation never delays completion or diagnostics in the query editor.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { SequenceTraceKind } from '../eql/run/types.ts';
import type { EvaluationSettings, ExplainNode, NearMiss, RunResult } from '../languages/language.ts';
import type { EventRow } from '../events/overview.ts';
import type { EventsFormat, ReadProgress } from '../events/read.ts';
import type { RuleTestCase } from '../rule/test-cases.ts';
import type { CaseOutcome } from '../rule/run-tests.ts';
import type { TomlTable } from '../rule/types.ts';
import type { FieldValuesRequest, FieldValuesResponse } from './field-values.ts';

/** How the rule's query runs: its language (the rule's `language`, unset: EQL) and that language's settings. */
export interface EventSettings extends EvaluationSettings {
  language?: string;
}

export type SchemaContext = NonNullable<EvaluationSettings['schema']>;

export interface LoadEventsRequest {
  kind: 'load-events';
  eventsKey: string;
  /** Small inputs come as text; large ones as a Blob (a file, or a paste kept out of the page's heap). */
  source: string | Blob;
}
export interface LoadEventsResponse {
  kind: 'load-events';
  eventsKey: string;
  eventCount: number;
  format: EventsFormat;
  diagnostics: Diagnostic[];
  skipped: number;
  /** Size of the input: bytes of a Blob, characters of a text. */
  size: number;
  /** Field paths of the first events (completion ranks them first). */
  seenFields: string[];
  millis: number;
}

export interface ListEventsRequest {
  kind: 'list-events';
  eventsKey: string;
  from: number;
  count: number;
  settings: EventSettings;
}
export interface ListEventsResponse {
  kind: 'list-events';
  rows: EventRow[];
  total: number;
  /** Events without the timestamp field (they cannot be ordered). */
  missingTimestamp: number;
}

export interface EvaluateEventsRequest {
  kind: 'evaluate';
  eventsKey: string;
  query: string;
  settings: EventSettings;
}
/** An evaluation's result plus what the results table needs. */
export interface EvaluateEventsResponse {
  kind: 'evaluate';
  /** Matches beyond the first `MAX_SHOWN_MATCHES` are counted, not sent. A KQL rule's: its type's matches. */
  result: RunResult | null;
  totalMatches: number;
  eventCount: number;
  eventDiagnostics: Diagnostic[];
  matchedEvents: Record<number, unknown>;
  /** Fields the query reads: the table's columns. */
  queryFields: string[];
  /** Names of the join keys, in the order of each match's `joinKeys`. */
  joinKeyNames: string[];
  millis: number;
}

export interface ExplainRequest {
  kind: 'explain';
  eventsKey: string;
  query: string;
  settings: EventSettings;
  index: number;
}
export interface TimelineStep {
  kind: SequenceTraceKind;
  stage: number;
  event: number;
  events: number[];
}
export interface Timeline {
  /** Join key values of the partial sequences. */
  key: unknown[];
  steps: TimelineStep[];
  /** Steps of this join key before the ones shown, and after them. */
  earlier: number;
  more: number;
}
export interface ExplainResponse {
  kind: 'explain';
  index: number;
  query: string;
  event: unknown;
  tree: ExplainNode | null;
  /** Sequences: the partial-sequence history of each join key this event took part in. */
  timelines: Timeline[] | null;
}

export interface InsightsRequest {
  kind: 'insights';
  eventsKey: string;
  query: string;
  settings: EventSettings;
}
/** An event one condition away from matching a filter (the definition: eql/run/near-miss.ts). */
export type { NearMiss };
export interface InsightsResponse {
  kind: 'insights';
  query: string;
  nearMisses: NearMiss[];
  nearMissCount: number;
  /** Fields the query reads that no sample event has, one warning each (ranges in the query). */
  coverage: Diagnostic[];
}

export interface RunTestsRequest {
  kind: 'run-tests';
  /** The rule's data with the query as typed. */
  data: TomlTable;
  cases: RuleTestCase[];
}
export interface RunTestsResponse {
  kind: 'run-tests';
  outcomes: CaseOutcome[];
}

export interface SnapshotRequest {
  kind: 'snapshot';
  eventsKey: string;
  query: string;
  settings: EventSettings;
  /** Refuse beyond this many events: a test case should stay small and readable. */
  maxEvents: number;
}
export interface SnapshotResponse {
  kind: 'snapshot';
  events: object[] | null;
  expect: (number | null)[][];
  eventCount: number;
}

export type EventsWorkerRequest =
  | LoadEventsRequest
  | ListEventsRequest
  | EvaluateEventsRequest
  | ExplainRequest
  | InsightsRequest
  | RunTestsRequest
  | SnapshotRequest
  | FieldValuesRequest;
export type EventsWorkerResponse =
  | LoadEventsResponse
  | ListEventsResponse
  | EvaluateEventsResponse
  | ExplainResponse
  | InsightsResponse
  | RunTestsResponse
  | SnapshotResponse
  | FieldValuesResponse;

export type JobMessage = { type: 'request'; id: number; key: string; request: EventsWorkerRequest } | { type: 'cancel'; id: number };

export type JobReply =
  | { id: number; type: 'progress'; progress: ReadProgress }
  | { id: number; type: 'done'; response: EventsWorkerResponse }
  | { id: number; type: 'failed'; reason: 'superseded' | 'cancelled' | 'error'; error?: string };

export const MAX_SHOWN_MATCHES = 200;
/** Events of one match whose bodies are sent (a threshold group may hold thousands; the rest are positions). */
export const MAX_EVENTS_PER_MATCH = 50;
