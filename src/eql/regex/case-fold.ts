/**
 * Case-insensitive matching as Elasticsearch does it: per code point, never by lower-casing
 * whole strings. A pattern code point `p` accepts a value code point `v` when `v` is one of
 * Lucene's case variants of `p` (`Automata.makeCaseInsensitiveChar` → `CaseFolding.expand`,
 * Lucene 10 / Elasticsearch 9): `p` itself, Java's `Character.toUpperCase(p)` and
 * `Character.toLowerCase(p)` (simple, one-to-one mappings), plus a table of extra variants
 * (Kelvin sign ↔ k, long s ↔ s, final sigma ↔ σ …). Elasticsearch 8.x folded ASCII only
 * (`AutomatonQueries.toCaseInsensitiveChar`: "For now we only work with ASCII characters").
 */

/** Extra variants from Lucene's generated `CaseFolding.expand` table (Unicode 17). */
const EXTRA: ReadonlyMap<number, readonly number[]> = new Map<number, number[]>([
  [0x4b, [0x212a]],
  [0x53, [0x17f]],
  [0x6b, [0x212a]],
  [0x73, [0x17f]],
  [0xb5, [0x3bc]],
  [0xc5, [0x212b]],
  [0xdf, [0x1e9e]],
  [0xe5, [0x212b]],
  [0x17f, [0x73]],
  [0x1c4, [0x1c5]],
  [0x1c6, [0x1c5]],
  [0x1c7, [0x1c8]],
  [0x1c9, [0x1c8]],
  [0x1ca, [0x1cb]],
  [0x1cc, [0x1cb]],
  [0x1f1, [0x1f2]],
  [0x1f3, [0x1f2]],
  [0x345, [0x3b9, 0x1fbe]],
  [0x390, [0x1fd3]],
  [0x392, [0x3d0]],
  [0x395, [0x3f5]],
  [0x398, [0x3d1, 0x3f4]],
  [0x399, [0x345, 0x1fbe]],
  [0x39a, [0x3f0]],
  [0x39c, [0xb5]],
  [0x3a0, [0x3d6]],
  [0x3a1, [0x3f1]],
  [0x3a3, [0x3c2]],
  [0x3a6, [0x3d5]],
  [0x3a9, [0x2126]],
  [0x3b0, [0x1fe3]],
  [0x3b2, [0x3d0]],
  [0x3b5, [0x3f5]],
  [0x3b8, [0x3d1, 0x3f4]],
  [0x3b9, [0x345, 0x1fbe]],
  [0x3ba, [0x3f0]],
  [0x3bc, [0xb5]],
  [0x3c0, [0x3d6]],
  [0x3c1, [0x3f1]],
  [0x3c2, [0x3c3]],
  [0x3c3, [0x3c2]],
  [0x3c6, [0x3d5]],
  [0x3c9, [0x2126]],
  [0x3d0, [0x3b2]],
  [0x3d1, [0x3b8, 0x3f4]],
  [0x3d5, [0x3c6]],
  [0x3d6, [0x3c0]],
  [0x3f0, [0x3ba]],
  [0x3f1, [0x3c1]],
  [0x3f4, [0x398, 0x3d1]],
  [0x3f5, [0x3b5]],
  [0x412, [0x1c80]],
  [0x414, [0x1c81]],
  [0x41e, [0x1c82]],
  [0x421, [0x1c83]],
  [0x422, [0x1c84, 0x1c85]],
  [0x42a, [0x1c86]],
  [0x432, [0x1c80]],
  [0x434, [0x1c81]],
  [0x43e, [0x1c82]],
  [0x441, [0x1c83]],
  [0x442, [0x1c84, 0x1c85]],
  [0x44a, [0x1c86]],
  [0x462, [0x1c87]],
  [0x463, [0x1c87]],
  [0x1c80, [0x432]],
  [0x1c81, [0x434]],
  [0x1c82, [0x43e]],
  [0x1c83, [0x441]],
  [0x1c84, [0x442, 0x1c85]],
  [0x1c85, [0x442, 0x1c84]],
  [0x1c86, [0x44a]],
  [0x1c87, [0x463]],
  [0x1c88, [0xa64b]],
  [0x1e60, [0x1e9b]],
  [0x1e61, [0x1e9b]],
  [0x1e9b, [0x1e61]],
  [0x1fbe, [0x345, 0x3b9]],
  [0x1fd3, [0x390]],
  [0x1fe3, [0x3b0]],
  [0x2126, [0x3a9]],
  [0x212a, [0x4b]],
  [0x212b, [0xc5]],
  [0xa64a, [0x1c88]],
  [0xa64b, [0x1c88]],
  [0xfb05, [0xfb06]],
  [0xfb06, [0xfb05]],
]);

/** Java's `Character.toUpperCase(int)`: JS gives full mappings, so the one-to-many ones are patched. */
export function simpleUpper(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  const u = String.fromCodePoint(c).toUpperCase();
  const first = u.codePointAt(0)!;
  if (u.length === (first > 0xffff ? 2 : 1)) return first;
  // Greek letters with ypogegrammeni have a one-to-one titlecase-like simple mapping.
  if ((c >= 0x1f80 && c <= 0x1f87) || (c >= 0x1f90 && c <= 0x1f97) || (c >= 0x1fa0 && c <= 0x1fa7)) return c + 8;
  if (c === 0x1fb3 || c === 0x1fc3 || c === 0x1ff3) return c + 9;
  return c;
}

/** Java's `Character.toLowerCase(int)`. */
export function simpleLower(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c === 0x130) return 0x69; // İ: JS gives "i̇", Java's simple mapping is "i"
  const l = String.fromCodePoint(c).toLowerCase();
  const first = l.codePointAt(0)!;
  return l.length === (first > 0xffff ? 2 : 1) ? first : c;
}

const variantCache = new Map<number, readonly number[]>();

/** The code points a case-insensitive pattern code point accepts (itself first). */
export function caseVariants(c: number): readonly number[] {
  let v = variantCache.get(c);
  if (v) return v;
  const out = [c];
  const add = (x: number) => {
    if (!out.includes(x)) out.push(x);
  };
  add(simpleUpper(c));
  add(simpleLower(c));
  for (const x of EXTRA.get(c) ?? []) add(x);
  v = out;
  if (variantCache.size > 20_000) variantCache.clear(); // bounded: values can hold any code point
  variantCache.set(c, v);
  return v;
}

/** Does value code point `v` match pattern code point `p` case-insensitively? */
export function foldMatches(p: number, v: number): boolean {
  if (p === v) return true;
  if (p < 128 && v < 128) return (p | 32) === (v | 32) && (p | 32) >= 97 && (p | 32) <= 122;
  return caseVariants(p).includes(v);
}

/** Pairs the upper/lower round trip leaves apart although Lucene's table joins them. */
const KEY_OVERRIDE: ReadonlyMap<number, number> = new Map([
  [0x1fd3, 0x390],
  [0x1fe3, 0x3b0],
  [0xfb06, 0xfb05],
]);

/**
 * A key per code point such that `foldMatches(p, v)` implies `foldKeyCp(p) === foldKeyCp(v)`:
 * candidates are found by key, then confirmed with `foldMatches` (the relation is not symmetric:
 * pattern `İ` accepts `i`, pattern `i` does not accept `İ`).
 */
export function foldKeyCp(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  return KEY_OVERRIDE.get(c) ?? simpleLower(simpleUpper(c));
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** The fold key of a whole string (see `foldKeyCp`); ASCII strings take the fast path. */
export function foldKey(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += String.fromCodePoint(foldKeyCp(ch.codePointAt(0)!));
  return out;
}

/** Case-insensitive equality of a value with a pattern, code point by code point. */
export function equalsFold(pattern: string, value: string): boolean {
  if (pattern === value) return true;
  let i = 0;
  let j = 0;
  while (i < pattern.length && j < value.length) {
    const p = pattern.codePointAt(i)!;
    const v = value.codePointAt(j)!;
    if (!foldMatches(p, v)) return false;
    i += p > 0xffff ? 2 : 1;
    j += v > 0xffff ? 2 : 1;
  }
  return i === pattern.length && j === value.length;
}

/**
 * Case-insensitive membership in a list of strings (`in~`). ASCII entries are found by the value's
 * toLowerCase(), which is exact for them: the only non-ASCII characters that lower-case to ASCII are
 * the Kelvin sign (to k, which is also its fold) and İ (to "i̇", never an ASCII key). The long ſ
 * folds to s without lower-casing to it, so a value holding one, and every value when the list
 * has non-ASCII entries, is also looked up by fold key and confirmed per code point.
 */
export function compileFoldSet(entries: readonly string[]): (value: string) => boolean {
  const ascii = new Set<string>();
  const byKey = new Map<string, string[]>();
  let nonAscii = false;
  const lengths = new Set<number>(); // ſ is one UTF-16 unit: a value it folds to an entry has the entry's length
  for (const e of entries) {
    if (isAscii(e)) ascii.add(e.toLowerCase());
    else nonAscii = true;
    lengths.add(e.length);
    const k = foldKey(e);
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  return (value) => {
    // Only one-unit characters fold to ASCII: a value of another length than every entry of an ASCII list cannot match it.
    if (!nonAscii && !lengths.has(value.length)) return false;
    const lower = value.toLowerCase();
    if (ascii.has(lower)) return true;
    if (!nonAscii && (!lengths.has(value.length) || lower.indexOf('\u017f') < 0)) return false;
    const candidates = byKey.get(foldKey(value));
    if (candidates) for (let i = 0; i < candidates.length; i++) if (equalsFold(candidates[i], value)) return true;
    return false;
  };
}
