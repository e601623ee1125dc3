/**
 * What the rule list needs of a repository rule without loading it: its name and one lower-case
 * search text (name, tags, ATT&CK tactics and techniques, rule type, language, and the fields its
 * query names). Read with the span scanner alone (no TOML parse, no query parse), so thousands of
 * rules are summarised in a fraction of a second; a rule is loaded fully only when opened. Pure.
 */
import { decodeStringLiteral } from './toml-long-strings.ts';
import { scanTomlSpans } from './toml-scan.ts';

export interface RuleSummary {
  path: string;
  /** `rule.name`, or the file name when the rule has none (or it cannot be read). */
  name: string;
  /** Lower-case, newline-separated: what a search word can match. */
  search: string;
}

/** Span paths whose string values are searched: name, type, language, tags, threat ids and names. */
const SEARCHED = /^rule\.(name|type|language|tags\[\d+\]|threat\[\d+\]\.(tactic|technique\[\d+\](\.subtechnique\[\d+\])?)\.(id|name))$/;

/**
 * Field names a query mentions, read lexically: dotted names (`process.name`, `event.category`)
 * outside quoted strings. Not the query parser's answer (that would cost a parse per rule), but
 * what a search for a field name needs; undotted names (`message`) are not told from keywords.
 */
export function queryFieldWords(query: string): string[] {
  const unquoted = query.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|"""[\s\S]*?"""/g, ' ');
  const fields = new Set<string>();
  for (const m of unquoted.matchAll(/`([^`\n]+)`|[A-Za-z_@][\w@-]*(?:\.[\w@*-]+)+/g)) {
    const name = m[1] ?? m[0];
    if (name.includes('.') && !/^\d/.test(name)) fields.add(name);
  }
  return [...fields];
}

export function summarizeRule(path: string, text: string): RuleSummary {
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  const parts: string[] = [];
  let name = '';
  let query = '';
  for (const span of scanTomlSpans(text).values()) {
    const isQuery = span.path === 'rule.query';
    if (!isQuery && !SEARCHED.test(span.path)) continue;
    const value = decodeStringLiteral(text, span.valueRange.start, span.valueRange.end)?.value;
    if (value === undefined) continue;
    if (isQuery) query = value;
    else {
      if (span.path === 'rule.name') name = value;
      parts.push(value);
    }
  }
  parts.push(...queryFieldWords(query));
  if (!name) parts.push(fileName);
  return { path, name: name || fileName, search: parts.join('\n').toLowerCase() };
}

/** Every word of the query occurs somewhere in the search text ("linux execution" narrows). */
export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesWords(search: string, words: readonly string[]): boolean {
  for (const w of words) if (!search.includes(w)) return false;
  return true;
}
