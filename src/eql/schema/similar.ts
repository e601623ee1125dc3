/**
 * Did-you-mean for field and function names. Elasticsearch suggests names within a small edit
 * distance (StringUtils.findSimilar); we do the same on the whole dotted name, and also match a
 * misplaced separator (`process.parent_name` → `process.parent.name`).
 */

// Rows reused across calls: suggestions run over thousands of names per unknown field.
let rowA = new Uint16Array(64);
let rowB = new Uint16Array(64);
let rowC = new Uint16Array(64);

/** Optimal-string-alignment distance (Levenshtein plus adjacent transposition), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Uint16Array(n + 1);
    rowB = new Uint16Array(n + 1);
    rowC = new Uint16Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ca === cb ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/** Edits allowed for a name of this length: short names need near-exact matches. */
function budget(length: number): number {
  if (length <= 4) return 1;
  if (length <= 10) return 2;
  return 3;
}

/** Candidate names prepared once (lowercased, separators removed) so lookups only do the distance work. */
export interface SimilarIndex {
  names: string[];
  lower: string[];
  normalized: string[];
}

const normalize = (s: string) => s.replace(/[._-]/g, '');

export function similarIndex(candidates: Iterable<string>): SimilarIndex {
  const names = [...candidates];
  const lower = names.map((n) => n.toLowerCase());
  return { names, lower, normalized: lower.map(normalize) };
}

/** Names close to `name`, best first. Case differences and misplaced separators are cheap edits. */
export function findSimilar(name: string, candidates: Iterable<string> | SimilarIndex, max = 3): string[] {
  const index = Symbol.iterator in candidates ? similarIndex(candidates as Iterable<string>) : (candidates as SimilarIndex);
  const lower = name.toLowerCase();
  const normalized = normalize(lower);
  const limit = budget(name.length);
  const scored: { name: string; score: number }[] = [];
  for (let i = 0; i < index.names.length; i++) {
    const candidate = index.names[i];
    if (candidate === name) continue;
    const cl = index.lower[i];
    let score: number;
    if (cl === lower) score = 0.5;
    else if (index.normalized[i] === normalized) score = 0.75;
    else {
      if (Math.abs(cl.length - lower.length) > limit) continue;
      score = editDistance(lower, cl, limit);
      if (score > limit) continue;
    }
    scored.push({ name: candidate, score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}
