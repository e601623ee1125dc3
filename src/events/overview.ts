/**
 * What the events list shows for each event (its timestamp and category, and whether the
 * timestamp field is missing) and which fields the events hold, for field-coverage warnings.
 */
import { getField, splitFieldName } from './field.ts';

export interface EventRow {
  /** Position among the read events. */
  index: number;
  /** The timestamp field's value as text; null when the event has none. */
  timestamp: string | null;
  /** The category field's value(s) as text; null when absent. */
  category: string | null;
}

function asText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function eventRow(event: unknown, index: number, timestampField: string, categoryField: string): EventRow {
  return {
    index,
    timestamp: asText(getField(event, splitFieldName(timestampField))),
    category: asText(getField(event, splitFieldName(categoryField))),
  };
}

/**
 * Adds every leaf field path of `value` to `into` (`{"process":{"pid":1}}` and `{"process.pid":1}`
 * both give `process.pid`; arrays of objects contribute their members' paths).
 */
export function collectFieldPaths(value: unknown, into: Set<string>, prefix = ''): void {
  if (Array.isArray(value)) {
    let leaf = false;
    for (const item of value) {
      if (item !== null && typeof item === 'object') collectFieldPaths(item, into, prefix);
      else leaf = true;
    }
    if ((leaf || value.length === 0) && prefix) into.add(prefix);
    return;
  }
  if (value === null || typeof value !== 'object') {
    if (prefix) into.add(prefix);
    return;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    collectFieldPaths((value as Record<string, unknown>)[key], into, prefix ? `${prefix}.${key}` : key);
  }
}

/** Field names that no path in `present` has, neither as a leaf nor as an object holding leaves. */
export function fieldsMissingFrom(fields: readonly string[], present: ReadonlySet<string>): string[] {
  const prefixes = new Set<string>();
  for (const p of present) {
    for (let i = p.indexOf('.'); i >= 0; i = p.indexOf('.', i + 1)) prefixes.add(p.slice(0, i));
  }
  return fields.filter((f) => !present.has(f) && !prefixes.has(f));
}
