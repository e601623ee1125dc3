/**
 * KQL (the rule language `kuery`) through the query-language seam. The service is src/kql's
 * (checkKql, completeKql, hoverKql, formatKql). The evaluator answers the `query` rule type's
 * question, which events the query matches: KQL → the query DSL Kibana builds (kqlToDsl, with the
 * rule's schema as the data view) → the DSL evaluated over the events (compileQueryDsl), whose
 * explanation is the "Why" tree. Date math's `now` is the latest event's timestamp, as in the
 * rule preview (rule/preview/now.ts).
 */
import { hasErrors, type Diagnostic } from '../diagnostic.ts';
import type { EvalResult } from '../eql/run/types.ts';
import { getSchema, type FieldSchema } from '../eql/schema/index.ts';
import { kqlToDsl } from '../kql/dsl/to-dsl.ts';
import { compileQueryDsl, type CompiledDsl, type FieldTypeLookup } from '../kql/run/compile.ts';
import { checkKql, completeKql, formatKql, hoverKql } from '../kql/service/index.ts';
import type { KqlNode } from '../kql/syntax/ast.ts';
import { parseKql } from '../kql/syntax/parser.ts';
import { dataViewOf } from '../rule/preview/kql-rule.ts';
import { previewNow, timestampReader } from '../rule/preview/now.ts';
import { KQL_INFO } from './kql-info.ts';
import type { CompiledLanguageQuery, EvaluationSettings, FieldReference, QueryLanguage, QueryLanguageService } from './language.ts';

export const kqlService: QueryLanguageService = {
  id: 'kuery',
  check: (text, context) => checkKql(text, context),
  complete: (text, offset, context) => completeKql(text, offset, context),
  hover: (text, offset, context) => hoverKql(text, offset, context),
  signature: () => null,
  format: (text) => formatKql(text),
};

/** The named fields of the query, each where it is written, in source order (free text reads no named field). */
export function kqlFieldReferences(root: KqlNode): FieldReference[] {
  const refs: FieldReference[] = [];
  // Iterative: the parser caps the depth, but a walk should not depend on it.
  const stack: { node: KqlNode; path: string }[] = [{ node: root, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const full = (name: string) => (path ? `${path}.${name}` : name);
    switch (node.type) {
      case 'is':
      case 'range':
        if (node.field && !node.field.wildcard) refs.push({ name: full(node.field.name), range: node.field.range });
        break;
      case 'and':
      case 'or':
        for (const arg of node.args) stack.push({ node: arg, path });
        break;
      case 'not':
        stack.push({ node: node.arg, path });
        break;
      case 'nested':
        stack.push({ node: node.query, path: full(node.path.name) });
        break;
    }
  }
  return refs.sort((a, b) => a.range.start - b.range.start);
}

function schemaFor(settings: EvaluationSettings): FieldSchema {
  return getSchema(settings.schema ?? {});
}

export function compileKqlQuery(text: string, settings: EvaluationSettings): CompiledLanguageQuery {
  const parsed = parseKql(text);
  // With a schema context, the editor's own check (so the run counts what Problems lists).
  const checked: Diagnostic[] = settings.schema && !hasErrors(parsed.diagnostics) ? checkKql(text, settings.schema) : parsed.diagnostics;
  const schema = schemaFor(settings);
  const dsl = hasErrors(checked) ? null : kqlToDsl(parsed.node, { dataView: dataViewOf(schema) });
  const diagnostics = [...checked, ...(dsl?.diagnostics ?? [])];
  const fieldType: FieldTypeLookup = (field) => {
    const info = schema.lookup(field);
    return info && { type: info.type };
  };
  const readTimestamp = timestampReader({ timestamp_override: settings.timestampField });
  // The DSL's closures are compiled once per event array: its date math reads `now` from them.
  let compiledFor: { events: readonly object[]; compiled: CompiledDsl } | null = null;
  const compiledOver = (events: readonly object[]): CompiledDsl | null => {
    if (!dsl) return null;
    if (compiledFor?.events !== events) {
      const now = previewNow(events.map(readTimestamp)).now ?? undefined;
      compiledFor = { events, compiled: compileQueryDsl(dsl.query, { fieldType, now, rangeOf: dsl.rangeOf }) };
    }
    return compiledFor.compiled;
  };
  // Unsupported DSL is found when compiling; compile once now (no events) to know whether it runs.
  const probe = compiledOver([]);
  if (probe) diagnostics.push(...probe.diagnostics);
  const runs = !hasErrors(diagnostics);
  return {
    diagnostics,
    runs,
    resultKind: 'events',
    fieldReferences: kqlFieldReferences(parsed.node),
    joinKeyNames: [],
    run(events): EvalResult {
      const compiled = runs ? compiledOver(events) : null;
      const result: EvalResult = { kind: 'events', matches: [], diagnostics: [...diagnostics] };
      if (!compiled) return result;
      for (let i = 0; i < events.length; i++) if (compiled.matches(events[i])) result.matches.push({ events: [i], joinKeys: [] });
      return result;
    },
    explain(events, index) {
      const compiled = runs ? compiledOver(events) : null;
      const event = events[index];
      return compiled && event ? compiled.explain(event) : null;
    },
    // Near misses are defined over EQL's filters (eql/run/near-miss.ts); KQL has none yet.
    nearMisses: () => ({ items: [], total: 0 }),
  };
}

export const KQL: QueryLanguage = { info: KQL_INFO, service: kqlService, evaluator: { id: 'kuery', compile: compileKqlQuery } };
