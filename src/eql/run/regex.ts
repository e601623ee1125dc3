/**
 * EQL `regex`/`regex~`: Lucene regular expressions, compiled by the shared `eql/regex` module
 * (the checker uses the same parser) to a DFA, so matching is linear in the input and never
 * backtracks. Patterns are anchored at both ends, as Lucene's are.
 */
import { compileLuceneRegex } from '../regex/index.ts';

export interface RegexCompileResult {
  /** undefined when the pattern could not be compiled (see `error`). */
  matcher?: RegexMatcher;
  error?: { code: 'eql/regex-syntax' | 'eql/regex-budget'; message: string };
}

/** Whether the whole string matches (a DFA: linear time, no budget to run out of). */
export type RegexMatcher = (s: string) => boolean;

/** Compiles a Lucene regular expression; `caseInsensitive` for `regex~`. */
export function compileRegex(pattern: string, caseInsensitive: boolean): RegexCompileResult {
  const r = compileLuceneRegex(pattern, caseInsensitive);
  if (r.ok) return { matcher: r.matches };
  if (r.kind === 'syntax') {
    return { error: { code: 'eql/regex-syntax', message: `Invalid regular expression [${pattern}]: ${r.error.message}.` } };
  }
  return { error: { code: 'eql/regex-budget', message: `Regular expression [${pattern}]: ${r.message}.` } };
}
