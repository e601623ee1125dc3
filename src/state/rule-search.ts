/**
 * Matching rules against the list's search box: by name, tag, ATT&CK tactic and technique, rule
 * type, language, and field used in the query. An open rule is searched as it is now (edits
 * included), with the same summary a repository rule not opened yet is searched by. Pure.
 */
import type { LoadedRule } from '../rule/types.ts';
import { matchesWords, summarizeRule } from '../rule/rule-summary.ts';

export { matchesWords, type RuleSummary, searchWords } from '../rule/rule-summary.ts';

/** One summary per rule text: a rule's search text is read once, not on every keystroke. */
const cache = new WeakMap<LoadedRule, string>();

/** Lower-cased text a query can match (see rule-summary.ts). */
export function searchTextOf(rule: LoadedRule, fileName: string): string {
  let text = cache.get(rule);
  if (text === undefined) {
    text = summarizeRule(fileName, rule.text).search;
    cache.set(rule, text);
  }
  return text;
}

/** Every word must occur (in any field): "linux execution" narrows as expected. */
export function matchesSearch(rule: LoadedRule, fileName: string, words: readonly string[]): boolean {
  return words.length === 0 || matchesWords(searchTextOf(rule, fileName), words);
}
