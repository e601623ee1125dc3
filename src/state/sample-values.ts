/**
 * The sample events' values of one field, for value completion: asked of the events worker
 * (which holds the events and counts them off the main thread) and remembered for the events
 * they came from, so the next completion on the same field answers at once.
 */
import { useApp } from './store.ts';
import type { FieldValueTable } from '../events/field-values.ts';
import { Superseded } from '../worker/client.ts';
import { Cancelled, type JobClient } from '../worker/job-client.ts';

/** Completion waits this long for a table at most; one that comes later is kept for next time. */
const WAIT_MS = 1000;

interface Remembered {
  eventsKey: string;
  tables: Map<string, FieldValueTable>;
  asked: Map<string, Promise<FieldValueTable | undefined>>;
}
let remembered: Remembered | null = null;

function ask(jobs: JobClient, memory: Remembered, field: string): Promise<FieldValueTable | undefined> {
  const { eventsKey } = memory;
  // A key per field: asking for another field does not supersede this one.
  return jobs
    .request(`field-values:${field}`, { kind: 'field-values', eventsKey, fields: [field] })
    .then(
      (answer) => {
        const table = answer.tables[0];
        if (table) memory.tables.set(field, table);
        return table;
      },
      (err: unknown) => {
        // Superseded, or the events changed meanwhile: complete without them.
        if (!(err instanceof Superseded || err instanceof Cancelled)) console.error('sample values request failed', err);
        return undefined;
      },
    )
    .finally(() => memory.asked.delete(field));
}

/** The table for `field` of the events loaded now, or undefined (no events, still reading, too slow). */
export async function sampleValuesOf(jobs: JobClient, field: string, waitMs = WAIT_MS): Promise<FieldValueTable | undefined> {
  const { status, response } = useApp.getState().load;
  if (status !== 'done' || !response || response.eventCount === 0) return undefined;
  if (remembered?.eventsKey !== response.eventsKey) remembered = { eventsKey: response.eventsKey, tables: new Map(), asked: new Map() };
  const known = remembered.tables.get(field);
  if (known) return known;
  let asked = remembered.asked.get(field);
  if (!asked) remembered.asked.set(field, (asked = ask(jobs, remembered, field)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, waitMs, undefined)));
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}
