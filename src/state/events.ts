/**
 * Sample events and everything derived from them that the panels show: the input (text in the
 * rule entry, or a file/large paste kept here as a Blob so it never sits in React state or a
 * textarea), reading progress, the events list page, the selected event and its explanation,
 * near misses, field coverage and the rule's test outcomes.
 */
import type { ReadProgress } from '../events/read.ts';
import type { CaseOutcome } from '../rule/run-tests.ts';
import type { EventsPage, Explanation, Insights, LoadedEvents } from './view-models.ts';
import { sliceHook, useApp } from './store.ts';

/** Inputs above this size are kept as a Blob and summarised, not shown in the textarea. */
export const LARGE_INPUT_CHARS = 512 * 1024;
/** "Edit as text" is offered up to this size: beyond it the textarea itself would freeze the page. */
export const EDITABLE_INPUT_BYTES = 4 * 1024 * 1024;
/** Rows per page of the events list. */
export const EVENTS_PAGE = 50;

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

/** The events slice of the application store (store.ts), as its own hook. */
export const useEvents = sliceHook<EventsState>('events');

export function patchEvents(patch: Partial<EventsState>): void {
  useApp.getState().actions.events.patch(patch);
}

export function patchLoad(patch: Partial<LoadState>): void {
  useApp.getState().actions.events.patchLoad(patch);
}

/** Splits `text` at most every `chunk` characters without cutting a surrogate pair. */
export function sliceBoundaries(text: string, chunk: number): number[] {
  const ends: number[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + chunk);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
    ends.push(end);
    at = end;
  }
  return ends;
}

/**
 * A large text as a Blob, encoded a slice per task so the page keeps responding (one 50 MB
 * encode would block it for a long moment). The Blob lives outside the JS heap.
 */
export async function textToBlob(text: string, onProgress: (fraction: number) => void, chunk = 2 * 1024 * 1024): Promise<Blob> {
  const parts: Blob[] = [];
  let from = 0;
  for (const end of sliceBoundaries(text, chunk)) {
    parts.push(new Blob([text.slice(from, end)]));
    from = end;
    onProgress(end / text.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Blob(parts, { type: 'text/plain' });
}
