/**
 * Lints for `regex` patterns. Elasticsearch evaluates them as Lucene RegExp (eql-semantics §5)
 * with all optional operators (`~ & # @ <n-m>`) and Lucene 9's `\d \s \w` classes; `^`/`$` are
 * ordinary characters and the pattern is anchored at both ends. Syntax is checked by the same
 * parser and automaton builder the matcher uses (`eql/regex`), so the checker and the evaluator
 * cannot disagree. We report
 *  - what Lucene rejects, at the offset it names (a pattern too complex to determinize too), and
 *  - what parses but almost certainly never matches what the author meant.
 */
import { compileLuceneRegex } from '../regex/index.ts';

export interface RegexProblem {
  kind: 'invalid' | 'never-matches';
  message: string;
  /** UTF-16 offset of the problem inside the pattern's value, when it has one. */
  offset?: number;
}

export function lintRegex(pattern: string, caseInsensitive = false): RegexProblem[] {
  const problems: RegexProblem[] = [];
  const compiled = compileLuceneRegex(pattern, caseInsensitive);
  if (!compiled.ok && compiled.kind === 'syntax') {
    const hint = /^invalid character class \\[a-zA-Z]$/.test(compiled.error.message)
      ? ' (Lucene has no escapes such as \\n or \\t: a backslash before a letter other than d, s, w, D, S, W is an error)'
      : '';
    problems.push({ kind: 'invalid', message: `Invalid Lucene regular expression: ${compiled.error.message}${hint}.`, offset: compiled.error.offset });
  } else if (!compiled.ok) {
    problems.push({ kind: 'invalid', message: `Lucene cannot run this pattern: ${compiled.message}.` });
  }

  if (pattern.startsWith('^') || (pattern.endsWith('$') && !pattern.endsWith('\\$'))) {
    problems.push({
      kind: 'never-matches',
      message: 'In Lucene regular expressions `^` and `$` are ordinary characters (the pattern is already anchored at both ends); remove them.',
    });
  }
  if (pattern.includes('(?')) {
    problems.push({
      kind: 'never-matches',
      message: 'Inline flags and groups such as `(?i)` are not supported by Lucene; use `regex~` for case-insensitive matching.',
    });
  }
  if (/^[*+?]/.test(pattern)) {
    problems.push({ kind: 'never-matches', message: `A leading \`${pattern[0]}\` is a literal character in Lucene; did you mean \`.${pattern[0]}\`?` });
  }
  return problems;
}

/**
 * Where an offset into a string literal's value falls in its source text `raw` (`"…"` with EQL
 * escapes, or `"""…"""` verbatim), relative to the literal's start.
 */
export function valueOffsetToSource(raw: string, offset: number): number {
  if (raw.startsWith('"""')) return 3 + offset;
  let value = 0;
  let i = 1;
  while (i < raw.length - 1 && value < offset) {
    if (raw[i] !== '\\') {
      value++;
      i++;
      continue;
    }
    const next = raw[i + 1];
    if (next === 'u' && raw[i + 2] === '{') {
      const close = raw.indexOf('}', i);
      const cp = parseInt(raw.slice(i + 3, close), 16);
      value += cp > 0xffff ? 2 : 1;
      i = close + 1;
    } else {
      value += 'nrtbf\\"\''.includes(next) ? 1 : 2;
      i += 2;
    }
  }
  return i;
}
