/** Public types of the EQL evaluator. */
import type { Diagnostic } from '../../diagnostic.ts';

/** A parsed Elasticsearch index mapping (`{"properties":…}` or `{"mappings":{"properties":…}}`). */
export type IndexMapping = Record<string, unknown>;

export interface EvalOptions {
  /** Ordering key; epoch millis, ISO-8601 strings or digit strings (millis). */
  timestampField?: string;
  /** Secondary ordering key. */
  tiebreakerField?: string;
  /** The field `cat where …` compares with. */
  eventCategoryField?: string;
  /** Maximum number of events, sequences or samples; undefined = all. */
  size?: number;
  /** Samples only. */
  maxSamplesPerKey?: number;
  /** Without a pipe, which end of the ordered results `size` keeps. */
  resultPosition?: 'head' | 'tail';
  /** Index mapping(s): aliases, null_value, field types. Several mappings = several indices. */
  mapping?: IndexMapping | IndexMapping[];
  /** Record sequence partial-match history (for the UI). */
  trace?: boolean;
}

export type ResultKind = 'events' | 'sequences' | 'samples';

export interface Match {
  /** Indices into the input events; `null` is a missing-event placeholder. */
  events: (number | null)[];
  /** Sequence/sample keys, typed (dates rendered as ES renders them). Empty for events. */
  joinKeys: unknown[];
  /** For sequences and samples: the stage index of each entry of `events`. */
  stages?: number[];
}

export type SequenceTraceKind = 'started' | 'advanced' | 'completed' | 'expired' | 'until' | 'replaced' | 'rejected';

/** One step in the life of a partial sequence (see `evaluate(…, {trace:true})`). */
export interface SequenceTraceEntry {
  kind: SequenceTraceKind;
  /** Join key values of the partial. */
  key: unknown[];
  /** Stage the partial reached (or was at, for expired/until/replaced). */
  stage: number;
  /** The event that caused this step. */
  event: number;
  /** The partial's events so far. */
  events: number[];
}

export interface EvalResult {
  kind: ResultKind;
  matches: Match[];
  diagnostics: Diagnostic[];
  /** Present when `trace` was requested and the query is a sequence. */
  trace?: SequenceTraceEntry[];
}

/** Three-valued truth: SQL's true, false and unknown (null). */
export type Truth = boolean | null;

/** A field a condition reads, with the event's value of it (`missing` when the event lacks it). */
export interface ExplainValue {
  field: string;
  value: unknown;
  missing: boolean;
  /**
   * When the field holds several values and the condition is true: the value (one per
   * occurrence of the field in the condition) of the first combination that made it true.
   */
  matched?: unknown[];
}

/**
 * One node of "why did (or didn't) this event match?". Inner nodes are shown by their own
 * operator (`and`, `or`, `not`, `stage 1: process`); only leaves spell out a condition.
 */
export interface ExplainNode {
  /** `sequence`/`sample`: the query; `stage`/`filter`: one `cat where …`; `category`: its category test; `leaf`: any other condition. */
  kind: 'sequence' | 'sample' | 'stage' | 'filter' | 'category' | 'and' | 'or' | 'not' | 'leaf';
  /** The operator, the stage (`stage 2: network`), `process where`, or a leaf's condition as written. */
  label: string;
  /** The node's truth for the event (null: unknown, e.g. a comparison with a missing field). */
  truth: Truth;
  range: { start: number; end: number };
  /** Leaves and categories: the fields they read and the event's values. */
  values: ExplainValue[];
  children: ExplainNode[];
}
