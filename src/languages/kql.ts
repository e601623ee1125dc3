/**
 * KQL (the rule language `kuery`) through the query-language seam. The service is src/kql's
 * (checkKql, completeKql, hoverKql, formatKql). The evaluator answers the `query` rule type's
 * question, which events the query matches: KQL → the query DSL Kibana builds (kqlToDsl, with the
 * rule's schema as the data view) → the DSL evaluated over the events (compileQueryDsl), whose
 * explanation is the "Why" tree. Date math's `now` is the latest event's timestamp, as in the
 * rule preview (rule/preview/now.ts).
 * Given the rule around the query (`settings.rule`), a run is the rule's run: its type (query,
 * threshold, new terms, indicator match) with its filters, in its window at "now", answered by
 * previewKqlRule — the function the CLI and the rule's test cases call, so all three agree.
 */
import { hasErrors, type Diagnostic } from '../diagnostic.ts';
import { getSchema, type FieldSchema } from '../eql/schema/index.ts';
import { kqlSourceLabel } from '../kql/dsl/source-label.ts';
import { compileQueryDsl, type CompiledDsl } from '../kql/run/compile.ts';
import { checkKql, checkParsedKql, completeKql, formatKql, hoverKql } from '../kql/service/index.ts';
import type { KqlNode } from '../kql/syntax/ast.ts';
import { parseKql } from '../kql/syntax/parser.ts';
import { kqlDslOver, previewKqlRule, schemaDslDiagnostics, schemaFieldTypes } from '../rule/preview/kql-rule.ts';
import { previewNow, timestampReader } from '../rule/preview/now.ts';
import type { PreviewResult } from '../rule/preview/types.ts';
import type { TomlTable } from '../rule/types.ts';
import { decisiveLeavesOf, leafCount } from './explain-near-miss.ts';
import { KQL_INFO } from './kql-info.ts';
import type {
  CompiledLanguageQuery,
  EvaluationSettings,
  FieldReference,
  NearMiss,
  QueryLanguage,
  QueryLanguageService,
  RunKind,
  RunMatch,
  RunResult,
} from './language.ts';

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stringList = (v: unknown): string[] => (typeof v === 'string' ? (v === '' ? [] : [v]) : Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

const RULE_KINDS: Record<string, RunKind> = { threshold: 'threshold', new_terms: 'new_terms', threat_match: 'threat_match' };

/** What the rule's type makes of the query's matches (`query` and `saved_query`: events). */
export function ruleRunKind(rule: TomlTable | undefined): RunKind {
  const type = isObject(rule?.rule) ? rule.rule.type : undefined;
  return RULE_KINDS[String(type)] ?? 'events';
}

/** Names of each match's `joinKeys`: a threshold's group-by fields, a new terms rule's fields. */
function ruleKeyNames(rule: Record<string, unknown>, kind: RunKind): string[] {
  if (kind === 'threshold') return isObject(rule.threshold) ? stringList(rule.threshold.field) : [];
  if (kind === 'new_terms') return isObject(rule.new_terms) ? stringList(rule.new_terms.value) : [];
  return [];
}

/** An indicator match's keys are the mapping group's non-negated entries: `event field ↔ indicator field`. */
function threatKeyNames(rule: Record<string, unknown>, group: number | undefined): string[] | undefined {
  const groups = Array.isArray(rule.threat_mapping) ? rule.threat_mapping : [];
  const entries = group === undefined || !isObject(groups[group]) ? undefined : groups[group].entries;
  if (!Array.isArray(entries)) return undefined;
  return entries.filter((e) => isObject(e) && e.negate !== true).map((e) => `${String(e.field)} ↔ ${String(e.value)}`);
}

/** The rule's run as the seam's result; the query's own diagnostics are the compiled query's (not repeated). */
function runOfPreview(preview: PreviewResult, rule: Record<string, unknown>, queryDiagnostics: readonly Diagnostic[]): RunResult {
  const matches: RunMatch[] = preview.matches.map((m) => (m.mappingGroup === undefined ? { ...m } : { ...m, keyNames: threatKeyNames(rule, m.mappingGroup) }));
  const others = preview.diagnostics.filter((d) => d.path !== 'rule.query');
  const result: RunResult = { kind: preview.kind, matches, diagnostics: [...queryDiagnostics, ...others] };
  if (preview.window) result.window = preview.window;
  return result;
}

export function compileKqlQuery(text: string, settings: EvaluationSettings): CompiledLanguageQuery {
  const parsed = parseKql(text);
  // With a schema context, the editor's own check (so the run counts what Problems lists).
  const checked: Diagnostic[] = settings.schema ? checkParsedKql(text, parsed, settings.schema) : parsed.diagnostics;
  const schema = schemaFor(settings);
  const dsl = hasErrors(checked) ? null : kqlDslOver(parsed, schema);
  // As the rule preview reads them: a nested-field guess from the schema warns (the run and the CLI agree).
  const diagnostics = [...checked, ...schemaDslDiagnostics(dsl?.diagnostics ?? [])];
  // What the schema knows of each field, as the rule preview types it (ignore_above: a stated gap there).
  const fieldType = schemaFieldTypes(schema);
  // The rule's own reader when it is given (its override falls back to @timestamp, as the preview's).
  const readTimestamp = timestampReader(isObject(settings.rule?.rule) ? settings.rule.rule : { timestamp_override: settings.timestampField });
  // Why reads like the query: each clause labelled with its KQL text.
  const label = dsl ? kqlSourceLabel(text, dsl) : undefined;
  // The DSL's closures are compiled once per event array: its date math reads `now` from them.
  let compiledFor: { events: readonly object[]; compiled: CompiledDsl } | null = null;
  const compiledOver = (events: readonly object[]): CompiledDsl | null => {
    if (!dsl) return null;
    if (compiledFor?.events !== events) {
      const now = previewNow(events.map(readTimestamp)).now ?? undefined;
      // The events order its clauses (most selective first), as the rule preview's.
      compiledFor = { events, compiled: compileQueryDsl(dsl.query, { fieldType, now, rangeOf: dsl.rangeOf, label, sample: events }) };
    }
    return compiledFor.compiled;
  };
  // Unsupported DSL is found when compiling; compile once now (no events) to know whether it runs.
  const probe = compiledOver([]);
  if (probe) diagnostics.push(...probe.diagnostics);
  const runs = !hasErrors(diagnostics);

  const ruleData = settings.rule;
  const rule = isObject(ruleData?.rule) ? ruleData.rule : {};
  const resultKind = ruleData ? ruleRunKind(ruleData) : 'events';
  // The rule's run, once per event array (evaluation, snapshots and tests of one edit share it).
  let ranFor: { events: readonly object[]; result: RunResult } | null = null;
  const ruleRun = (events: readonly object[]): RunResult => {
    if (ranFor?.events !== events) {
      // The query as parsed here: one parse per change in this worker.
      const data: TomlTable = { ...ruleData, rule: { ...rule, query: text } };
      ranFor = { events, result: runOfPreview(previewKqlRule(data, events, { parsedQuery: { text, parsed } }), rule, diagnostics) };
    }
    return ranFor.result;
  };

  return {
    diagnostics,
    runs,
    resultKind,
    fieldReferences: kqlFieldReferences(parsed.node),
    joinKeyNames: ruleKeyNames(rule, resultKind),
    run(events): RunResult {
      if (runs && ruleData) return ruleRun(events);
      const compiled = runs ? compiledOver(events) : null;
      const result: RunResult = { kind: resultKind, matches: [], diagnostics: [...diagnostics] };
      if (!compiled) return result;
      for (let i = 0; i < events.length; i++) if (compiled.matches(events[i])) result.matches.push({ events: [i], joinKeys: [] });
      return result;
    },
    explain(events, index) {
      const compiled = runs ? compiledOver(events) : null;
      const event = events[index];
      return compiled && event ? compiled.explain(event) : null;
    },
    // The query's near misses (eql/run/near-miss.ts's definition, read from the Why tree).
    nearMisses(events, limit) {
      const compiled = runs ? compiledOver(events) : null;
      const items: NearMiss[] = [];
      let total = 0;
      if (!compiled) return { items, total };
      for (let i = 0; i < events.length; i++) {
        if (compiled.matches(events[i])) continue;
        const tree = compiled.explain(events[i]);
        // A query of one condition has no near misses: every event that fails it would be one.
        if (leafCount(tree) < 2) break;
        const leaves = decisiveLeavesOf(tree);
        if (leaves.length === 0) continue;
        total++;
        if (items.length < limit) items.push({ index: i, stage: null, leaves });
      }
      return { items, total };
    },
  };
}

export const KQL: QueryLanguage = { info: KQL_INFO, service: kqlService, evaluator: { id: 'kuery', compile: compileKqlQuery } };
