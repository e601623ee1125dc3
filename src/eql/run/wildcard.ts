/**
 * `like` patterns: `*` is any run of characters, `?` exactly one code point; nothing else is
 * special and there is no escape (Elasticsearch's StringUtils.toLikePattern escapes `\` before
 * Lucene's WildcardQuery sees it). Characters of the value are always literal: a `*` in the
 * value is matched by the pattern like any other character. The whole value must match.
 * `like~` folds case per code point as Elasticsearch's case-insensitive wildcard automaton does
 * (see eql/regex/case-fold.ts), never by lower-casing whole strings.
 */
import { foldMatches, isAscii } from '../regex/case-fold.ts';

export type StringMatcher = (s: string) => boolean;

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Matches `s` against a `like`/`like~` pattern. */
export function compileWildcard(pattern: string, caseInsensitive: boolean): StringMatcher {
  if (!caseInsensitive) return compileExact(pattern);
  const slow = codePointMatcher(pattern, foldMatches);
  if (!isAscii(pattern)) return slow;
  // An ASCII pattern against the value's toLowerCase() is exact, except for the two non-ASCII
  // characters that fold to ASCII differently: İ (lower-cases to two characters, "i̇", but is not
  // a variant of i) and ſ (a variant of s that toLowerCase leaves alone). The Kelvin sign
  // lower-cases to k, which is also its fold.
  const lowered = pattern.toLowerCase();
  const inPlace = foldedAsciiMatcher(lowered, slow);
  if (inPlace) return inPlace;
  const fast = compileExact(lowered);
  return (s) => {
    const lower = s.toLowerCase();
    if (lower.length !== s.length) return slow(s);
    if (fast(lower)) return true;
    return lower.indexOf('\u017f') >= 0 ? slow(s) : false;
  };
}

/** Outcome of comparing a value's ASCII characters with a lower-case ASCII text: NON_ASCII sends the value to the exact matcher. */
const NON_ASCII = 2;

/**
 * Whether `s` from `at` spells the lower-case ASCII `p` up to ASCII case (1/0), or NON_ASCII
 * when one of those characters of `s` is not ASCII (it may still fold to p's: K, ſ).
 */
function foldedAsciiAt(s: string, at: number, p: string): number {
  for (let k = 0; k < p.length; k++) {
    let c = s.charCodeAt(at + k);
    if (c >= 128) return NON_ASCII;
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== p.charCodeAt(k)) return 0;
  }
  return 1;
}

/**
 * `abc`, `abc*` and `*abc` (lower-case ASCII, no `?`) matched without making a
 * lower-cased copy of each value, which costs more than the comparison: ASCII characters are
 * compared up to case in place. A value whose compared characters are not all ASCII goes to
 * `slow`, the per-code-point fold (only the Kelvin sign and ſ fold to ASCII letters, each one
 * UTF-16 unit, so a value of another length than an exact pattern never matches). Undefined for
 * other patterns (`*abc*` is faster through the native lower-casing and search).
 */
function foldedAsciiMatcher(p: string, slow: StringMatcher): StringMatcher | undefined {
  if (p.includes('?')) return undefined;
  const parts = p.split('*');
  if (parts.length === 1) return (s) => (s.length !== p.length ? false : foldResult(foldedAsciiAt(s, 0, p), s, slow));
  if (parts.length === 2 && parts[1] === '') {
    const head = parts[0];
    return (s) => (s.length < head.length ? false : foldResult(foldedAsciiAt(s, 0, head), s, slow));
  }
  if (parts.length === 2 && parts[0] === '') {
    const tail = parts[1];
    return (s) => (s.length < tail.length ? false : foldResult(foldedAsciiAt(s, s.length - tail.length, tail), s, slow));
  }
  return undefined;
}

function foldResult(r: number, s: string, slow: StringMatcher): boolean {
  return r === NON_ASCII ? slow(s) : r === 1;
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

/**
 * General matcher over code points: `?` is one code point, `same(patternCp, valueCp)` decides
 * literal characters. Iterative with single-star backtracking, O(|p|·|s|) at worst, reading the
 * value in place (no copy); a `*` in the pattern is always tried as a wildcard first, so a `*` in
 * the value never hides it.
 */
function codePointMatcher(pattern: string, same: (p: number, v: number) => boolean): StringMatcher {
  const p = Int32Array.from(Array.from(pattern, (ch) => ch.codePointAt(0)!));
  const plen = p.length;
  return (s) => {
    const slen = s.length;
    let pi = 0,
      si = 0,
      starP = -1,
      starS = 0;
    while (si < slen) {
      let c = s.charCodeAt(si);
      let w = 1;
      if (c >= 0xd800 && c <= 0xdbff && si + 1 < slen) {
        const lo = s.charCodeAt(si + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
          w = 2;
        }
      }
      const pc = pi < plen ? p[pi] : -1;
      if (pc === STAR) {
        starP = pi++;
        starS = si;
      } else if (pc !== -1 && (pc === QUESTION || pc === c || same(pc, c))) {
        pi++;
        si += w;
      } else if (starP >= 0) {
        pi = starP + 1;
        const h = s.charCodeAt(starS);
        starS += h >= 0xd800 && h <= 0xdbff && starS + 1 < slen && (s.charCodeAt(starS + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
        si = starS;
      } else {
        return false;
      }
    }
    while (pi < plen && p[pi] === STAR) pi++;
    return pi === plen;
  };
}
