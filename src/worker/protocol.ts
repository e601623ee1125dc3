/**
 * Typed messages between the UI and the analysis worker (rule and query analysis). Every request carries an id; requests
 * with the same `key` supersede each other (only the newest is run, older ones are answered
 * with `superseded`). A query request names its language (the rule's `language` value), and
 * that language's service answers it (src/languages/registry.ts).
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { CompletionItem, Hover, QueryContext, SignatureHelp } from '../languages/language.ts';
import type { RpcMessage, RpcReply } from './rpc.ts';

/**
 * What the language service needs to know about the rule around the query (a prebuilt schema
 * cannot cross to the worker: the worker builds and caches its own).
 */
export type { QueryContext };

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
  /** The rule's `language` value (unset: EQL). */
  language?: string;
  query: string;
  context: QueryContext;
}
export interface CheckResponse {
  kind: 'check';
  diagnostics: Diagnostic[];
}

export interface CompleteRequest {
  kind: 'complete';
  /** The rule's `language` value (unset: EQL). */
  language?: string;
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
  /** The rule's `language` value (unset: EQL). */
  language?: string;
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
  /** The rule's `language` value (unset: EQL). */
  language?: string;
  query: string;
  offset: number;
}
export interface SignatureResponse {
  kind: 'signature';
  help: SignatureHelp | null;
}

export interface FormatRequest {
  kind: 'format';
  /** The rule's `language` value (unset: EQL). */
  language?: string;
  query: string;
}
export interface FormatResponse {
  kind: 'format';
  /** The formatted query, or null when it has syntax errors. */
  text: string | null;
}

export type WorkerRequest = AnalyzeRequest | CheckRequest | CompleteRequest | HoverRequest | SignatureRequest | FormatRequest;
export type WorkerResponse = AnalyzeResponse | CheckResponse | CompleteResponse | HoverResponse | SignatureResponse | FormatResponse;

/** The analysis worker speaks the one RPC wire (rpc.ts): no progress, cancel only before a request runs. */
export type AnalysisMessage = RpcMessage<WorkerRequest>;
export type AnalysisReply = RpcReply<WorkerResponse>;
