/**
 * What a rule preview returns: the rule type's matches over the sample events, in the match shape
 * of the EQL evaluator (`events` are positions in the input array, `joinKeys` the values that
 * made the match), plus what each type adds.
 */
import type { Diagnostic } from '../../diagnostic.ts';

export type PreviewKind = 'events' | 'threshold' | 'new_terms' | 'threat_match';

/** A scalar value as a terms aggregation buckets it. */
export type Term = string | number | boolean;

export interface PreviewMatch {
  /** Positions in the input events: the event; a threshold group's events; [event, indicator]. */
  events: number[];
  /** Threshold: the group's field values; new terms: the new values; threat match: the mapped values. */
  joinKeys: unknown[];
  /** Threshold: the number of events in the group. */
  count?: number;
  /** Threshold with cardinality: the distinct values of the cardinality field in the group. */
  cardinality?: number;
  /** Threat match: the indicator's position, and the `threat_mapping` group that matched. */
  indicator?: number;
  mappingGroup?: number;
}

/** The rule's run: "now" and the windows it searched, as epoch milliseconds. */
export interface PreviewWindow {
  now: number;
  from: number;
  to: number;
  /** New terms: the start of the history window. */
  historyStart?: number;
}

export interface PreviewResult {
  kind: PreviewKind;
  matches: PreviewMatch[];
  diagnostics: Diagnostic[];
  /** Absent when no "now" could be set (no event has a timestamp and none was given). */
  window?: PreviewWindow;
}

/** A compiled query or filter, injected by the caller (KQL, EQL or a test's plain predicate). */
export type EventPredicate = (event: unknown) => boolean;
