/**
 * "Why did (or didn't) this event match?": a tree mirroring the condition, with each clause's
 * value for the event and its source range. Uses the very closures the query runs with.
 */
import type { EventFilter, Expr } from '../syntax/ast.ts';
import type { CompiledQuery } from './evaluate.ts';
import type { ExplainNode } from './types.ts';

function label(e: Expr): string {
  switch (e.kind) {
    case 'literal': return e.raw;
    case 'field': return (e.optional ? '?' : '') + e.name;
    case 'not': return `not ${label(e.operand)}`;
    case 'logical': return e.operands.map(label).join(` ${e.op} `);
    case 'compare': return `${label(e.left)} ${e.op} ${label(e.right)}`;
    case 'arith': return `${label(e.left)} ${e.op} ${label(e.right)}`;
    case 'unary': return `${e.op}${label(e.operand)}`;
    case 'in': return `${label(e.operand)} ${e.negated ? 'not ' : ''}in${e.caseInsensitive ? '~' : ''} (${e.values.map(label).join(', ')})`;
    case 'match': {
      const op = e.op === ':' ? ':' : `${e.op}${e.caseInsensitive ? '~' : ''}`;
      const pats = e.patterns.map((p) => p.raw).join(', ');
      return `${label(e.operand)} ${op} ${e.list ? `(${pats})` : pats}`;
    }
    case 'call': return `${e.name}${e.caseInsensitive ? '~' : ''}(${e.args.map(label).join(', ')})`;
    case 'error': return '<error>';
  }
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'not': return [e.operand];
    case 'logical': return e.operands;
    case 'compare': case 'arith': return [e.left, e.right];
    case 'unary': return [e.operand];
    case 'in': return [e.operand];
    case 'match': return [e.operand];
    case 'call': return e.args;
    default: return [];
  }
}

function explainExpr(compiled: CompiledQuery, e: Expr, event: object): ExplainNode {
  const ev = compiled.evaluators.get(e);
  let value: unknown = null;
  try {
    value = ev ? ev(event) : null;
  } catch {
    value = null;
  }
  return {
    kind: e.kind,
    label: label(e),
    value: value === undefined ? null : value,
    range: e.range,
    children: e.kind === 'literal' || e.kind === 'field' ? [] : children(e).map((c) => explainExpr(compiled, c, event)),
  };
}

function explainFilter(compiled: CompiledQuery, filter: EventFilter, index: number, event: object): ExplainNode {
  const f = index < 0 ? compiled.filter : compiled.stageFilters[index];
  const kids: ExplainNode[] = [];
  if (filter.category !== null && f?.category) {
    kids.push({ kind: 'category', label: `${compiled.options.eventCategoryField} == "${filter.category}"`, value: f.category(event), range: filter.categoryRange, children: [] });
  }
  kids.push(explainExpr(compiled, filter.condition, event));
  return {
    kind: 'filter',
    label: `${filter.category ?? 'any'} where ${label(filter.condition)}`,
    value: f ? f.test(event) : null,
    range: filter.range,
    children: kids,
  };
}

/**
 * Explains one event. For an event query, the tree of its filter; for sequences and samples,
 * a root whose children are the stages' filters (in query order).
 */
export function explainEvent(compiled: CompiledQuery, event: object): ExplainNode {
  const q = compiled.ast.query;
  if (q.kind === 'event') return explainFilter(compiled, q.filter, -1, event);
  if (q.kind === 'sequence' || q.kind === 'sample') {
    const stages = q.stages.map((s, i) => explainFilter(compiled, s.filter, i, event));
    return { kind: q.kind, label: q.kind, value: stages.some((s) => s.value === true), range: q.range, children: stages };
  }
  return { kind: 'error', label: '<error>', value: null, range: q.range, children: [] };
}
