/**
 * Clauses of the query to highlight in the editor: the explanation of the selected event, each
 * clause with its truth value. The query editor subscribes and draws decorations; the ranges
 * are offsets in `queryText`, so an editor showing another text ignores them.
 */
import type { Truth } from '../eql/run/types.ts';

export { clausesOf } from './clauses.ts';

export interface HighlightedClause {
  range: { start: number; end: number };
  truth: Truth;
  /** Depth in the condition tree (0 = a whole filter): draw deeper ones on top. */
  depth: number;
  /** The clause as written, for hover text. */
  text: string;
}

export interface HighlightData {
  /** The query text the ranges refer to; null when nothing is highlighted. */
  queryText: string | null;
  /** The event explained (its position among the sample events). */
  eventIndex: number | null;
  clauses: HighlightedClause[];
}

export interface HighlightActions {
  set(queryText: string, eventIndex: number, clauses: HighlightedClause[]): void;
  clear(): void;
}
