/**
 * Lucene wildcard patterns as the `wildcard` and `prefix` queries read them: `*` any run, `?` one
 * code point, `\` escapes the next character.
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/query-dsl-wildcard-query.html
 * Reuses the EQL `like` matcher (no escapes) when no literal `*`/`?` is escaped, else a Lucene
 * regex automaton.
 */
import { compileLuceneRegex, escapeLuceneRegex } from '../../eql/regex/index.ts';
import { compileWildcard, type StringMatcher } from '../../eql/run/wildcard.ts';

/** One wildcard pattern, its escapes read: literal text and wildcards in order. */
export type PatternPart = { literal: string } | { wildcard: '*' | '?' };

export function parseWildcardPattern(pattern: string): PatternPart[] {
  const parts: PatternPart[] = [];
  let literal = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      literal += pattern[++i];
    } else if (c === '*' || c === '?') {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ wildcard: c });
    } else {
      literal += c;
    }
  }
  if (literal) parts.push({ literal });
  return parts;
}

/** A matcher of whole values for the parts (case folded per code point when `caseInsensitive`). */
export function compilePattern(parts: readonly PatternPart[], caseInsensitive: boolean): StringMatcher {
  const plain = parts.every((p) => !('literal' in p) || !/[*?]/.test(p.literal));
  if (plain) return compileWildcard(parts.map((p) => ('literal' in p ? p.literal : p.wildcard)).join(''), caseInsensitive);
  const regex = parts.map((p) => ('literal' in p ? escapeLuceneRegex(p.literal) : p.wildcard === '*' ? '.*' : '.')).join('');
  const compiled = compileLuceneRegex(regex, caseInsensitive);
  return compiled.ok ? compiled.matches : () => false;
}

/** `wildcard` query value. */
export function compileLuceneWildcard(pattern: string, caseInsensitive: boolean): StringMatcher {
  return compilePattern(parseWildcardPattern(pattern), caseInsensitive);
}

/** `prefix` query value (taken literally). */
export function compilePrefix(prefix: string, caseInsensitive: boolean): StringMatcher {
  if (!caseInsensitive) return (s) => s.startsWith(prefix);
  return compilePattern(prefix ? [{ literal: prefix }, { wildcard: '*' }] : [{ wildcard: '*' }], true);
}

/** Lower-cases the literal parts (a text field's normalizer applied to a multi-term query). */
export function mapLiterals(parts: readonly PatternPart[], f: (s: string) => string): PatternPart[] {
  return parts.map((p) => ('literal' in p ? { literal: f(p.literal) } : p));
}
