/**
 * What the events worker is told about a rule besides its query — language, fields, schema
 * context, the rule type's run data — and small readers of results. No store here.
 */
import { getField, splitFieldName } from '../events/field.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import type { TomlTable } from '../rule/types.ts';
import type { EventSettings } from '../worker/events-protocol.ts';
import type { RuleEntry } from './rule-entry.ts';
import type { EvaluationResult } from './view-models.ts';

/**
 * The evaluation settings of a rule: its query's language, whose evaluator runs it, and the
 * schema context the query is checked in (the same as the editor's check), so a query
 * Elasticsearch would reject is not run.
 */
export function eventSettingsOf(entry: RuleEntry): EventSettings {
  const data = entry.rule.data as TomlTable | null | undefined;
  const { timestampField, eventCategoryField, tiebreakerField, language, stackVersion, indexPatterns, integrations } = querySettingsOf(data);
  const settings: EventSettings = { language, timestampField, eventCategoryField, tiebreakerField, schema: { stackVersion, indexPatterns, integrations } };
  // A KQL rule runs as its type (threshold, new terms, indicator match) with its filters and window;
  // an EQL rule's filters run in front of its query.
  if (data && (language === 'kuery' || hasRuleFilters(data))) settings.rule = ruleRunDataOf(data);
  return settings;
}

/** The rule's fields a rule type's run reads (rule/preview), and no others: an edit elsewhere does not re-run it. */
const RUN_FIELDS = [
  'type',
  'language',
  'index',
  'from',
  'to',
  'interval',
  'timestamp_override',
  'timestamp_override_fallback_disabled',
  'event_category_override',
  'tiebreaker_field',
  'filters',
  'threshold',
  'new_terms',
  'threat_index',
  'threat_query',
  'threat_language',
  'threat_filters',
  'threat_mapping',
  'threat_indicator_path',
] as const;

function hasRuleFilters(data: TomlTable): boolean {
  const rule = data.rule as TomlTable | undefined;
  return Array.isArray(rule?.filters) && rule.filters.length > 0;
}

/** `{metadata, rule}` with the fields a rule type's run reads, as plain data (the query travels apart). */
export function ruleRunDataOf(data: TomlTable): TomlTable {
  const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v);
  const rule = isTable(data.rule) ? data.rule : {};
  const metadata = isTable(data.metadata) ? data.metadata : {};
  const picked: TomlTable = {};
  for (const key of RUN_FIELDS) if (rule[key] !== undefined) picked[key] = rule[key];
  const meta: TomlTable = {};
  if (metadata.min_stack_version !== undefined) meta.min_stack_version = metadata.min_stack_version;
  if (metadata.integration !== undefined) meta.integration = metadata.integration;
  return { metadata: meta, rule: picked };
}

/** The rule's timestamp field: the first column of the results. */
export function timestampFieldOf(data: TomlTable | null | undefined): string {
  return querySettingsOf(data).timestampField;
}

/** An event's value of a dotted field name (nested or flattened), as the results table shows it. */
export function fieldValueOf(event: unknown, field: string): unknown {
  return getField(event, splitFieldName(field));
}

/** Whether the query could not run (syntax or other errors): its result then has no matches to show. */
export function queryFailed(response: EvaluationResult | null | undefined): boolean {
  return !response?.result || response.result.diagnostics.some((d) => d.severity === 'error');
}
