/**
 * The query layer for KQL: a rule's `query` (language "kuery") and `threat_query`
 * (threat_language "kuery") checked by the KQL service, with the diagnostics' offsets in the
 * query moved to offsets in the TOML file and codes prefixed 'rule/query/' as the EQL query
 * layer does (src/rule/validate/query-layer.ts). As there, deprecated rules are not checked and
 * `metadata.query_schema_validation = false` keeps only syntax errors. Pure: the CLI and the
 * repository worker both run it.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { checkKql } from '../../kql/service/check.ts';
import type { LoadedRule } from '../types.ts';
import { createReporter } from './report.ts';

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined);

export function checkKqlQueries(rule: LoadedRule): Diagnostic[] {
  const data = rule.data;
  if (!data || !isTable(data.rule)) return [];
  const body = data.rule;
  const meta = isTable(data.metadata) ? data.metadata : {};
  if (meta.maturity === 'deprecated') return [];
  const options = {
    stackVersion: typeof meta.min_stack_version === 'string' ? meta.min_stack_version : undefined,
    indexPatterns: strings(body.index),
    integrations: strings(meta.integration),
  };
  const threatOptions = { ...options, indexPatterns: strings(body.threat_index) };
  const schemaChecks = meta.query_schema_validation !== false;
  const r = createReporter(rule);
  const check = (path: string, text: unknown, opts: typeof options) => {
    if (typeof text !== 'string' || text.trim() === '') return;
    for (const d of checkKql(text, opts)) {
      if (!schemaChecks && !d.code.startsWith('kql/syntax')) continue;
      r.report(d.severity, `rule/query/${d.code}`, path, d.message, d.range ? { start: d.range.start, end: d.range.end } : 'value', d.fix);
    }
  };
  if (body.language === 'kuery') check('rule.query', body.query, options);
  if (body.threat_language === 'kuery') check('rule.threat_query', body.threat_query, threatOptions);
  return r.diagnostics;
}
