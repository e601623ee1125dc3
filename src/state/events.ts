/**
 * Sample events and everything derived from them that the panels show: the input (text in the
 * rule entry, or a file/large paste kept here as a Blob so it never sits in React state or a
 * textarea), reading progress, the events list page, the selected event and its explanation,
 * near misses, field coverage and the rule's test outcomes.
 */
import type { ReadProgress } from '../events/read.ts';
import type { CaseOutcome } from '../rule/run-tests.ts';
import type { EventsPage, Explanation, Insights, LoadedEvents } from './view-models.ts';
import { useApp } from './store.ts';

export { EDITABLE_INPUT_BYTES, EVENTS_PAGE, LARGE_INPUT_CHARS, sliceBoundaries, textToBlob } from './events-input.ts';

export interface EventsFile {
  blob: Blob;
  /** File name, or "pasted events". */
  name: string;
}

export interface LoadState {
  key: string | null;
  status: 'idle' | 'preparing' | 'reading' | 'done' | 'failed' | 'cancelled';
  /** While reading: characters read of the total. While preparing a large paste: fraction done. */
  progress: ReadProgress | null;
  response: LoadedEvents | null;
  error: string | null;
}

export interface EventsState {
  /** Large inputs by rule entry id. */
  files: Record<string, EventsFile>;
  load: LoadState;
  page: EventsPage | null;
  pageFrom: number;
  selected: number | null;
  explain: Explanation | null;
  insights: Insights | null;
  tests: { outcomes: CaseOutcome[] | null; running: boolean; error: string | null };
  /** Why there are no events, when the user stopped a read. */
  notice: string | null;
  /** Evaluations answered so far: lets benchmarks and tests see that a new result is in. */
  evaluations: number;
}

export function patchEvents(patch: Partial<EventsState>): void {
  useApp.getState().actions.events.patch(patch);
}

export function patchLoad(patch: Partial<LoadState>): void {
  useApp.getState().actions.events.patchLoad(patch);
}
