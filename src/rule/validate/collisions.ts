/**
 * Layer 2 — repository, across files: no two rules may share a `rule_id` or a `name`
 * (detection-rules' loader refuses the whole set). Deprecated rules are left out, as upstream
 * keeps them in a separate collection whose names may repeat active ones.
 *
 * Works on small identities rather than loaded rules, so a caller validating thousands of
 * files can drop each rule once it is validated.
 */
import type { Diagnostic, TextRange } from '../../diagnostic.ts';
import type { LoadedRule } from '../types.ts';
import { locateRange } from './report.ts';
import { isString, isTable } from './values.ts';

const KEYS = ['rule_id', 'name'] as const;
type IdentityKey = (typeof KEYS)[number];

/** What collision checks need of one rule: its id and name and where they are written. */
export interface RuleIdentity {
  path?: string;
  values: Partial<Record<IdentityKey, { value: string; range?: TextRange }>>;
}

/** The identity of a rule, or undefined when it takes no part (unparsed or deprecated). */
export function ruleIdentity(rule: LoadedRule): RuleIdentity | undefined {
  const data = rule.data;
  if (!data || !isTable(data.rule)) return undefined;
  if (isTable(data.metadata) && data.metadata.maturity === 'deprecated') return undefined;
  const values: RuleIdentity['values'] = {};
  for (const key of KEYS) {
    const value = data.rule[key];
    if (isString(value)) values[key] = { value, range: locateRange(rule, `rule.${key}`) };
  }
  return { path: rule.path, values };
}

/** Diagnostics per identity (by index) for every rule_id or name another rule also uses. */
export function findCollisions(identities: readonly (RuleIdentity | undefined)[]): Map<number, Diagnostic[]> {
  const byValue = new Map<string, number[]>();
  identities.forEach((id, i) => {
    for (const key of KEYS) {
      const v = id?.values[key];
      if (!v) continue;
      const k = `${key}\u0000${v.value}`;
      byValue.set(k, [...(byValue.get(k) ?? []), i]);
    }
  });
  const found = new Map<number, Diagnostic[]>();
  for (const [k, indices] of byValue) {
    if (indices.length < 2) continue;
    const key = k.slice(0, k.indexOf('\u0000')) as IdentityKey;
    for (const i of indices) {
      const own = identities[i]!.values[key]!;
      const others = indices.filter((j) => j !== i).map((j) => identities[j]!.path ?? `rule #${j + 1}`);
      const fix = key === 'rule_id' ? 'give one of them a new UUID' : 'rename one of them';
      const d: Diagnostic = {
        severity: 'error',
        code: `rule/repo/duplicate-${key === 'rule_id' ? 'rule-id' : 'name'}`,
        message: `${key} ${JSON.stringify(own.value)} is also used by ${others.join(', ')}; ${fix}.`,
        source: 'schema',
        path: `rule.${key}`,
      };
      if (own.range) d.range = own.range;
      found.set(i, [...(found.get(i) ?? []), d]);
    }
  }
  return found;
}
