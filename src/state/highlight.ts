/**
 * Clauses of the query to highlight in the editor: the explanation of the selected event, each
 * clause with its truth value. The query editor subscribes and draws decorations; the ranges
 * are offsets in `queryText`, so an editor showing another text ignores them.
 */
import { create } from 'zustand';
import type { ExplainNode, Truth } from '../eql/run/types.ts';

export interface HighlightedClause {
  range: { start: number; end: number };
  truth: Truth;
  /** Depth in the condition tree (0 = a whole filter): draw deeper ones on top. */
  depth: number;
  /** The clause as written, for hover text. */
  text: string;
}

export interface HighlightState {
  /** The query text the ranges refer to; null when nothing is highlighted. */
  queryText: string | null;
  /** The event explained (its position among the sample events). */
  eventIndex: number | null;
  clauses: HighlightedClause[];
  set(queryText: string, eventIndex: number, clauses: HighlightedClause[]): void;
  clear(): void;
}

export const useHighlight = create<HighlightState>()((set) => ({
  queryText: null,
  eventIndex: null,
  clauses: [],
  set: (queryText, eventIndex, clauses) => set({ queryText, eventIndex, clauses }),
  clear: () => set({ queryText: null, eventIndex: null, clauses: [] }),
}));

const TRUTH_KINDS = new Set(['filter', 'category', 'compare', 'logical', 'not', 'in', 'match', 'call', 'field']);

/** The truth-valued clauses of an explanation tree (values that are not truths are left out). */
export function clausesOf(tree: ExplainNode, queryText: string): HighlightedClause[] {
  const out: HighlightedClause[] = [];
  const visit = (node: ExplainNode, depth: number) => {
    const v = node.value;
    if (TRUTH_KINDS.has(node.kind) && (v === true || v === false || v === null) && node.range.end > node.range.start) {
      out.push({ range: node.range, truth: v, depth, text: queryText.slice(node.range.start, node.range.end) });
    }
    for (const c of node.children) visit(c, node.kind === 'sequence' || node.kind === 'sample' ? depth : depth + 1);
  };
  visit(tree, 0);
  return out.filter((c) => !(c.depth === 0 && c.range.start === 0 && c.range.end === queryText.length && tree.kind !== 'filter'));
}
