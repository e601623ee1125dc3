/**
 * `like` patterns: `*` is any run of characters, `?` exactly one code point; nothing else is
 * special and there is no escape (Elasticsearch's StringUtils.toLikePattern escapes `\` before
 * Lucene's WildcardQuery sees it). Characters of the value are always literal: a `*` in the
 * value is matched by the pattern like any other character. The whole value must match.
 * `like~` folds case per code point as Elasticsearch's case-insensitive wildcard automaton does
 * (see eql/regex/case-fold.ts), never by lower-casing whole strings.
 */
import { asciiFoldForm, foldMatches, isAscii } from '../regex/case-fold.ts';

export type StringMatcher = (s: string) => boolean;

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Matches `s` against a `like`/`like~` pattern. */
export function compileWildcard(pattern: string, caseInsensitive: boolean): StringMatcher {
  if (!caseInsensitive) return compileExact(pattern);
  const slow = codePointMatcher(pattern, foldMatches);
  // Against an ASCII value, folding is comparing ASCII-lower-cased text when the pattern allows it.
  const ascii = asciiFoldForm(pattern);
  if (ascii === null) return slow;
  const fast = compileExact(ascii);
  return (s) => (isAscii(s) ? fast(s.toLowerCase()) : slow(s));
}

/** Case-sensitive matcher, with fast forms for `abc*`, `*abc`, `*abc*` and `*`-only patterns. */
function compileExact(p: string): StringMatcher {
  if (!hasWildcard(p)) return (s) => s === p;
  if (p.includes('?')) return codePointMatcher(p, (a, b) => a === b);
  const parts = p.split('*');
  if (parts.length === 2 && parts[1] === '') return (s) => s.startsWith(parts[0]);
  if (parts.length === 2 && parts[0] === '') return (s) => s.endsWith(parts[1]);
  if (parts.length === 3 && parts[0] === '' && parts[2] === '') return (s) => s.includes(parts[1]);
  // Anchored first and last segments, leftmost placement of the middle ones (always safe with
  // only `*` wildcards). UTF-16 search is exact for literal segments of well-formed strings.
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((x) => x !== '');
  const minLen = first.length + last.length;
  return (s) => {
    if (s.length < minLen || !s.startsWith(first) || !s.endsWith(last)) return false;
    let pos = first.length;
    const end = s.length - last.length;
    for (const m of middle) {
      const at = s.indexOf(m, pos);
      if (at < 0 || at + m.length > end) return false;
      pos = at + m.length;
    }
    return true;
  };
}

const STAR = 42;
const QUESTION = 63;

function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/**
 * General matcher over code points: `?` is one code point, `same(patternCp, valueCp)` decides
 * literal characters. Iterative with single-star backtracking, O(|p|·|s|) at worst; a `*` in the
 * pattern is always tried as a wildcard first, so a `*` in the value never hides it.
 */
function codePointMatcher(pattern: string, same: (p: number, v: number) => boolean): StringMatcher {
  const p = codePoints(pattern);
  return (value) => {
    const s = codePoints(value);
    let pi = 0, si = 0, starP = -1, starS = 0;
    while (si < s.length) {
      const pc = pi < p.length ? p[pi] : -1;
      if (pc === STAR) {
        starP = pi++;
        starS = si;
      } else if (pc !== -1 && (pc === QUESTION || same(pc, s[si]))) {
        pi++;
        si++;
      } else if (starP >= 0) {
        pi = starP + 1;
        si = ++starS;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] === STAR) pi++;
    return pi === p.length;
  };
}
