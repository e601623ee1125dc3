/**
 * The subset of `query_string` Kibana emits for KQL wildcards: terms separated by whitespace, each
 * with backslash-escaped reserved characters and unescaped `*`/`?` wildcards, plus quoted phrases.
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/query-dsl-query-string-query.html
 * Anything else of the Lucene query syntax (field:, AND/OR/NOT, +/-, groups, ranges, fuzzy,
 * regex, boosts) is reported, not guessed.
 */
import { parseWildcardPattern, type PatternPart } from './pattern.ts';

export type QueryStringTerm = { kind: 'wildcard'; parts: PatternPart[] } | { kind: 'term'; text: string } | { kind: 'phrase'; text: string };

export type ParsedQueryString = { ok: true; terms: QueryStringTerm[] } | { ok: false; message: string };

/** Syntax characters we do not interpret when unescaped. */
const UNSUPPORTED = new Set(['(', ')', '[', ']', '{', '}', ':', '^', '~', '/']);
const OPERATORS = new Set(['AND', 'OR', 'NOT', '&&', '||']);

export function parseQueryString(query: string): ParsedQueryString {
  const terms: QueryStringTerm[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      while (i < n && query[i] !== '"') {
        if (query[i] === '\\' && i + 1 < n) i++;
        text += query[i++];
      }
      if (i >= n) return { ok: false, message: 'an unterminated quoted phrase' };
      i++;
      terms.push({ kind: 'phrase', text });
      continue;
    }
    if ((c === '+' || c === '-' || c === '!') && i + 1 < n && !/\s/.test(query[i + 1])) {
      return { ok: false, message: `the "${c}" operator` };
    }
    // One term: up to unescaped whitespace.
    const start = i;
    let raw = '';
    let wildcard = false;
    while (i < n && !/\s/.test(query[i])) {
      const ch = query[i];
      if (ch === '\\' && i + 1 < n) {
        raw += query.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (UNSUPPORTED.has(ch) || ch === '"') return { ok: false, message: `the unescaped "${ch}" in "${query.slice(start, Math.min(n, start + 40))}"` };
      if (ch === '*' || ch === '?') wildcard = true;
      raw += ch;
      i++;
    }
    if (OPERATORS.has(raw)) return { ok: false, message: `the ${raw} operator` };
    if (wildcard) terms.push({ kind: 'wildcard', parts: parseWildcardPattern(raw) });
    else terms.push({ kind: 'term', text: raw.replace(/\\(.)/g, '$1') });
  }
  return { ok: true, terms };
}
