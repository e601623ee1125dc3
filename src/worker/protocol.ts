/**
 * Typed messages between the UI and the analysis worker (rule and query analysis). Every request carries an id; requests
 * with the same `key` supersede each other (only the newest is run, older ones are answered
 * with `superseded`).
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { CompletionItem, Hover, ServiceOptions, SignatureHelp } from '../eql/check/service.ts';

export interface AnalyzeRequest {
  kind: 'analyze';
  ruleText: string;
  path?: string;
}

export interface AnalyzeResponse {
  kind: 'analyze';
  /** Rule diagnostics: ranges are offsets in the TOML text. */
  ruleDiagnostics: Diagnostic[];
  /** Query diagnostics: ranges are offsets in the query string (filled by `check`). */
  queryDiagnostics: Diagnostic[];
}

/** Checks the query alone: cheap enough for every keystroke. */
export interface CheckRequest {
  kind: 'check';
  query: string;
  context: QueryContext;
}
export interface CheckResponse {
  kind: 'check';
  diagnostics: Diagnostic[];
}

/**
 * What the language service needs to know about the rule around the query (a prebuilt schema
 * cannot cross to the worker: the worker builds and caches its own).
 */
export type QueryContext = Omit<ServiceOptions, 'schema'>;

export interface CompleteRequest {
  kind: 'complete';
  query: string;
  offset: number;
  context: QueryContext;
}
export interface CompleteResponse {
  kind: 'complete';
  items: CompletionItem[];
}

export interface HoverRequest {
  kind: 'hover';
  query: string;
  offset: number;
  context: QueryContext;
}
export interface HoverResponse {
  kind: 'hover';
  hover: Hover | null;
}

export interface SignatureRequest {
  kind: 'signature';
  query: string;
  offset: number;
}
export interface SignatureResponse {
  kind: 'signature';
  help: SignatureHelp | null;
}

export interface FormatRequest {
  kind: 'format';
  query: string;
}
export interface FormatResponse {
  kind: 'format';
  /** The formatted query, or null when it has syntax errors. */
  text: string | null;
}

export type WorkerRequest = AnalyzeRequest | CheckRequest | CompleteRequest | HoverRequest | SignatureRequest | FormatRequest;
export type WorkerResponse = AnalyzeResponse | CheckResponse | CompleteResponse | HoverResponse | SignatureResponse | FormatResponse;

export interface RequestEnvelope {
  id: number;
  key: string;
  request: WorkerRequest;
}

export type ResponseEnvelope = { id: number; ok: true; response: WorkerResponse } | { id: number; ok: false; superseded?: boolean; error?: string };
