/**
 * Near misses read from an explanation tree, for a language whose "Why" is an `ExplainNode` tree
 * of `and` / `or` / `not` over two-valued leaves (KQL's bool queries). The definition is EQL's
 * (eql/run/near-miss.ts): an event that does not match is a near miss when flipping exactly one
 * leaf would make the root true, every other leaf keeping its truth; such a leaf is decisive,
 * and an event lists every decisive leaf. A query with a single leaf has no near misses.
 * The tree already holds each node's truth for the event, so the walk needs no evaluator:
 * - under `and`, only a leaf of the one operand that is not yet at the target can be decisive;
 * - under `or` (one operand suffices), a leaf of any operand not at the target can be;
 * - under `not`, the operand must reach the opposite truth.
 * An `or` that needs more than one operand (KQL's "at least N of", a bool's minimum_should_match)
 * is not walked: one flip may not be enough, so none of its leaves is listed.
 */
import type { ExplainNode } from '../eql/run/types.ts';
import type { NearMissLeaf } from './language.ts';

/** Leaves of the tree (nodes without children). */
export function leafCount(root: ExplainNode): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.children.length === 0) n++;
    else stack.push(...node.children);
  }
  return n;
}

/** The decisive leaves of a root that is not true, in source order; empty when none (or it is true). */
export function decisiveLeavesOf(root: ExplainNode): NearMissLeaf[] {
  if (root.truth === true) return [];
  const out: NearMissLeaf[] = [];
  // Iterative: a deep query must not overflow the stack.
  const stack: { node: ExplainNode; target: boolean }[] = [{ node: root, target: true }];
  while (stack.length > 0) {
    const { node, target } = stack.pop()!;
    if (node.children.length === 0) {
      out.push({ condition: node.label, range: node.range, truth: node.truth, needed: target, values: node.values });
      continue;
    }
    if (node.kind === 'not') {
      for (const c of node.children) stack.push({ node: c, target: !target });
      continue;
    }
    const isOr = node.kind === 'or';
    if (isOr && node.label !== 'or') continue;
    // `and` becomes false, and `or` true, as soon as any one operand does.
    const anyOperand = !isOr !== target;
    const off = node.children.filter((c) => c.truth !== target);
    if (anyOperand) for (const c of off) stack.push({ node: c, target });
    else if (off.length === 1) stack.push({ node: off[0], target });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}
