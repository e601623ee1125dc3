/**
 * Rule validation: the three layers detection-rules applies, each labelled in its codes.
 *
 * - load  ('rule/load/…')  types, required keys, patterns, enums, ranges, unknown keys and the
 *                          load-time cross-field checks (load-layer.ts);
 * - repo  ('rule/repo/…')  the repository's lint tests: tags, ATT&CK, risk/severity, dates,
 *                          stack restrictions, scheduling (repo-layer.ts);
 * - query ('rule/query/…') the query itself, through the EQL checker (query-layer.ts).
 *
 * TOML syntax errors are the loader's (`rule.diagnostics`) and are not repeated here.
 * Deprecated rules get only the repository checks that apply to them (dates, folder), as
 * upstream loads them as plain data.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { LoadedRule } from '../types.ts';
import { createReporter } from './report.ts';
import { loadLayer } from './load-layer.ts';
import { repoLayer } from './repo-layer.ts';
import { queryLayer } from './query-layer.ts';
import { checkQuery } from '../../eql/check/index.ts';
import { isTable } from './values.ts';

export interface ValidateOptions {
  /** Today as YYYY/MM/DD (defaults to the current UTC date); dates after it are flagged. */
  today?: string;
  /**
   * Skip the query layer: the editor checks the query on its own (with ranges in the query
   * rather than the file), so checking it twice per keystroke would be wasted work.
   */
  skipQueryLayer?: boolean;
}

export function validateRule(rule: LoadedRule, options: ValidateOptions = {}): Diagnostic[] {
  const data = rule.data;
  if (!data) return [];
  const r = createReporter(rule);
  const deprecated = isTable(data.metadata) && data.metadata.maturity === 'deprecated';
  // Upstream loads deprecated rules as plain data: only their dates and folder are checked.
  if (!deprecated) loadLayer(data, r);
  repoLayer(data, { today: options.today ?? todayUtc(), filePath: rule.path }, r);
  if (!deprecated && !options.skipQueryLayer) queryLayer(data, checkQuery, r);
  return r.diagnostics;
}

function todayUtc(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}/${pad(now.getUTCMonth() + 1)}/${pad(now.getUTCDate())}`;
}

export { findCollisions, ruleIdentity, type RuleIdentity } from './collisions.ts';
