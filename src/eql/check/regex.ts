/**
 * Lints for `regex` patterns. Elasticsearch evaluates them as Lucene RegExp (eql-semantics §5):
 * anchored at both ends, no `\d \s \w` classes, `^`/`$` are ordinary characters, and the parser
 * is lenient (most stray metacharacters are literals). We report
 *  - what Lucene rejects (unbalanced parentheses or brackets, a trailing backslash, a bad
 *    `{n,m}` repeat, a reversed character range), and
 *  - what parses but almost certainly never matches what the author meant.
 * The recursive-descent walk mirrors Lucene's RegExp parser, so "literal" matches its reading.
 */

export interface RegexProblem {
  kind: 'invalid' | 'never-matches';
  message: string;
}

export function lintRegex(pattern: string): RegexProblem[] {
  const problems: RegexProblem[] = [];
  const syntax = parseLucene(pattern);
  if (syntax) problems.push({ kind: 'invalid', message: `Invalid Lucene regular expression: ${syntax}.` });

  if (pattern.startsWith('^') || (pattern.endsWith('$') && !pattern.endsWith('\\$'))) {
    problems.push({
      kind: 'never-matches',
      message: 'In Lucene regular expressions `^` and `$` are ordinary characters (the pattern is already anchored at both ends); remove them.',
    });
  }
  const cls = escapedClassLetter(pattern);
  if (cls) {
    problems.push({
      kind: 'never-matches',
      message: `\`\\${cls}\` is not a character class in Lucene regular expressions (it matches the letter "${cls}"); use a class such as [0-9] or [ ].`,
    });
  }
  if (pattern.includes('(?')) {
    problems.push({ kind: 'never-matches', message: 'Inline flags and groups such as `(?i)` are not supported by Lucene; use `regex~` for case-insensitive matching.' });
  }
  if (/^[*+?]/.test(pattern)) {
    problems.push({ kind: 'never-matches', message: `A leading \`${pattern[0]}\` is a literal character in Lucene; did you mean \`.${pattern[0]}\`?` });
  }
  return problems;
}

/** The letter of the first `\d \s \w \D \S \W` escape, skipping escaped backslashes (`\\S` is fine). */
function escapedClassLetter(pattern: string): string | null {
  for (let i = 0; i < pattern.length - 1; i++) {
    if (pattern[i] !== '\\') continue;
    const next = pattern[i + 1];
    if ('dswDSW'.includes(next)) return next;
    i++;
  }
  return null;
}

/** Returns a description of the first syntax error Lucene would raise, or null. */
function parseLucene(p: string): string | null {
  let i = 0;
  const more = () => i < p.length;
  const peek = (chars: string) => more() && chars.includes(p[i]);
  class Fail extends Error {}
  const fail = (msg: string): never => {
    throw new Fail(msg);
  };

  const charExp = (): string => {
    if (p[i] === '\\') i++;
    if (!more()) fail('unexpected end of pattern (a trailing backslash?)');
    return p[i++];
  };
  const simple = (): void => {
    const c = p[i];
    if (c === '.' || c === '#' || c === '@') {
      i++;
    } else if (c === '"') {
      const end = p.indexOf('"', i + 1);
      if (end < 0) fail('expected a closing `"`');
      i = end + 1;
    } else if (c === '(') {
      i++;
      if (p[i] === ')') {
        i++;
        return;
      }
      union();
      if (p[i] !== ')') fail('expected `)`');
      i++;
    } else if (c === '<') {
      const end = p.indexOf('>', i);
      if (end < 0) fail('expected `>` to close an interval <n-m>');
      const body = p.slice(i + 1, end);
      const m = /^(\d+)-(\d+)$/.exec(body);
      if (!m) fail(`invalid interval <${body}>`);
      i = end + 1;
    } else {
      charExp();
    }
  };
  const charClass = (): void => {
    // `[` already consumed.
    if (p[i] === '^') i++;
    do {
      const from = charExp();
      if (p[i] === '-' && p[i + 1] !== ']' && i + 1 < p.length) {
        i++;
        const to = charExp();
        if (to < from) fail(`invalid character range ${from}-${to}`);
      }
    } while (more() && p[i] !== ']');
    if (p[i] !== ']') fail('expected `]`');
    i++;
  };
  const charClassExp = (): void => {
    if (p[i] === '[') {
      i++;
      charClass();
    } else simple();
  };
  const compl = (): void => {
    if (p[i] === '~') {
      i++;
      compl();
    } else charClassExp();
  };
  const repeat = (): void => {
    compl();
    while (peek('?*+{')) {
      if (p[i] === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
        if (!m) throw new Fail('expected a repeat such as {2} or {1,3}');
        if (m[3] && Number(m[3]) < Number(m[1])) fail(`repeat {${m[1]},${m[3]}} has its maximum below its minimum`);
        i += m[0].length;
      } else i++;
    }
  };
  const concat = (): void => {
    repeat();
    while (more() && !peek(')|&')) repeat();
  };
  const inter = (): void => {
    concat();
    if (p[i] === '&') {
      i++;
      inter();
    }
  };
  function union(): void {
    inter();
    if (p[i] === '|') {
      i++;
      union();
    }
  }

  try {
    if (p.length === 0) return null;
    union();
    if (more()) fail(`unexpected \`${p[i]}\` at position ${i}`);
    return null;
  } catch (e) {
    if (e instanceof Fail) return e.message;
    throw e;
  }
}
