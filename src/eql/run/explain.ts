/**
 * "Why did (or didn't) this event match?": the condition's boolean tree (and/or/not) with each
 * node's truth for the event. Inner nodes are named by their operator only; leaves (comparisons,
 * calls, `:`, `in`, … — anything that is not and/or/not) are spelled out with the event's value
 * of each field they read. Uses the very closures the query runs with.
 */
import type { EventFilter, Expr, FieldRef } from '../syntax/ast.ts';
import type { CompiledQuery } from './evaluate.ts';
import type { ExplainNode, ExplainValue, Truth } from './types.ts';
import { asTruth } from './values.ts';
import { scriptValues } from './multi-value.ts';
import type { WitnessValue } from './multi-value.ts';

/** Text of an expression, normalised (one line, single spaces), for a leaf's label. */
export function conditionLabel(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return e.raw;
    case 'field':
      return (e.optional ? '?' : '') + e.name;
    case 'not':
      return `not ${conditionLabel(e.operand)}`;
    case 'logical':
      return e.operands.map((o) => (o.kind === 'logical' ? `(${conditionLabel(o)})` : conditionLabel(o))).join(` ${e.op} `);
    case 'compare':
      return `${conditionLabel(e.left)} ${e.op} ${conditionLabel(e.right)}`;
    case 'arith':
      return `${conditionLabel(e.left)} ${e.op} ${conditionLabel(e.right)}`;
    case 'unary':
      return `${e.op}${conditionLabel(e.operand)}`;
    case 'in':
      return `${conditionLabel(e.operand)} ${e.negated ? 'not ' : ''}in${e.caseInsensitive ? '~' : ''} (${e.values.map(conditionLabel).join(', ')})`;
    case 'match': {
      const op = e.op === ':' ? ':' : `${e.op}${e.caseInsensitive ? '~' : ''}`;
      const pats = e.patterns.map((p) => p.raw).join(', ');
      return `${conditionLabel(e.operand)} ${op} ${e.list ? `(${pats})` : pats}`;
    }
    case 'call':
      return `${e.name}${e.caseInsensitive ? '~' : ''}(${e.args.map(conditionLabel).join(', ')})`;
    case 'error':
      return '<error>';
  }
}

function fieldRefsIn(e: Expr, out: FieldRef[]): FieldRef[] {
  switch (e.kind) {
    case 'field':
      out.push(e);
      break;
    case 'not':
    case 'unary':
      fieldRefsIn(e.operand, out);
      break;
    case 'logical':
      e.operands.forEach((o) => fieldRefsIn(o, out));
      break;
    case 'compare':
    case 'arith':
      fieldRefsIn(e.left, out);
      fieldRefsIn(e.right, out);
      break;
    case 'in':
      fieldRefsIn(e.operand, out);
      e.values.forEach((v) => fieldRefsIn(v, out));
      break;
    case 'match':
      fieldRefsIn(e.operand, out);
      break;
    case 'call':
      e.args.forEach((a) => fieldRefsIn(a, out));
      break;
    default:
      break;
  }
  return out;
}

function valueAt(compiled: CompiledQuery, node: object, event: object): unknown {
  const ev = compiled.evaluators.get(node);
  try {
    return ev ? ev(event) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The event's value of each field a leaf reads (each field once, in source order). When the
 * leaf is true and a field holds several values, `matched` names the value(s) that made it
 * true: the first combination Elasticsearch's per-value loops would accept (multi-value.ts).
 */
export function leafValues(compiled: CompiledQuery, leaf: Expr, event: object, truth?: Truth): ExplainValue[] {
  const seen = new Set<string>();
  const values: ExplainValue[] = [];
  let witness: WitnessValue[] | null | undefined;
  for (const ref of fieldRefsIn(leaf, [])) {
    if (seen.has(ref.name)) continue;
    seen.add(ref.name);
    const value = valueAt(compiled, ref, event);
    const entry: ExplainValue = { field: ref.name, value: value ?? null, missing: value === undefined || value === null };
    if (truth === true && scriptValues(value).length > 1) {
      if (witness === undefined) witness = witnessOf(compiled, leaf, event);
      const mine = witness?.filter((w) => w.field === ref.name).map((w) => w.value);
      if (mine && mine.length > 0) entry.matched = mine;
    }
    values.push(entry);
  }
  return values;
}

function witnessOf(compiled: CompiledQuery, leaf: Expr, event: object): WitnessValue[] | null {
  try {
    return compiled.witnesses.get(leaf)?.(event) ?? null;
  } catch {
    return null;
  }
}

/** The truth of a condition for the event, as the query's `and`/`or`/`not` see it. */
export function truthOf(compiled: CompiledQuery, e: Expr, event: object): Truth {
  return asTruth(valueAt(compiled, e, event));
}

export function categoryValue(compiled: CompiledQuery, filterIndex: number, event: object): ExplainValue {
  const f = filterIndex < 0 ? compiled.filter : compiled.stageFilters[filterIndex];
  let value: unknown;
  try {
    value = f?.categoryValue?.(event);
  } catch {
    value = undefined;
  }
  return { field: compiled.options.eventCategoryField, value: value ?? null, missing: value === undefined || value === null };
}

function explainExpr(compiled: CompiledQuery, e: Expr, event: object): ExplainNode {
  const base = { truth: truthOf(compiled, e, event), range: e.range };
  if (e.kind === 'not') return { ...base, kind: 'not', label: 'not', values: [], children: [explainExpr(compiled, e.operand, event)] };
  if (e.kind === 'logical') return { ...base, kind: e.op, label: e.op, values: [], children: e.operands.map((o) => explainExpr(compiled, o, event)) };
  return { ...base, kind: 'leaf', label: conditionLabel(e), values: leafValues(compiled, e, event, base.truth), children: [] };
}

/** `process where …` of an event query (index -1), or stage `index` of a sequence or sample. */
function explainFilter(compiled: CompiledQuery, filter: EventFilter, index: number, event: object, stage: string | null): ExplainNode {
  const f = index < 0 ? compiled.filter : compiled.stageFilters[index];
  const children: ExplainNode[] = [];
  if (filter.category !== null && f?.category) {
    children.push({
      kind: 'category',
      label: `${compiled.options.eventCategoryField} == "${filter.category}"`,
      truth: asTruth(f.category(event)),
      range: filter.categoryRange,
      values: [categoryValue(compiled, index, event)],
      children: [],
    });
  }
  children.push(explainExpr(compiled, filter.condition, event));
  const category = filter.category ?? 'any';
  return {
    kind: stage === null ? 'filter' : 'stage',
    label: stage === null ? `${category} where` : `${stage}: ${category}`,
    truth: f ? asTruth(f.test(event)) : null,
    range: filter.range,
    values: [],
    children,
  };
}

/**
 * Explains one event. For an event query, the tree of its filter; for sequences and samples,
 * a root whose children are the stages (in query order), the root true when the event fits one.
 */
export function explainEvent(compiled: CompiledQuery, event: object): ExplainNode {
  const q = compiled.ast.query;
  if (q.kind === 'event') return explainFilter(compiled, q.filter, -1, event, null);
  if (q.kind === 'sequence' || q.kind === 'sample') {
    const stages = q.stages.map((s, i) => explainFilter(compiled, s.filter, i, event, `stage ${i + 1}${s.missing ? ' (missing)' : ''}`));
    const fits = stages.flatMap((s, i) => (s.truth === true ? [i + 1] : []));
    const label = `${q.kind}: ${fits.length === 0 ? 'the event fits no stage' : `the event fits stage ${fits.join(', ')}`}`;
    return { kind: q.kind, label, truth: fits.length > 0, range: q.range, values: [], children: stages };
  }
  return { kind: 'leaf', label: '<error>', truth: null, range: q.range, values: [], children: [] };
}
