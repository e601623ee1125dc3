/**
 * A tiny event bus between the Problems panel and the query editor: "show this range of the
 * query". The editor subscribes when it mounts; nobody depends on the editor's internals.
 */
export interface QueryRange {
  /** Offsets in the query text (RuleEntry.queryText). */
  start: number;
  end: number;
}

type Listener = (range: QueryRange) => void;
const listeners = new Set<Listener>();

/** Asks the query editor to select and focus a range; false when no editor is listening. */
export function revealQueryRange(start: number, end: number): boolean {
  for (const listener of listeners) listener({ start, end });
  return listeners.size > 0;
}

/** Subscribes to reveal requests; returns the unsubscribe function. */
export function onRevealQueryRange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
