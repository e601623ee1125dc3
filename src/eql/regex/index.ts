/**
 * Lucene regular expressions, one implementation for the checker and the matcher: parse
 * (`lucene-parser.ts`), then a DFA (`automaton.ts`). Compiled patterns are cached, so checking a
 * query and then running it builds each automaton once.
 */
import { buildDfa, runDfa, TooComplexError, DFA_STATE_BUDGET } from './automaton.ts';
import { parseLuceneRegex, type RegexSyntaxError } from './lucene-parser.ts';
import { requiredSuffix } from './required-suffix.ts';

export { parseLuceneRegex, type RegexAst, type RegexSyntaxError } from './lucene-parser.ts';
export { DFA_STATE_BUDGET } from './automaton.ts';

export type LuceneRegex =
  | { ok: true; matches: (s: string) => boolean }
  | { ok: false; kind: 'syntax'; error: RegexSyntaxError }
  | { ok: false; kind: 'too-complex'; message: string };

/** A pattern matching exactly `value`: every character Lucene reserves (RegexpFlag.ALL) escaped. */
export function escapeLuceneRegex(value: string): string {
  return value.replace(/[.?+*|{}[\]()"\\#@&<>~]/g, '\\$&');
}

const cache = new Map<string, LuceneRegex>();
const CACHE_SIZE = 200;

/** Compiles a pattern as Elasticsearch's regexp query does; `caseInsensitive` for `regex~`. */
export function compileLuceneRegex(pattern: string, caseInsensitive: boolean, budget = DFA_STATE_BUDGET): LuceneRegex {
  const key = `${caseInsensitive ? 1 : 0}${budget}:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const r = compileUncached(pattern, caseInsensitive, budget);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, r);
  return r;
}

function compileUncached(pattern: string, caseInsensitive: boolean, budget: number): LuceneRegex {
  const tooComplex = (why: string): LuceneRegex => ({
    ok: false,
    kind: 'too-complex',
    message: `the regular expression is too complex: ${why} (Elasticsearch rejects such a pattern with TooComplexToDeterminizeException)`,
  });
  try {
    const parsed = parseLuceneRegex(pattern);
    if (!parsed.ok) return { ok: false, kind: 'syntax', error: parsed.error };
    const dfa = buildDfa(parsed.ast, caseInsensitive, budget);
    const suffix = caseInsensitive ? '' : requiredSuffix(parsed.ast);
    // A value without the suffix every match ends with is rejected before the DFA reads it whole.
    if (suffix !== '') return { ok: true, matches: (s) => s.endsWith(suffix) && runDfa(dfa, s) };
    return { ok: true, matches: (s) => runDfa(dfa, s) };
  } catch (e) {
    if (e instanceof TooComplexError) return tooComplex(e.message);
    // Thousands of nested groups or chained operators exhaust the stack (Lucene's recursive
    // parser overflows too): reported, never thrown.
    if (e instanceof RangeError) return tooComplex('it nests too deeply');
    throw e;
  }
}
