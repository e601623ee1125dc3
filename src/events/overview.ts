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
 * The leaf field paths of events (`{"process":{"pid":1}}` and `{"process.pid":1}` both give
 * `process.pid`; arrays of objects contribute their members' paths). Events are walked into a
 * tree keyed by their own property names, so 100,000 events cost no path string each (that
 * garbage alone made the worker's heap keep tens of megabytes); paths are spelled out once.
 */
export function fieldPathsOf(events: Iterable<unknown>): Set<string> {
  const root = new PathNode();
  for (const event of events) root.add(event);
  const paths = new Set<string>();
  root.spell('', paths);
  return paths;
}

class PathNode {
  leaf = false;
  children: Map<string, PathNode> | null = null;

  add(value: unknown): void {
    if (Array.isArray(value)) {
      let leaf = value.length === 0;
      for (const item of value) {
        if (item !== null && typeof item === 'object') this.add(item);
        else leaf = true;
      }
      if (leaf) this.leaf = true;
      return;
    }
    if (value === null || typeof value !== 'object') {
      this.leaf = true;
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const children = (this.children ??= new Map());
      let child = children.get(key);
      if (!child) children.set(key, (child = new PathNode()));
      child.add((value as Record<string, unknown>)[key]);
    }
  }

  spell(prefix: string, into: Set<string>): void {
    if (this.leaf && prefix) into.add(prefix);
    if (this.children) for (const [key, child] of this.children) child.spell(prefix ? `${prefix}.${key}` : key, into);
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
