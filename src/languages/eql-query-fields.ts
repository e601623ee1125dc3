/**
 * The fields a query reads, in the order they first appear: the columns of the matches table and
 * the names checked for field coverage. Also the filters of the query, for near misses.
 */
import type { EventFilter, Expr, FieldRef, Statement } from '../eql/syntax/ast.ts';

function exprChildren(e: Expr): Expr[] {
  switch (e.kind) {
    case 'not':
    case 'unary':
      return [e.operand];
    case 'logical':
      return e.operands;
    case 'compare':
    case 'arith':
      return [e.left, e.right];
    case 'in':
      return [e.operand, ...e.values];
    case 'match':
      return [e.operand];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** Every field reference of the statement (conditions and join keys), in source order. */
export function fieldRefsOf(ast: Statement): FieldRef[] {
  const refs: FieldRef[] = [];
  const visit = (e: Expr) => {
    if (e.kind === 'field') refs.push(e);
    else for (const c of exprChildren(e)) visit(c);
  };
  const q = ast.query;
  if (q.kind === 'event') visit(q.filter.condition);
  if (q.kind === 'sequence' || q.kind === 'sample') {
    refs.push(...q.by);
    const stages = q.kind === 'sequence' && q.until ? [...q.stages, q.until] : q.stages;
    for (const st of stages) {
      visit(st.filter.condition);
      refs.push(...st.by);
    }
  }
  return refs.sort((a, b) => a.range.start - b.range.start);
}

/** Distinct field names the query reads, first appearance first. */
export function queryFieldNames(ast: Statement): string[] {
  return [...new Set(fieldRefsOf(ast).map((r) => r.name))];
}

/** The filters of the query with their stage number (null for an event query). */
export function filtersOf(ast: Statement): { filter: EventFilter; stage: number | null }[] {
  const q = ast.query;
  if (q.kind === 'event') return [{ filter: q.filter, stage: null }];
  if (q.kind === 'sequence' || q.kind === 'sample') return q.stages.map((s, i) => ({ filter: s.filter, stage: i }));
  return [];
}

/** Names of a sequence's or sample's join keys (the query's `by` and the first stage's). */
export function joinKeyNamesOf(ast: Statement): string[] {
  const q = ast.query;
  if (q.kind !== 'sequence' && q.kind !== 'sample') return [];
  return [...q.by, ...(q.stages[0]?.by ?? [])].map((r) => r.name);
}
