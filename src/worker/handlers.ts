/**
 * What the worker does for each request. Plain functions over the pure core, so they are tested
 * in Node without a worker.
 */
import { readEvents } from '../events/read.ts';
import { evaluate } from '../eql/run/index.ts';
import { loadRule } from '../rule/load.ts';
import { validateRule } from '../rule/validate/index.ts';
import { checkQuery } from '../eql/check/index.ts';
import type { AnalyzeRequest, AnalyzeResponse, EvaluateRequest, EvaluateResponse, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { Diagnostic } from '../diagnostic.ts';

interface ParsedEvents {
  key: string;
  events: object[];
  diagnostics: Diagnostic[];
}

/** Parsed events are kept between requests: re-parsing 100 MB on every keystroke is not an option. */
let lastEvents: ParsedEvents | null = null;

function eventsFor(request: EvaluateRequest): ParsedEvents {
  if (lastEvents?.key === request.eventsKey) return lastEvents;
  if (request.eventsText === undefined) throw new Error(`events ${request.eventsKey} are not loaded in the worker`);
  const { events, diagnostics } = readEvents(request.eventsText);
  lastEvents = { key: request.eventsKey, events, diagnostics };
  return lastEvents;
}

export function handleEvaluate(request: EvaluateRequest, now: () => number = () => performance.now()): EvaluateResponse {
  const started = now();
  const parsed = eventsFor(request);
  const { settings } = request;
  const result = evaluate(request.query, parsed.events, {
    timestampField: settings.timestampField || '@timestamp',
    eventCategoryField: settings.eventCategoryField || 'event.category',
    tiebreakerField: settings.tiebreakerField || undefined,
    size: settings.size,
  });
  const matchedEvents: Record<number, unknown> = {};
  for (const match of result.matches) {
    for (const index of match.events) if (index !== null) matchedEvents[index] = parsed.events[index];
  }
  return {
    kind: 'evaluate',
    result,
    eventCount: parsed.events.length,
    eventDiagnostics: parsed.diagnostics,
    matchedEvents,
    millis: now() - started,
  };
}

function ruleSettings(data: Record<string, unknown> | null) {
  const rule = (data?.rule ?? {}) as Record<string, unknown>;
  const metadata = (data?.metadata ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    query: str(rule.query),
    language: str(rule.language),
    stackVersion: str(metadata.min_stack_version),
    integrations: Array.isArray(metadata.integration) ? metadata.integration.filter((i): i is string => typeof i === 'string') : undefined,
    indexPatterns: Array.isArray(rule.index) ? rule.index.filter((i): i is string => typeof i === 'string') : undefined,
    timestampField: str(rule.timestamp_override) ?? '@timestamp',
    eventCategoryField: str(rule.event_category_override),
    tiebreakerField: str(rule.tiebreaker_field),
  };
}

export function handleAnalyze(request: AnalyzeRequest): AnalyzeResponse {
  const rule = loadRule(request.ruleText, request.path);
  if (!rule.data) return { kind: 'analyze', ruleDiagnostics: rule.diagnostics, queryDiagnostics: [] };
  const settings = ruleSettings(rule.data);
  // Query problems are reported against the query editor, so keep only the rule-level ones here.
  const ruleDiagnostics = validateRule(rule).filter((d) => !d.code.startsWith('rule/query/'));
  const queryDiagnostics =
    settings.query !== undefined && settings.language === 'eql'
      ? checkQuery(settings.query, {
          stackVersion: settings.stackVersion,
          indexPatterns: settings.indexPatterns,
          integrations: settings.integrations,
          timestampField: settings.timestampField,
          eventCategoryField: settings.eventCategoryField,
          tiebreakerField: settings.tiebreakerField,
        }).diagnostics
      : [];
  return { kind: 'analyze', ruleDiagnostics: [...rule.diagnostics, ...ruleDiagnostics], queryDiagnostics };
}

export function handleRequest(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'evaluate':
      return handleEvaluate(request);
    case 'analyze':
      return handleAnalyze(request);
  }
}
