/**
 * Orderings Elasticsearch uses: strings by code point (Lucene compares UTF-8 bytes), versions
 * by semver precedence (invalid versions after all valid ones), and a total order over mixed
 * key values (null first) for sample keys.
 */

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Code-point order, which equals UTF-8 byte order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order differs from code-point order only when surrogates are involved.
  if (!hasSurrogate(a) && !hasSurrogate(b)) return a < b ? -1 : 1;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

interface ParsedVersion {
  core: number[];
  pre: string[] | null;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const versionCache = new Map<string, ParsedVersion | null>();

function parseVersion(s: string): ParsedVersion | null {
  let p = versionCache.get(s);
  if (p !== undefined) return p;
  const m = SEMVER.exec(s);
  p = m ? { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : null } : null;
  if (versionCache.size > 10_000) versionCache.clear();
  versionCache.set(s, p);
  return p;
}

/** Semver precedence as the `version` field type sorts; invalid versions sort last, by text. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) {
    if (va) return -1;
    if (vb) return 1;
    return compareStrings(a, b);
  }
  for (let i = 0; i < 3; i++) if (va.core[i] !== vb.core[i]) return va.core[i] < vb.core[i] ? -1 : 1;
  if (!va.pre || !vb.pre) return va.pre ? -1 : vb.pre ? 1 : 0;
  const n = Math.min(va.pre.length, vb.pre.length);
  for (let i = 0; i < n; i++) {
    const x = va.pre[i];
    const y = vb.pre[i];
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return compareStrings(x, y);
  }
  return va.pre.length - vb.pre.length;
}

function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 2;
  return 3;
}

/** Total order over key values: null first, false < true, numbers numerically, strings by code point. */
export function compareKeyValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return 0;
  if (ra === 1) return a === b ? 0 : a ? 1 : -1;
  if (ra === 2) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  return compareStrings(String(a), String(b));
}

export function compareKeyTuples(a: readonly unknown[], b: readonly unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareKeyValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
