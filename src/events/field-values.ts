/**
 * How often each value of one field occurs in the sample events: the table value completion
 * ranks its suggestions by. Counts are of events, not of values: an event whose array holds a
 * value twice counts once for it (a condition on the field matches that event once).
 */
import { compileFieldAccessor, splitFieldName } from './field.ts';

/** A value a condition can be written against: strings, numbers and booleans (null is a keyword). */
export type SampleValue = string | number | boolean;

export interface ValueCount {
  value: SampleValue;
  /** Events that hold the value (in a scalar, or anywhere in an array). */
  count: number;
}

export interface FieldValueTable {
  field: string;
  /** The most frequent values, most frequent first; ties in first-seen order. */
  values: ValueCount[];
  /** Events that hold at least one value of the field. */
  eventsWithField: number;
  /** Distinct values seen, including those beyond `values`. */
  distinct: number;
}

/** Values longer than this are not offered: nobody completes a whole script or a base64 blob. */
export const MAX_VALUE_LENGTH = 1024;

function isSampleValue(v: unknown): v is SampleValue {
  return (typeof v === 'string' && v.length <= MAX_VALUE_LENGTH) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
}

/** The string `1` and the number 1 are different values: keep them apart in the counts. */
function keyOf(v: SampleValue): string {
  return typeof v === 'string' ? `s${v}` : typeof v === 'number' ? `n${v}` : `b${v}`;
}

/** The `limit` most frequent values of `field` among `events`. */
export function fieldValueTable(events: readonly unknown[], field: string, limit = 50): FieldValueTable {
  const read = compileFieldAccessor(splitFieldName(field));
  const counts = new Map<string, ValueCount>();
  let eventsWithField = 0;
  const add = (v: SampleValue) => {
    const key = keyOf(v);
    const entry = counts.get(key);
    if (entry) entry.count++;
    else counts.set(key, { value: v, count: 1 });
  };
  for (const event of events) {
    const v = read(event);
    if (Array.isArray(v)) {
      const inEvent = new Set<string>();
      for (const item of v) {
        if (!isSampleValue(item)) continue;
        const key = keyOf(item);
        if (inEvent.has(key)) continue;
        inEvent.add(key);
        add(item);
      }
      if (inEvent.size > 0) eventsWithField++;
    } else if (isSampleValue(v)) {
      add(v);
      eventsWithField++;
    }
  }
  // Map order is first-seen order and Array#sort is stable: ties keep it.
  const values = [...counts.values()].sort((a, b) => b.count - a.count).slice(0, Math.max(0, limit));
  return { field, values, eventsWithField, distinct: counts.size };
}
