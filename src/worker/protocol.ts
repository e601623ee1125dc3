/**
 * Typed messages between the UI and the analysis worker. Every request carries an id; requests
 * with the same `key` supersede each other (only the newest is run, older ones are answered
 * with `superseded`).
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { EvalResult } from '../eql/run/types.ts';

export interface EvaluateSettings {
  timestampField?: string;
  eventCategoryField?: string;
  tiebreakerField?: string;
  size?: number;
}

export interface EvaluateRequest {
  kind: 'evaluate';
  query: string;
  /** Identifies the events text: the worker keeps the parsed events of the last key it saw. */
  eventsKey: string;
  /** Sent when the worker may not have this key parsed yet. */
  eventsText?: string;
  settings: EvaluateSettings;
}

export interface EvaluateResponse {
  kind: 'evaluate';
  result: EvalResult | null;
  eventCount: number;
  /** Problems with the events (bad NDJSON lines…). */
  eventDiagnostics: Diagnostic[];
  /** The events that matched, by position, so the UI need not keep its own parsed copy. */
  matchedEvents: Record<number, unknown>;
  millis: number;
}

export interface AnalyzeRequest {
  kind: 'analyze';
  ruleText: string;
  path?: string;
}

export interface AnalyzeResponse {
  kind: 'analyze';
  /** Rule diagnostics: ranges are offsets in the TOML text. */
  ruleDiagnostics: Diagnostic[];
  /** Query diagnostics: ranges are offsets in the query string. */
  queryDiagnostics: Diagnostic[];
}

export type WorkerRequest = EvaluateRequest | AnalyzeRequest;
export type WorkerResponse = EvaluateResponse | AnalyzeResponse;

export interface RequestEnvelope {
  id: number;
  key: string;
  request: WorkerRequest;
}

export type ResponseEnvelope =
  | { id: number; ok: true; response: WorkerResponse }
  | { id: number; ok: false; superseded?: boolean; error?: string };
