/**
 * Field values as Elasticsearch aggregates them: a document's doc values for a field are its
 * scalar values, flattened out of arrays, each distinct value once, in sorted order (keywords
 * by their UTF-8 bytes, numbers numerically). `null` and objects hold no value, and a document
 * without a value is in no bucket of a terms source.
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/doc-values.html
 */
import { compileFieldAccessor, splitFieldName } from '../../events/field.ts';
import type { Term } from './types.ts';

/** The key a value is bucketed by: a keyword field indexes 1 and "1" as the same term. */
export function termKey(t: Term): string {
  return String(t);
}

/** UTF-8 byte order, which is code point order (UTF-16 unit order differs above U+E000). */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const RANK = { number: 0, string: 1, boolean: 2 } as const;

/** Bucket order of a terms source: numbers numerically, strings by bytes (numbers first when mixed). */
export function compareTerms(a: Term, b: Term): number {
  const ra = RANK[typeof a as keyof typeof RANK];
  const rb = RANK[typeof b as keyof typeof RANK];
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return compareStrings(a, b as string);
}

/** Compares two term tuples source by source, as a composite aggregation orders its buckets. */
export function compareTuples(a: readonly Term[], b: readonly Term[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const c = compareTerms(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Reads one field's terms from events; the path is split once. */
export function termsReader(field: string): (event: unknown) => Term[] {
  const read = compileFieldAccessor(splitFieldName(field));
  return (event) => termsOfValue(read(event));
}

/** The distinct scalar values in `value` (arrays flattened without recursion), sorted. */
export function termsOfValue(value: unknown): Term[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return isTerm(value) ? [value] : [];
  const seen = new Map<string, Term>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (isTerm(v) && !seen.has(termKey(v))) {
      seen.set(termKey(v), v);
    }
  }
  return [...seen.values()].sort(compareTerms);
}

function isTerm(v: unknown): v is Term {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * The key of a tuple of terms (one per field), unambiguous among tuples of one length whatever
 * the values hold: each key is prefixed by its length. Built once per tuple on hot paths, so
 * plain concatenation rather than JSON.
 */
export function tupleKey(tuple: readonly Term[]): string {
  if (tuple.length === 1) return termKey(tuple[0]);
  let key = '';
  for (const t of tuple) {
    const k = termKey(t);
    key += `${k.length}:${k}`;
  }
  return key;
}
