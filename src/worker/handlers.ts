/**
 * What the worker does for each request. Plain functions over the pure core, so they are tested
 * in Node without a worker.
 */
import { readEvents } from '../events/read.ts';
import { evaluate } from '../eql/run/index.ts';
import { loadRule } from '../rule/load.ts';
import { validateRule } from '../rule/validate/index.ts';
import { checkQuery } from '../eql/check/index.ts';
import { completionsAt, hoverAt, signatureHelpAt } from '../eql/check/service.ts';
import { formatQuery } from '../eql/syntax/printer.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import type { AnalyzeRequest, AnalyzeResponse, CheckRequest, CheckResponse, EvaluateRequest, EvaluateResponse, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { Diagnostic } from '../diagnostic.ts';

interface ParsedEvents {
  key: string;
  events: object[];
  diagnostics: Diagnostic[];
  /** Field paths present in the events, computed on first use (completion ranks them first). */
  seenFields?: string[];
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

const SEEN_FIELDS_SAMPLE = 500;

function collectPaths(value: unknown, prefix: string, into: Set<string>): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (prefix) into.add(prefix);
    return;
  }
  for (const [key, child] of Object.entries(value)) collectPaths(child, prefix ? `${prefix}.${key}` : key, into);
}

/** Fields of the sample events (a bounded sample: completion needs names, not counts). */
function seenFields(): string[] | undefined {
  if (!lastEvents) return undefined;
  if (!lastEvents.seenFields) {
    const paths = new Set<string>();
    for (const event of lastEvents.events.slice(0, SEEN_FIELDS_SAMPLE)) collectPaths(event, '', paths);
    lastEvents.seenFields = [...paths].sort();
  }
  return lastEvents.seenFields;
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

export function handleAnalyze(request: AnalyzeRequest): AnalyzeResponse {
  const rule = loadRule(request.ruleText, request.path);
  if (!rule.data) return { kind: 'analyze', ruleDiagnostics: rule.diagnostics, queryDiagnostics: [] };
  // An EQL query is checked by `check` (ranges in the query, not the file), so skip it here.
  const ruleDiagnostics = validateRule(rule, { skipQueryLayer: querySettingsOf(rule.data).language === 'eql' });
  return { kind: 'analyze', ruleDiagnostics: [...rule.diagnostics, ...ruleDiagnostics], queryDiagnostics: [] };
}

export function handleCheck(request: CheckRequest): CheckResponse {
  return { kind: 'check', diagnostics: checkQuery(request.query, request.context).diagnostics };
}

export function handleRequest(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'evaluate':
      return handleEvaluate(request);
    case 'analyze':
      return handleAnalyze(request);
    case 'check':
      return handleCheck(request);
    case 'complete':
      return {
        kind: 'complete',
        items: completionsAt(request.query, request.offset, { ...request.context, seenFields: request.context.seenFields ?? seenFields() }),
      };
    case 'hover':
      return { kind: 'hover', hover: hoverAt(request.query, request.offset, request.context) };
    case 'signature':
      return { kind: 'signature', help: signatureHelpAt(request.query, request.offset) };
    case 'format':
      return { kind: 'format', text: formatQuery(request.query) };
  }
}
