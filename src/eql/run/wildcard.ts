/**
 * `like` patterns: `*` is any run of characters, `?` exactly one; nothing else is special and
 * there is no escape (Elasticsearch's StringUtils.toLikePattern). The whole value must match.
 */

export type StringMatcher = (s: string) => boolean;

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Matches `s` against a pattern already lower-cased when `caseInsensitive`. */
export function compileWildcard(pattern: string, caseInsensitive: boolean): StringMatcher {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const norm = caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  if (!hasWildcard(p)) return (s) => norm(s) === p;
  if (!p.includes('?')) {
    const parts = p.split('*');
    // Fast forms: `abc*`, `*abc`, `*abc*`.
    if (parts.length === 2 && parts[1] === '') return (s) => norm(s).startsWith(parts[0]);
    if (parts.length === 2 && parts[0] === '') return (s) => norm(s).endsWith(parts[1]);
    if (parts.length === 3 && parts[0] === '' && parts[2] === '') return (s) => norm(s).includes(parts[1]);
    // General: anchored first and last segments, greedy-leftmost search for the middle ones
    // (leftmost placement is always safe with only `*` wildcards).
    const first = parts[0];
    const last = parts[parts.length - 1];
    const middle = parts.slice(1, -1).filter((x) => x !== '');
    const minLen = first.length + last.length;
    return (raw) => {
      const s = norm(raw);
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
  return (raw) => matchGeneral(p, norm(raw));
}

/** Iterative wildcard matching with single-star backtracking: O(|p|·|s|) worst case. */
function matchGeneral(p: string, s: string): boolean {
  let pi = 0, si = 0, starP = -1, starS = 0;
  while (si < s.length) {
    const pc = p.charCodeAt(pi);
    if (pi < p.length && (pc === 63 /* ? */ || pc === s.charCodeAt(si))) {
      pi++;
      si++;
    } else if (pi < p.length && pc === 42 /* * */) {
      starP = pi++;
      starS = si;
    } else if (starP >= 0) {
      pi = starP + 1;
      si = ++starS;
    } else {
      return false;
    }
  }
  while (pi < p.length && p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}
