import { selectRuleValue } from '../../state/rule-form.ts';
import { useApp } from '../../state/store.ts';

/** The value at a TOML path of the selected rule (`rule.threat[0].tactic.id`), or undefined. */
export function useRuleValue(path: string): unknown {
  return useApp(selectRuleValue(path));
}

/** The store's value as text (strings only), so controls never show "[object Object]". */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}
