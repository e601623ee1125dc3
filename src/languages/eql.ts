/**
 * EQL through the query-language seam. Every answer is delegated to src/eql: the checker, the
 * language service, the printer, and the evaluator with its explanations and near misses.
 */
import { type Diagnostic, hasErrors } from '../diagnostic.ts';
import { checkQuery } from '../eql/check/index.ts';
import { completionsAt, hoverAt, signatureHelpAt } from '../eql/check/service.ts';
import { compileQuery, describeNearMiss, explainEvent, hasNearMisses, nearMissLeaves, runQuery } from '../eql/run/index.ts';
import type { CompiledQuery } from '../eql/run/evaluate.ts';
import type { EvalOptions, EvalResult, ExplainNode, ResultKind } from '../eql/run/types.ts';
import type { Statement } from '../eql/syntax/ast.ts';
import { parseQuery } from '../eql/syntax/parser.ts';
import { formatQuery } from '../eql/syntax/printer.ts';
import { ruleFilters } from '../rule/preview/kql-rule.ts';
import { EQL_INFO } from './eql-info.ts';
import { fieldRefsOf, filtersOf, joinKeyNamesOf } from './eql-query-fields.ts';
import type { CompiledLanguageQuery, EvaluationSettings, NearMiss, QueryLanguage, QueryLanguageService } from './language.ts';

export const eqlService: QueryLanguageService = {
  id: 'eql',
  check: (text, context) => checkQuery(text, context).diagnostics,
  complete: (text, offset, context) => completionsAt(text, offset, context),
  hover: (text, offset, context) => hoverAt(text, offset, context),
  signature: (text, offset) => signatureHelpAt(text, offset),
  format: (text) => formatQuery(text),
};

/** The evaluator's options for a rule's settings (Elasticsearch's defaults where unset). */
export function eqlEvalOptions(settings: EvaluationSettings): EvalOptions {
  return {
    timestampField: settings.timestampField || '@timestamp',
    eventCategoryField: settings.eventCategoryField || 'event.category',
    tiebreakerField: settings.tiebreakerField || undefined,
  };
}

function resultKindOf(ast: Statement): ResultKind {
  const kind = ast.query.kind;
  return kind === 'sequence' ? 'sequences' : kind === 'sample' ? 'samples' : 'events';
}

function internalFailure(kind: ResultKind, err: unknown): EvalResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    kind,
    matches: [],
    diagnostics: [{ severity: 'error', code: 'eql/internal', source: 'eql', message: `The evaluator failed unexpectedly: ${message}.` }],
  };
}

/**
 * Parses (and, with a schema context, checks) the query once; the closures are compiled once per
 * event array, since the compiler keeps indexes with the events it was given.
 */
export function compileEql(text: string, settings: EvaluationSettings): CompiledLanguageQuery {
  // The editor's own check, so "the query has N errors" counts what Problems lists. After a syntax
  // error checkQuery reports only the syntax errors (the schema check would add follow-on ones).
  const { ast, diagnostics } = settings.schema
    ? checkQuery(text, {
        ...settings.schema,
        timestampField: settings.timestampField,
        eventCategoryField: settings.eventCategoryField,
        tiebreakerField: settings.tiebreakerField,
      })
    : parseQuery(text);
  const runs = !hasErrors(diagnostics);
  const options = eqlEvalOptions(settings);
  const resultKind = resultKindOf(ast);
  let compiledFor: { events: readonly object[]; compiled: CompiledQuery } | null = null;
  const compiledOver = (events: readonly object[]): CompiledQuery => {
    if (compiledFor?.events !== events) compiledFor = { events, compiled: compileQuery(ast, options, events) };
    return compiledFor.compiled;
  };
  const notRun = (): EvalResult => ({ kind: resultKind, matches: [], diagnostics: [...diagnostics] });
  // A rule's [[rule.filters]] run in front of the query, as Kibana sends them with the EQL search:
  // the query sees only the events they keep, and positions map back to the input's.
  let filteredFor: { events: readonly object[]; kept: number[] | null; subset: readonly object[]; diagnostics: Diagnostic[] } | null = null;
  const filtered = (events: readonly object[]) => {
    if (filteredFor?.events === events) return filteredFor;
    const filters = settings.rule ? ruleFilters(settings.rule, events) : { diagnostics: [] };
    let kept: number[] | null = null;
    if (filters.matches) {
      kept = [];
      for (let i = 0; i < events.length; i++) if (filters.matches(events[i])) kept.push(i);
    }
    filteredFor = { events, kept, subset: kept ? kept.map((i) => events[i]) : events, diagnostics: filters.diagnostics };
    return filteredFor;
  };
  return {
    diagnostics,
    runs,
    resultKind,
    fieldReferences: fieldRefsOf(ast).map((r) => ({ name: r.name, range: r.range })),
    joinKeyNames: joinKeyNamesOf(ast),
    run(events, { trace = false } = {}) {
      if (!runs) return notRun();
      try {
        const { kept, subset, diagnostics: filterDiagnostics } = filtered(events);
        const result = runQuery(compiledOver(subset), subset, trace);
        if (kept) {
          result.matches = result.matches.map((m) => ({ ...m, events: m.events.map((i) => (i === null ? null : kept[i])) }));
          result.trace = result.trace?.map((t) => ({ ...t, event: kept[t.event], events: t.events.map((i) => kept[i]) }));
        }
        result.diagnostics.unshift(...diagnostics, ...filterDiagnostics);
        return result;
      } catch (err) {
        return internalFailure(resultKind, err);
      }
    },
    explain(events, index) {
      const event = events[index];
      if (!runs || !event) return null;
      const { kept, subset } = filtered(events);
      if (kept && !kept.includes(index)) return FILTERED_OUT;
      return explainEvent(compiledOver(subset), event);
    },
    nearMisses(events, limit) {
      const items: NearMiss[] = [];
      let total = 0;
      if (!runs) return { items, total };
      const filters = filtersOf(ast)
        .map(({ filter, stage }) => ({ filter, stage, index: stage ?? -1 }))
        .filter(hasNearMisses);
      if (filters.length === 0) return { items, total };
      const { kept, subset } = filtered(events);
      const compiled = compiledOver(subset);
      for (let k = 0; k < subset.length; k++) {
        const event = subset[k];
        const i = kept ? kept[k] : k;
        for (const f of filters) {
          const leaves = nearMissLeaves(compiled, f, event);
          if (leaves.length === 0) continue;
          total++;
          if (items.length < limit) items.push({ index: i, stage: f.stage, leaves: describeNearMiss(compiled, f, leaves, event) });
          break;
        }
      }
      return { items, total };
    },
  };
}

/** "Why" for an event the rule's filters drop: the query never sees it. */
const FILTERED_OUT: ExplainNode = {
  kind: 'leaf',
  label: 'the rule filters ([[rule.filters]]) keep this event',
  truth: false,
  range: { start: 0, end: 0 },
  values: [],
  children: [],
};

export const EQL: QueryLanguage = { info: EQL_INFO, service: eqlService, evaluator: { id: 'eql', compile: compileEql } };
