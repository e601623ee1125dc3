/**
 * What the events worker does for each request. The parsed events of the latest input are kept
 * (re-reading 100 MB per keystroke is not an option), together with answers derived from them
 * that do not depend on the query (field paths, events without a timestamp). The query is run
 * by its language's evaluator (src/languages), compiled once per edit. Plain functions and a
 * store object, so they run in Node tests without a worker.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { SequenceTraceEntry } from '../eql/run/types.ts';
import { EventsReader, type EventsFormat, type ReadProgress } from '../events/read.ts';
import { eventRow, fieldPathsOf, fieldsMissingFrom } from '../events/overview.ts';
import { getField, splitFieldName } from '../events/field.ts';
import type { CompiledLanguageQuery, RunResult } from '../languages/language.ts';
import { languageFor } from '../languages/registry.ts';
import { runTestCase } from '../rule/run-tests.ts';
import {
  MAX_EVENTS_PER_MATCH,
  MAX_SHOWN_MATCHES,
  type EvaluateEventsRequest,
  type EvaluateEventsResponse,
  type EventSettings,
  type ExplainRequest,
  type ExplainResponse,
  type InsightsRequest,
  type InsightsResponse,
  type ListEventsRequest,
  type ListEventsResponse,
  type LoadEventsRequest,
  type LoadEventsResponse,
  type RunTestsRequest,
  type RunTestsResponse,
  type SnapshotRequest,
  type SnapshotResponse,
  type Timeline,
} from './events-protocol.ts';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface JobContext {
  progress(p: ReadProgress): void;
  /** True once the request was cancelled or superseded: long jobs stop at the next step. */
  stale(): boolean;
  /** Lets queued messages (a cancel, a newer request) in between steps. */
  pause(): Promise<void>;
}

export interface LoadedEvents {
  key: string;
  events: object[];
  diagnostics: Diagnostic[];
  format: EventsFormat;
  skipped: number;
  size: number;
  /** Answers that depend only on the events, computed on first use. */
  memo: Map<string, unknown>;
}

function memo<T>(loaded: LoadedEvents, key: string, compute: () => T): T {
  if (loaded.memo.has(key)) return loaded.memo.get(key) as T;
  const value = compute();
  // Query-dependent entries (traces) are few but large: keep only the latest of each kind.
  const kind = key.slice(0, key.indexOf(':') + 1);
  if (kind) for (const k of loaded.memo.keys()) if (k.startsWith(kind)) loaded.memo.delete(k);
  loaded.memo.set(key, value);
  return value;
}

const SEEN_FIELDS_SAMPLE = 500;
/** Input read per step: bytes of a Blob, characters of a text. */
const READ_SLICE = 1 << 20;

/** Field paths of a bounded sample of the events: completion needs names, not counts. */
function seenFieldsOf(events: readonly object[]): string[] {
  return [...fieldPathsOf(events.slice(0, SEEN_FIELDS_SAMPLE))].sort();
}

/** The events of the latest input; a newer load replaces them when it completes. */
export class EventStore {
  private current: LoadedEvents | null = null;
  private pending = new Map<string, Promise<LoadedEvents>>();

  async load(request: LoadEventsRequest, ctx: JobContext): Promise<LoadEventsResponse> {
    const started = performance.now();
    const job = this.read(request, ctx);
    this.pending.set(request.eventsKey, job);
    try {
      const loaded = await job;
      if (ctx.stale()) throw new Cancelled();
      this.current = loaded;
      return {
        kind: 'load-events',
        eventsKey: loaded.key,
        eventCount: loaded.events.length,
        format: loaded.format,
        diagnostics: loaded.diagnostics,
        skipped: loaded.skipped,
        size: loaded.size,
        seenFields: seenFieldsOf(loaded.events),
        millis: performance.now() - started,
      };
    } finally {
      this.pending.delete(request.eventsKey);
    }
  }

  /**
   * Reads the input a slice at a time through one `EventsReader`: a Blob is decoded slice by
   * slice, so the whole text never sits in the worker's heap next to the events parsed from it
   * (the heap's peak, which the engine keeps long after, stays near the events' own size).
   */
  private async read(request: LoadEventsRequest, ctx: JobContext): Promise<LoadedEvents> {
    const { source } = request;
    const reader = new EventsReader();
    const total = typeof source === 'string' ? source.length : source.size;
    const decoder = new TextDecoder();
    for (let from = 0; from < total; from += READ_SLICE) {
      const to = Math.min(total, from + READ_SLICE);
      if (typeof source === 'string') reader.push(source.slice(from, to));
      else reader.push(decoder.decode(await source.slice(from, to).arrayBuffer(), { stream: to < total }));
      if (to < total) {
        ctx.progress({ done: to, total, events: reader.eventCount });
        await ctx.pause();
      }
      if (ctx.stale()) throw new Cancelled();
    }
    const { events, diagnostics, format, skipped } = reader.end();
    return { key: request.eventsKey, events, diagnostics, format, skipped, size: total, memo: new Map() };
  }

  /** The events for `key`, waiting for them while they are being read. */
  async get(key: string): Promise<LoadedEvents> {
    if (this.current?.key === key) return this.current;
    const pending = this.pending.get(key);
    if (pending) return pending;
    throw new Error(`events ${key} are not loaded`);
  }

  /** Synchronous access for tests. */
  peek(): LoadedEvents | null {
    return this.current;
  }
}

let lastCompiled: { key: string; compiled: CompiledLanguageQuery } | null = null;

/**
 * The query parsed and checked once per (language, text, settings) by its language's evaluator,
 * with the same check as the editor's Problems (so "the query has N errors" counts what Problems
 * lists): evaluation, insights, explanations and snapshots of one edit share it (the last one is
 * kept), and it compiles its closures once per event array.
 */
export function compiledQuery(query: string, settings: EventSettings): CompiledLanguageQuery {
  const key = `${query}\u0000${JSON.stringify(settings)}`;
  if (lastCompiled?.key === key) return lastCompiled.compiled;
  const { language, ...evaluation } = settings;
  const compiled = languageFor(language).evaluator.compile(query, evaluation);
  lastCompiled = { key, compiled };
  return compiled;
}

export function listEvents(loaded: LoadedEvents, request: ListEventsRequest): ListEventsResponse {
  const { timestampField, eventCategoryField } = request.settings;
  const missingTimestamp = memo(loaded, `missing-ts:${timestampField}`, () => {
    const path = splitFieldName(timestampField);
    let n = 0;
    for (const e of loaded.events) {
      const v = getField(e, path);
      if (v === undefined || v === null) n++;
    }
    return n;
  });
  const end = Math.min(loaded.events.length, request.from + request.count);
  const rows = [];
  for (let i = Math.max(0, request.from); i < end; i++) rows.push(eventRow(loaded.events[i], i, timestampField, eventCategoryField));
  return { kind: 'list-events', rows, total: loaded.events.length, missingTimestamp };
}

/** Distinct field names the query reads, first appearance first: the table's columns. */
function fieldNamesOf(compiled: CompiledLanguageQuery): string[] {
  return [...new Set(compiled.fieldReferences.map((r) => r.name))];
}

export function evaluateEvents(loaded: LoadedEvents, request: EvaluateEventsRequest): EvaluateEventsResponse {
  const started = performance.now();
  const compiled = compiledQuery(request.query, request.settings);
  // A query with errors is not run, whichever check found them; its result then holds them.
  const result: RunResult = compiled.run(loaded.events);
  const totalMatches = result.matches.length;
  // Only the matches the page shows cross to it: cloning 50,000 matches would block the page.
  const shown = totalMatches > MAX_SHOWN_MATCHES ? { ...result, matches: result.matches.slice(0, MAX_SHOWN_MATCHES) } : result;
  const matchedEvents: Record<number, unknown> = {};
  for (const match of shown.matches) for (const i of match.events.slice(0, MAX_EVENTS_PER_MATCH)) if (i !== null) matchedEvents[i] = loaded.events[i];
  return {
    kind: 'evaluate',
    result: shown,
    totalMatches,
    eventCount: loaded.events.length,
    eventDiagnostics: loaded.diagnostics,
    matchedEvents,
    queryFields: fieldNamesOf(compiled),
    joinKeyNames: [...compiled.joinKeyNames],
    millis: performance.now() - started,
  };
}

const MAX_TIMELINES = 5;
/** Steps shown per timeline: from a few before the event's first step on (DOM stays small). */
const MAX_STEPS = 50;
const STEPS_BEFORE = 10;

/** A sequence trace grouped by join key (computed once per query, then reused per selection). */
type TraceByKey = Map<string, { key: unknown[]; steps: SequenceTraceEntry[] }>;

function traceByKey(trace: SequenceTraceEntry[]): TraceByKey {
  const groups: TraceByKey = new Map();
  for (const t of trace) {
    const k = JSON.stringify(t.key);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = { key: t.key, steps: [] }));
    group.steps.push(t);
  }
  return groups;
}

/**
 * The partial-sequence history of each join key the event took part in, as a window that opens
 * a few steps before the event's first step: what came before it (a partial that expired, one
 * it replaced) and what followed.
 */
function timelinesFor(groups: TraceByKey, index: number): Timeline[] {
  const timelines: Timeline[] = [];
  for (const { key, steps } of groups.values()) {
    const first = steps.findIndex((t) => t.event === index || t.events.includes(index));
    if (first < 0) continue;
    const from = Math.max(0, first - STEPS_BEFORE);
    const shown = steps.slice(from, from + MAX_STEPS);
    timelines.push({
      key,
      steps: shown.map((t) => ({ kind: t.kind, stage: t.stage, event: t.event, events: t.events })),
      earlier: from,
      more: steps.length - from - shown.length,
    });
    if (timelines.length >= MAX_TIMELINES) break;
  }
  return timelines;
}

export function explain(loaded: LoadedEvents, request: ExplainRequest): ExplainResponse {
  const event = loaded.events[request.index];
  const base = { kind: 'explain' as const, index: request.index, query: request.query, event: event ?? null };
  const compiled = compiledQuery(request.query, request.settings);
  const tree = event ? compiled.explain(loaded.events, request.index) : null;
  if (!tree) return { ...base, tree: null, timelines: null };
  let timelines: Timeline[] | null = null;
  if (compiled.resultKind === 'sequences') {
    const groups = memo(loaded, `trace:${request.query}\u0000${JSON.stringify(request.settings)}`, () =>
      traceByKey(compiled.run(loaded.events, { trace: true }).trace ?? []),
    );
    timelines = timelinesFor(groups, request.index);
  }
  return { ...base, tree, timelines };
}

const MAX_NEAR_MISSES = 50;

export function insights(loaded: LoadedEvents, request: InsightsRequest): InsightsResponse {
  const base = { kind: 'insights' as const, query: request.query };
  const compiled = compiledQuery(request.query, request.settings);
  if (!compiled.runs) return { ...base, nearMisses: [], nearMissCount: 0, coverage: [] };
  const { items, total } = compiled.nearMisses(loaded.events, MAX_NEAR_MISSES);
  const present = memo(loaded, 'paths', () => fieldPathsOf(loaded.events));
  const coverage: Diagnostic[] = [];
  if (loaded.events.length > 0) {
    for (const name of fieldsMissingFrom(fieldNamesOf(compiled), present)) {
      const ref = compiled.fieldReferences.find((r) => r.name === name)!;
      coverage.push({
        severity: 'warning',
        code: 'events/field-coverage',
        source: 'events',
        message: `No sample event has the field ${name}: conditions on it cannot be tested with these events.`,
        range: ref.range,
      });
    }
  }
  return { ...base, nearMisses: items, nearMissCount: total, coverage };
}

export function runTests(request: RunTestsRequest): RunTestsResponse {
  return { kind: 'run-tests', outcomes: request.cases.map((c) => runTestCase(request.data, c)) };
}

export function snapshot(loaded: LoadedEvents, request: SnapshotRequest): SnapshotResponse {
  const count = loaded.events.length;
  if (count > request.maxEvents) return { kind: 'snapshot', events: null, expect: [], eventCount: count };
  const result = compiledQuery(request.query, request.settings).run(loaded.events);
  return { kind: 'snapshot', events: loaded.events, expect: result.matches.map((m) => m.events), eventCount: count };
}
