/**
 * Layer 3 — query: the rule's query checked by the language service, with the checker's
 * offsets (inside the query string) moved to offsets in the TOML file by the reporter. Codes
 * are the checker's prefixed with 'rule/query/' (an EQL syntax error becomes
 * 'rule/query/eql/syntax…', a lint 'rule/query/lint/…').
 *
 * Only EQL has a checker today; KQL and ES|QL queries pass through unchecked (ES|QL is only
 * validated against a live stack upstream as well).
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { CheckOptions } from '../../eql/check/index.ts';
import type { TomlTable } from '../types.ts';
import type { Reporter } from './report.ts';
import { isString, isTable, stringsOf } from './values.ts';

/** The rule settings that choose the schema and configure the checker. */
export type QueryCheckOptions = Omit<CheckOptions, 'schema'>;
/** The shape of `checkQuery` in src/eql/check (only its diagnostics are used here). */
export type QueryChecker = (text: string, options: QueryCheckOptions) => { diagnostics: Diagnostic[] };

export function queryLayer(data: TomlTable, check: QueryChecker, r: Reporter): void {
  const body = data.rule;
  const meta = isTable(data.metadata) ? data.metadata : {};
  if (!isTable(body) || body.language !== 'eql' || !isString(body.query) || body.query.trim() === '') return;
  const options: QueryCheckOptions = { indexPatterns: stringsOf(body.index), integrations: stringsOf(meta.integration) };
  // Unset means "every supported stack" to the checker, which is what upstream validates against.
  if (isString(meta.min_stack_version)) options.stackVersion = meta.min_stack_version;
  if (isString(body.timestamp_field)) options.timestampField = body.timestamp_field;
  if (isString(body.event_category_override)) options.eventCategoryField = body.event_category_override;
  if (isString(body.tiebreaker_field)) options.tiebreakerField = body.tiebreaker_field;

  // `query_schema_validation = false` turns off schema checks upstream; syntax still matters.
  const schemaChecks = meta.query_schema_validation !== false;
  let diagnostics: Diagnostic[];
  try {
    diagnostics = check(body.query, options).diagnostics;
  } catch (err) {
    // A checker bug must not take the other layers' findings (or a whole CLI run) down with it.
    const why = err instanceof Error ? err.message : String(err);
    r.error(
      'rule/query/internal',
      'rule.query',
      `The query could not be checked (internal error: ${why}); please report it, the other checks still ran.`,
      'key',
    );
    return;
  }
  const found = diagnostics.filter((d) => schemaChecks || d.code.startsWith('eql/syntax'));
  for (const d of found) {
    const anchor = d.range ? { start: d.range.start, end: d.range.end } : 'value';
    r.report(d.severity, `rule/query/${d.code}`, 'rule.query', d.message, anchor, d.fix);
  }
}
