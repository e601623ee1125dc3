import { parsePath } from '../../rule/toml-path.ts';
import { selectedEntry, useStudio } from '../../state/studio.ts';

/** The value at a TOML path of the selected rule (`rule.threat[0].tactic.id`), or undefined. */
export function useRuleValue(path: string): unknown {
  return useStudio((s) => valueAt(selectedEntry(s)?.rule.data, path));
}

export function valueAt(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const segment of parsePath(path) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The store's value as text (strings only), so controls never show "[object Object]". */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}
