/**
 * The sample events' values of one field, for value completion: asked of the events worker
 * (which holds the events and counts them off the main thread) and remembered for the events
 * they came from, so the next completion on the same field answers at once.
 */
import type { FieldValueTable } from '../events/field-values.ts';
import { Superseded } from '../worker/client.ts';
import { Cancelled, type JobClient } from '../worker/job-client.ts';
import { useEvents } from './events.ts';

let remembered: { eventsKey: string; tables: Map<string, FieldValueTable> } | null = null;

/** The table for `field` of the events loaded now, or undefined (no events, still reading, superseded). */
export async function sampleValuesOf(jobs: JobClient, field: string): Promise<FieldValueTable | undefined> {
  const { status, response } = useEvents.getState().load;
  if (status !== 'done' || !response || response.eventCount === 0) return undefined;
  const { eventsKey } = response;
  if (remembered?.eventsKey !== eventsKey) remembered = { eventsKey, tables: new Map() };
  const known = remembered.tables.get(field);
  if (known) return known;
  try {
    const answer = await jobs.request('field-values', { kind: 'field-values', eventsKey, fields: [field] });
    const table = answer.tables[0];
    if (table && remembered?.eventsKey === eventsKey) remembered.tables.set(field, table);
    return table;
  } catch (err) {
    // Superseded by a newer completion, or the events changed meanwhile: complete without them.
    if (!(err instanceof Superseded || err instanceof Cancelled)) console.error('sample values request failed', err);
    return undefined;
  }
}
