/**
 * The settings a rule gives its query: they configure the evaluator and the checks exactly as
 * they configure Elasticsearch and detection-rules.
 */
import type { TomlTable } from './types.ts';

export interface RuleQuerySettings {
  query: string;
  language?: string;
  /** `metadata.min_stack_version`: picks the schema. */
  stackVersion?: string;
  indexPatterns?: string[];
  /** `metadata.integration`: Fleet packages whose fields the schema adds. */
  integrations?: string[];
  /** `timestamp_override`, else `@timestamp`. */
  timestampField: string;
  /** `event_category_override`, else `event.category`. */
  eventCategoryField: string;
  tiebreakerField?: string;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((i): i is string => typeof i === 'string') : undefined);

export function querySettingsOf(data: TomlTable | null | undefined): RuleQuerySettings {
  const rule = (data?.rule ?? {}) as Record<string, unknown>;
  const metadata = (data?.metadata ?? {}) as Record<string, unknown>;
  return {
    query: str(rule.query) ?? '',
    language: str(rule.language),
    stackVersion: str(metadata.min_stack_version),
    indexPatterns: strings(rule.index),
    integrations: strings(metadata.integration),
    timestampField: str(rule.timestamp_override) ?? '@timestamp',
    eventCategoryField: str(rule.event_category_override) ?? 'event.category',
    tiebreakerField: str(rule.tiebreaker_field),
  };
}
