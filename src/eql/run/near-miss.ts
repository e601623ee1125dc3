/**
 * Near misses: events one condition away from matching a filter.
 *
 * Definition. A filter `cat where C` is the conjunction of its category test and C. Its leaves
 * are the category test and every condition of C that is not `and`, `or` or `not` (a comparison,
 * a function call, `:`, `like`, `regex`, `in`, a boolean field). An event that does not match the
 * filter is a near miss when setting exactly one leaf to the opposite truth value — true for a
 * leaf that is false or unknown, false for a leaf that is true or unknown — would make the whole
 * filter true, all other leaves keeping the values they have for the event. Such a leaf is
 * "decisive"; an event may have several (each alone would do) and lists them all:
 * - under `and`, every other operand must already be true, so only a leaf of the one operand
 *   that is not true can be decisive (none when two operands fail);
 * - under `or`, one operand becoming true is enough, so a leaf of any operand can be decisive;
 * - under `not`, the operand must become false instead: a true leaf below a `not` is decisive
 *   when making it false satisfies the `not` (and the roles of `and`/`or` swap below it).
 * A filter with a single leaf has no near misses (every non-matching event would be one). In a
 * sequence or sample, each stage is a filter of its own; an event is listed with the first stage
 * it nearly matches.
 */
import type { EventFilter, Expr } from '../syntax/ast.ts';
import type { CompiledQuery } from './evaluate.ts';
import { categoryValue, conditionLabel, leafValues, truthOf } from './explain.ts';
import type { ExplainValue, Truth } from './types.ts';
import { asTruth } from './values.ts';

export interface NearMissLeaf {
  /** The leaf as written (normalised), e.g. `process.name == "bash"`. */
  condition: string;
  range: { start: number; end: number };
  /** Its truth for the event… */
  truth: Truth;
  /** …and the truth that would make the event match. */
  needed: boolean;
  /** The event's values of the fields the leaf reads. */
  values: ExplainValue[];
}

export type Decisive = { leaf: Expr | 'category'; needed: boolean };

/**
 * Collects the leaves of `e` that alone would bring `e` to `target` (its truth differs now).
 * Linear in the size of `e`: each operand's truth is read once per level.
 */
function decisiveLeaves(compiled: CompiledQuery, e: Expr, target: boolean, event: object, out: Decisive[]): void {
  if (e.kind === 'not') return decisiveLeaves(compiled, e.operand, !target, event, out);
  if (e.kind === 'logical') {
    // `and` becomes false, and `or` true, as soon as any one operand does.
    const anyOperand = (e.op === 'and') !== target;
    if (anyOperand) {
      for (const o of e.operands) if (truthOf(compiled, o, event) !== target) decisiveLeaves(compiled, o, target, event, out);
      return;
    }
    // Otherwise every operand must reach `target`: only the one that has not can change.
    let off: Expr | null = null;
    for (const o of e.operands) {
      if (truthOf(compiled, o, event) === target) continue;
      if (off) return;
      off = o;
    }
    if (off) decisiveLeaves(compiled, off, target, event, out);
    return;
  }
  out.push({ leaf: e, needed: target });
}

function countLeaves(e: Expr): number {
  if (e.kind === 'not') return countLeaves(e.operand);
  if (e.kind === 'logical') return e.operands.reduce((n, o) => n + countLeaves(o), 0);
  return 1;
}

export interface NearMissFilter {
  filter: EventFilter;
  /** -1 for an event query's filter, else the stage's index. */
  index: number;
}

/** Whether a filter can have near misses at all (it has two leaves or more). */
export function hasNearMisses(f: NearMissFilter): boolean {
  return (f.filter.category !== null ? 1 : 0) + countLeaves(f.filter.condition) >= 2;
}

/**
 * The decisive leaves of `event` for one filter, in source order; empty when the event matches
 * the filter or is more than one leaf away from it.
 */
export function nearMissLeaves(compiled: CompiledQuery, { filter, index }: NearMissFilter, event: object): Decisive[] {
  const f = index < 0 ? compiled.filter : compiled.stageFilters[index];
  if (!f) return [];
  const category: Truth = filter.category !== null && f.category ? asTruth(f.category(event)) : true;
  const condition = truthOf(compiled, filter.condition, event);
  if (category === true && condition === true) return [];
  if (category !== true && condition !== true) return [];
  if (category !== true) return [{ leaf: 'category', needed: true }];
  const out: Decisive[] = [];
  decisiveLeaves(compiled, filter.condition, true, event, out);
  return out;
}

/** Describes decisive leaves for display (values read now, for the few items shown). */
export function describeNearMiss(compiled: CompiledQuery, { filter, index }: NearMissFilter, leaves: Decisive[], event: object): NearMissLeaf[] {
  return leaves.map(({ leaf, needed }) => {
    if (leaf === 'category') {
      const f = index < 0 ? compiled.filter : compiled.stageFilters[index];
      return {
        condition: `${compiled.options.eventCategoryField} == "${filter.category}"`,
        range: filter.categoryRange,
        truth: f?.category ? asTruth(f.category(event)) : null,
        needed,
        values: [categoryValue(compiled, index, event)],
      };
    }
    return { condition: conditionLabel(leaf), range: leaf.range, truth: truthOf(compiled, leaf, event), needed, values: leafValues(compiled, leaf, event) };
  });
}
