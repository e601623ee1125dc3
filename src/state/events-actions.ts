/**
 * What the user does with the sample events — type, paste or drop them, page through them, pick
 * one to explain, stop a long read, keep them as a test — as actions of the events slice. The
 * worker requests go to the evaluation session's client (events-client.ts). No store is imported:
 * the root (store.ts) composes these with the slice's `get` and `set`.
 */
import type { RuleTestCase } from '../rule/test-cases.ts';
import { Superseded } from '../worker/client.ts';
import { Cancelled } from '../worker/job-client.ts';
import { clausesOf } from './clauses.ts';
import { eventSettingsOf } from './event-settings.ts';
import { activeEventsClient } from './events-client.ts';
import { EDITABLE_INPUT_BYTES, EVENTS_PAGE, LARGE_INPUT_CHARS, textToBlob } from './events-input.ts';
import type { LoadState } from './events.ts';
import type { RuleEntry } from './rule-entry.ts';
import type { AppState, SetRoot } from './store.ts';
import { selectedEntry } from './workspace-slice.ts';

export const MAX_TEST_EVENTS = 1000;

const ignorable = (err: unknown) => err instanceof Superseded || err instanceof Cancelled;

export function report(what: string) {
  return (err: unknown) => {
    if (!ignorable(err)) console.error(`${what} failed`, err);
  };
}

export interface EventsInputActions {
  /** Loads a page of the events list (timestamp, category, missing-timestamp flag per event). */
  showEventsPage(from: number): void;
  /** Selects an event (or none): its clauses are explained and highlighted in the query. */
  selectEvent(index: number | null): void;
  /** Explains the selected event again (the query or the events changed). */
  explainEvent(index: number): void;
  /** Typed or pasted text: small text stays editable in the textarea; large text becomes a Blob. */
  setEventsText(text: string): void;
  /** A file (picked or dropped): a small one is shown as text, a large one summarised. */
  setEventsFile(blob: Blob, name: string): Promise<void>;
  /** Stops reading a large input; the input is dropped (the events become empty). */
  cancelReading(): void;
  /** Moves a large input that is still small enough into the textarea. */
  editFileAsText(): Promise<void>;
  /**
   * Adds the current events, with the current matches as the expectation, as a test case of the
   * selected rule. Returns why not when it cannot.
   */
  saveEventsAsTest(name: string): Promise<string | null>;
}

export function eventsInputActions(set: SetRoot, get: () => AppState): EventsInputActions {
  const patchLoad = (patch: Partial<LoadState>) => set((s) => ({ load: { ...s.load, ...patch } }));

  function current(): { entry: RuleEntry; key: string } | null {
    const entry = selectedEntry(get());
    const key = get().load.key;
    return entry && key ? { entry, key } : null;
  }

  /** Loads a page of the events list (timestamp, category, missing-timestamp flag per event). */
  function showEventsPage(from: number): void {
    const at = current();
    const client = activeEventsClient();
    if (!at || !client) return;
    client.request('list-events', { kind: 'list-events', eventsKey: at.key, from, count: EVENTS_PAGE, settings: eventSettingsOf(at.entry) }).then((page) => {
      if (get().load.key === at.key) set({ page, pageFrom: from });
    }, report('events list'));
  }

  /** Selects an event (or none): its clauses are explained and highlighted in the query. */
  function selectEvent(index: number | null): void {
    set({ selected: index, explain: index === null ? null : get().explain });
    if (index === null) return get().actions.highlight.clear();
    explainEvent(index);
  }

  function explainEvent(index: number): void {
    const at = current();
    const client = activeEventsClient();
    if (!at || !client) return;
    const query = at.entry.queryText;
    client.request('explain', { kind: 'explain', eventsKey: at.key, query, settings: eventSettingsOf(at.entry), index }).then((response) => {
      if (get().selected !== index) return;
      set({ explain: response });
      if (response.tree) get().actions.highlight.set(query, index, clausesOf(response.tree, query));
      else get().actions.highlight.clear();
    }, report('explain'));
  }

  /** Typed or pasted text: small text stays editable in the textarea; large text becomes a Blob. */
  function setEventsText(text: string): void {
    const entry = selectedEntry(get());
    if (!entry) return;
    if (text.length > LARGE_INPUT_CHARS) return void setLargeText(text, 'pasted events');
    preparation++;
    dropFile(entry.id);
    get().actions.rules.setEventsText(text);
  }

  /** Bumped by a cancel or a newer input: a large paste still being encoded is then dropped. */
  let preparation = 0;

  async function setLargeText(text: string, name: string): Promise<void> {
    const mine = ++preparation;
    patchLoad({ status: 'preparing', progress: { done: 0, total: text.length, events: 0 } });
    const blob = await textToBlob(text, (fraction) => {
      if (mine === preparation) patchLoad({ progress: { done: Math.round(fraction * text.length), total: text.length, events: 0 } });
    });
    if (mine === preparation) void setEventsFile(blob, name);
  }

  /** A file (picked or dropped): a small one is shown as text, a large one summarised. */
  async function setEventsFile(blob: Blob, name: string): Promise<void> {
    const entry = selectedEntry(get());
    if (!entry) return;
    if (blob.size <= LARGE_INPUT_CHARS) {
      const text = await blob.text();
      dropFile(entry.id);
      get().actions.rules.setEventsText(text);
      return;
    }
    // Order matters: the file first, then the (small) text cleared, so no moment reads both.
    set((s) => ({ files: { ...s.files, [entry.id]: { blob, name } } }));
    if (entry.eventsText !== '') get().actions.rules.setEventsText('');
  }

  function dropFile(entryId: string): void {
    if (!get().files[entryId]) return;
    set((s) => {
      const files = { ...s.files };
      delete files[entryId];
      return { files };
    });
  }

  /** Stops reading a large input; the input is dropped (the events become empty). */
  function cancelReading(): void {
    preparation++;
    activeEventsClient()?.cancel('load');
    const entry = selectedEntry(get());
    if (entry) {
      dropFile(entry.id);
      get().actions.rules.setEventsText('');
    }
    set({ notice: 'Reading was cancelled; no events are loaded.' });
  }

  /** Moves a large input that is still small enough into the textarea. */
  async function editFileAsText(): Promise<void> {
    const entry = selectedEntry(get());
    const file = entry && get().files[entry.id];
    if (!entry || !file || file.blob.size > EDITABLE_INPUT_BYTES) return;
    const text = await file.blob.text();
    dropFile(entry.id);
    get().actions.rules.setEventsText(text);
  }

  /**
   * Adds the current events, with the current matches as the expectation, as a test case of the
   * selected rule. Returns why not when it cannot.
   */
  async function saveEventsAsTest(name: string): Promise<string | null> {
    const at = current();
    const client = activeEventsClient();
    if (!at || !client) return 'No events are loaded.';
    const trimmed = name.trim();
    if (!trimmed) return 'Give the test a title.';
    if (at.entry.tests.some((t) => t.name === trimmed)) return `A test named “${trimmed}” exists already.`;
    const snap = await client.request('snapshot', {
      kind: 'snapshot',
      eventsKey: at.key,
      query: at.entry.queryText,
      settings: eventSettingsOf(at.entry),
      maxEvents: MAX_TEST_EVENTS,
    });
    if (!snap.events) return `A test case holds at most ${MAX_TEST_EVENTS} events; these are ${snap.eventCount}.`;
    const testCase: RuleTestCase = { name: trimmed, events: snap.events, expect: snap.expect };
    set((s) => ({ rules: s.rules.map((e) => (e.id === at.entry.id ? { ...e, tests: [...e.tests, testCase] } : e)) }));
    return null;
  }

  return { showEventsPage, selectEvent, explainEvent, setEventsText, setEventsFile, cancelReading, editFileAsText, saveEventsAsTest };
}
