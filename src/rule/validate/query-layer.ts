/**
 * Layer 3 — query: the rule's query checked by the language service, with the checker's
 * offsets (inside the query string) moved to offsets in the TOML file. Codes are the checker's
 * prefixed with 'rule/query/' (an EQL syntax error becomes 'rule/query/eql/syntax').
 *
 * Only EQL has a checker today; KQL and ES|QL queries pass through unchecked (ES|QL is only
 * validated against a live stack upstream as well).
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { LoadedRule, TomlTable } from '../types.ts';
import type { Reporter } from './report.ts';
import { isString, isTable, stringsOf } from './values.ts';
import { effectiveMinStack } from './versions.ts';
import { stringOffsetMap } from './string-offsets.ts';

export interface QueryCheckOptions {
  stackVersion?: string;
  indexPatterns?: string[];
  timestampField?: string;
  eventCategoryField?: string;
  tiebreakerField?: string;
}
/** The shape of `checkQuery` in src/eql/check (only its diagnostics are used here). */
export type QueryChecker = (text: string, options: QueryCheckOptions) => { diagnostics: Diagnostic[] };

export function queryLayer(rule: LoadedRule, data: TomlTable, check: QueryChecker | undefined, r: Reporter): void {
  const body = data.rule;
  const meta = isTable(data.metadata) ? data.metadata : {};
  if (!check || !isTable(body) || body.language !== 'eql' || !isString(body.query) || body.query.trim() === '') return;
  const options: QueryCheckOptions = {
    stackVersion: effectiveMinStack(meta.min_stack_version),
    indexPatterns: stringsOf(body.index),
  };
  if (isString(body.timestamp_field)) options.timestampField = body.timestamp_field;
  if (isString(body.event_category_override)) options.eventCategoryField = body.event_category_override;
  if (isString(body.tiebreaker_field)) options.tiebreakerField = body.tiebreaker_field;

  // `query_schema_validation = false` turns off schema checks upstream; syntax still matters.
  const schemaChecks = meta.query_schema_validation !== false;
  const found = check(body.query, options).diagnostics.filter((d) => schemaChecks || d.code.startsWith('eql/syntax'));
  if (found.length === 0) return;

  const span = rule.spans.get('rule.query');
  const map = span ? stringOffsetMap(rule.text, span.valueRange.start) : undefined;
  for (const d of found) {
    const out: Diagnostic = { ...d, code: `rule/query/${d.code}`, source: 'schema', path: 'rule.query' };
    delete out.range;
    delete out.fix;
    if (map) {
      const at = (offset: number) => map[Math.min(Math.max(offset, 0), map.length - 1)];
      out.range = d.range ? { start: at(d.range.start), end: at(d.range.end) } : { ...span!.valueRange };
    } else if (span) {
      out.range = { ...span.valueRange };
    }
    r.diagnostics.push(out);
  }
}
