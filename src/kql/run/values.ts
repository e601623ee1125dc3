/**
 * One JSON value as Elasticsearch indexes it in a field of a given type, and one query value as
 * Elasticsearch parses it for that type. Null = not indexed / not parseable.
 * Numbers: https://www.elastic.co/guide/en/elasticsearch/reference/current/number.html (coerce)
 * Booleans: https://www.elastic.co/guide/en/elasticsearch/reference/current/boolean.html
 */
/** How a field type answers queries. */
export type ValueKind = 'keyword' | 'text' | 'integer' | 'float' | 'date' | 'boolean' | 'ip' | 'object' | 'flattened' | 'other';

const KINDS: Record<string, ValueKind> = {
  keyword: 'keyword',
  constant_keyword: 'keyword',
  wildcard: 'keyword',
  version: 'keyword',
  text: 'text',
  match_only_text: 'text',
  annotated_text: 'text',
  search_as_you_type: 'text',
  long: 'integer',
  integer: 'integer',
  short: 'integer',
  byte: 'integer',
  unsigned_long: 'integer',
  double: 'float',
  float: 'float',
  half_float: 'float',
  scaled_float: 'float',
  date: 'date',
  date_nanos: 'date',
  boolean: 'boolean',
  ip: 'ip',
  object: 'object',
  nested: 'object',
  flattened: 'flattened',
};

export function kindOfType(type: string): ValueKind {
  return KINDS[type] ?? 'other';
}

/** Number of a query value: a JSON number or a decimal string (Java's Double.parseDouble, trimmed). */
export function parseQueryNumber(q: unknown): number | null {
  if (typeof q === 'number') return Number.isFinite(q) ? q : null;
  if (typeof q !== 'string') return null;
  const s = q.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** The number a numeric field indexes for `x` (strings are coerced, integer types truncate). */
export function indexedNumber(x: unknown, integer: boolean, single: boolean): number | null {
  const n = typeof x === 'number' ? x : typeof x === 'string' ? parseQueryNumber(x) : null;
  if (n === null || !Number.isFinite(n)) return null;
  if (integer) return Math.trunc(n);
  return single ? Math.fround(n) : n;
}

/** A boolean field accepts true/false and the strings "true"/"false" ("" is false). */
export function indexedBoolean(x: unknown): boolean | null {
  if (typeof x === 'boolean') return x;
  if (x === 'true') return true;
  if (x === 'false' || x === '') return false;
  return null;
}

/** A boolean query value: true/false or "true"/"false" ("Can't parse boolean value" otherwise). */
export function parseQueryBoolean(q: unknown): boolean | null {
  if (typeof q === 'boolean') return q;
  if (q === 'true') return true;
  if (q === 'false') return false;
  return null;
}

/** The string a keyword field indexes for `x`: strings as they are, numbers and booleans as text. */
export function indexedKeyword(x: unknown): string | null {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return null;
}

/** A query value as the text of a term (numbers and booleans spelled out). */
export function queryText(q: unknown): string | null {
  return indexedKeyword(q);
}

/** Compares by code point, i.e. the UTF-8 byte order Lucene sorts terms in. */
export function compareTerms(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+10000 and above) sort after U+E000-U+FFFF in code point order.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy && x >= 0xd800 && y >= 0xd800) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
