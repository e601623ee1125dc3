/** The clauses of an explanation to highlight in the query (no store here: the events actions use it). */
import type { ExplainNode } from '../eql/run/types.ts';
import type { HighlightedClause } from './highlight.ts';

/** The clauses of an explanation tree with their truth (the sequence/sample root is not one). */
export function clausesOf(tree: ExplainNode, queryText: string): HighlightedClause[] {
  const out: HighlightedClause[] = [];
  const visit = (node: ExplainNode, depth: number) => {
    const whole = node.kind === 'sequence' || node.kind === 'sample';
    if (!whole && node.range.end > node.range.start) {
      out.push({ range: node.range, truth: node.truth, depth, text: queryText.slice(node.range.start, node.range.end) });
    }
    for (const c of node.children) visit(c, whole ? depth : depth + 1);
  };
  visit(tree, 0);
  return out;
}
