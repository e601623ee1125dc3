/**
 * What the panels show of the events worker's answers: each answer without its message envelope
 * (`kind`). The evaluation session stores these in the events and evaluation slices, so the
 * slices are typed by what is shown, not by the worker's protocol.
 */
import type { EvaluateEventsResponse, ExplainResponse, InsightsResponse, ListEventsResponse, LoadEventsResponse } from '../worker/events-protocol.ts';

type Answer<R extends { kind: string }> = Omit<R, 'kind'>;

/** The sample events as read: count, format, problems, the fields seen first. */
export type LoadedEvents = Answer<LoadEventsResponse>;
/** One page of the events list. */
export type EventsPage = Answer<ListEventsResponse>;
/** The selected event's explanation: the query's clauses with their truth, and sequence timelines. */
export type Explanation = Answer<ExplainResponse>;
/** Near misses and the query's fields no sample event has. */
export type Insights = Answer<InsightsResponse>;
/** The query's result over the sample events, with what the results table needs. */
export type EvaluationResult = Answer<EvaluateEventsResponse>;

export type { NearMiss, Timeline, TimelineStep } from '../worker/events-protocol.ts';
