/**
 * Layer 2 — repository, across files: no two rules may share a `rule_id` or a `name`
 * (detection-rules' loader refuses the whole set). Deprecated rules are left out, as upstream
 * keeps them in a separate collection whose names may repeat active ones.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { LoadedRule } from '../types.ts';
import { createReporter } from './report.ts';
import { isString, isTable } from './values.ts';

/** Diagnostics per rule (by index in `rules`) for every rule_id or name another rule also uses. */
export function findCollisions(rules: readonly LoadedRule[]): Map<number, Diagnostic[]> {
  const byKey = new Map<string, number[]>();
  rules.forEach((rule, i) => {
    const data = rule.data;
    if (!data || !isTable(data.rule)) return;
    if (isTable(data.metadata) && data.metadata.maturity === 'deprecated') return;
    for (const key of ['rule_id', 'name'] as const) {
      const value = data.rule[key];
      if (!isString(value)) continue;
      const k = `${key}\u0000${value}`;
      byKey.set(k, [...(byKey.get(k) ?? []), i]);
    }
  });
  const found = new Map<number, Diagnostic[]>();
  for (const [k, indices] of byKey) {
    if (indices.length < 2) continue;
    const [key, value] = k.split('\u0000');
    for (const i of indices) {
      const others = indices.filter((j) => j !== i).map((j) => rules[j].path ?? `rule #${j + 1}`);
      const r = createReporter(rules[i]);
      const fix = key === 'rule_id' ? 'give one of them a new UUID' : 'rename one of them';
      r.error(`rule/repo/duplicate-${key === 'rule_id' ? 'rule-id' : 'name'}`, `rule.${key}`, `${key} ${JSON.stringify(value)} is also used by ${others.join(', ')}; ${fix}.`);
      found.set(i, [...(found.get(i) ?? []), ...r.diagnostics]);
    }
  }
  return found;
}
