/** Matching rules against the list's search box: by name, tag or ATT&CK tactic. Pure. */
import type { TomlTable } from '../../rule/types.ts';

export interface SearchableRule {
  name: string;
  data: TomlTable | null;
}

/** Lower-cased text a query can match: the name, every tag, and the tactic ids and names. */
export function searchTextOf(rule: SearchableRule): string {
  const table = (rule.data?.rule ?? {}) as TomlTable;
  const parts = [rule.name];
  if (Array.isArray(table.tags)) parts.push(...table.tags.map(String));
  if (Array.isArray(table.threat)) {
    for (const threat of table.threat as TomlTable[]) {
      const tactic = (threat?.tactic ?? {}) as TomlTable;
      parts.push(String(tactic.name ?? ''), String(tactic.id ?? ''));
    }
  }
  return parts.join('\n').toLowerCase();
}

/** Every word of the query must occur (in any field): "linux execution" narrows as expected. */
export function matchesSearch(rule: SearchableRule, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const text = searchTextOf(rule);
  return words.every((w) => text.includes(w));
}
