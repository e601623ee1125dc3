/**
 * Did-you-mean for field and function names. Elasticsearch suggests names within a small edit
 * distance (StringUtils.findSimilar); we do the same on the whole dotted name, and also match a
 * misplaced separator (`process.parent_name` → `process.parent.name`).
 */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transposition), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** Edits allowed for a name of this length: short names need near-exact matches. */
function budget(length: number): number {
  if (length <= 4) return 1;
  if (length <= 10) return 2;
  return 3;
}

/** Names close to `name`, best first. Case differences count as a single cheap edit. */
export function findSimilar(name: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = name.toLowerCase();
  const normalized = lower.replace(/[._-]/g, '');
  const limit = budget(name.length);
  const scored: { name: string; score: number }[] = [];
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const cl = candidate.toLowerCase();
    let score: number;
    if (cl === lower) score = 0.5;
    else if (cl.replace(/[._-]/g, '') === normalized) score = 0.75;
    else {
      score = editDistance(lower, cl, limit);
      if (score > limit) continue;
    }
    scored.push({ name: candidate, score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}
