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

/** A value's running count; `lastEvent` keeps an array's repeats within one event from counting twice. */
interface Tally {
  value: SampleValue;
  count: number;
  lastEvent: number;
}

/** The `limit` most frequent values of `field` among `events`. */
export function fieldValueTable(events: readonly unknown[], field: string, limit = 50): FieldValueTable {
  const read = compileFieldAccessor(splitFieldName(field));
  // One map per type: the string "1" and the number 1 are different values, and no key is built.
  const byType = { string: new Map<SampleValue, Tally>(), number: new Map<SampleValue, Tally>(), boolean: new Map<SampleValue, Tally>() };
  const tallies: Tally[] = []; // first-seen order
  let eventsWithField = 0;
  const add = (v: SampleValue, event: number): boolean => {
    const map = byType[typeof v as 'string' | 'number' | 'boolean'];
    const tally = map.get(v);
    if (!tally) {
      const fresh = { value: v, count: 1, lastEvent: event };
      map.set(v, fresh);
      tallies.push(fresh);
    } else if (tally.lastEvent !== event) {
      tally.count++;
      tally.lastEvent = event;
    }
    return true;
  };
  for (let i = 0; i < events.length; i++) {
    const v = read(events[i]);
    let held = false;
    if (Array.isArray(v)) {
      for (const item of v) if (isSampleValue(item)) held = add(item, i);
    } else if (isSampleValue(v)) held = add(v, i);
    if (held) eventsWithField++;
  }
  // Array#sort is stable: ties keep first-seen order.
  const values = tallies
    .sort((a, b) => b.count - a.count)
    .slice(0, Math.max(0, limit))
    .map(({ value, count }) => ({ value, count }));
  return { field, values, eventsWithField, distinct: tallies.length };
}
