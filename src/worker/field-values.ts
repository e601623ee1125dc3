/**
 * The events worker's answer to "which values does this field hold in the sample events?", for
 * value completion. Computed lazily per field (one pass over the events, off the main thread)
 * and kept with the events it was computed from, so asking again while typing costs nothing.
 */
import { fieldValueTable, type FieldValueTable } from '../events/field-values.ts';
import type { LoadedEvents } from './events-handlers.ts';

/** Values offered per field: enough to choose from, few enough to read. */
export const FIELD_VALUES_LIMIT = 50;

export interface FieldValuesRequest {
  kind: 'field-values';
  eventsKey: string;
  fields: string[];
}
export interface FieldValuesResponse {
  kind: 'field-values';
  eventsKey: string;
  tables: FieldValueTable[];
}

/** Tables by field, per set of parsed events (dropped with them). */
const cache = new WeakMap<readonly object[], Map<string, FieldValueTable>>();

export function fieldValues(loaded: LoadedEvents, request: FieldValuesRequest): FieldValuesResponse {
  let tables = cache.get(loaded.events);
  if (!tables) cache.set(loaded.events, (tables = new Map()));
  const answer: FieldValueTable[] = [];
  for (const field of request.fields) {
    let table = tables.get(field);
    if (!table) tables.set(field, (table = fieldValueTable(loaded.events, field, FIELD_VALUES_LIMIT)));
    answer.push(table);
  }
  return { kind: 'field-values', eventsKey: loaded.key, tables: answer };
}
