/**
 * The leaf queries of the DSL on one field, with Elasticsearch's semantics per field type
 * (shared/kql-reference/README.md section 3): keyword exact, text analyzed, numbers/dates/
 * booleans/ips parsed to the type, multi-valued = any value. Each leaf compiles once into a
 * closure; the keyword term/wildcard/exists cases allocate nothing per event.
 */
import { equalsFold } from '../../eql/regex/case-fold.ts';
import { dateParsers, toEpochMillis } from '../../eql/run/dates.ts';
import { cidrContains, parseCidr, parseIp, type IpBytes } from '../../eql/run/ip.ts';
import { dynamicType } from '../../eql/run/mapping.ts';
import type { StringMatcher } from '../../eql/run/wildcard.ts';
import type { FieldAccessor } from '../../events/field.ts';
import { analyze, lower } from './analyzer.ts';
import { keywordPatternTest, keywordAnyTermTest, keywordTermTest } from './closure-pools.ts';
import { dateBound } from './date-bounds.ts';
import { DYNAMIC_KEYWORD_IGNORE_ABOVE, hasLeafValue, type FieldTypeInfo, type ResolvedField } from './fields.ts';
import { compilePattern, compilePrefix, mapLiterals, type PatternPart } from './pattern.ts';
import {
  compareTerms,
  indexedBoolean,
  indexedKeyword,
  indexedNumber,
  kindOfType,
  parseQueryBoolean,
  parseQueryNumber,
  queryText,
  type ValueKind,
} from './values.ts';

import type { Test } from './closure-pools.ts';

export type { Test };
/** A test of a field's raw value (one value, an array of them, null or undefined). */
type FieldTest = (raw: unknown) => boolean;
type ValueTest = (x: unknown) => boolean;

export type RangeBounds = { gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown };

export type LeafSpec =
  | { type: 'term'; values: readonly unknown[]; caseInsensitive: boolean }
  | { type: 'pattern'; query: 'wildcard' | 'prefix' | 'query_string'; parts: readonly PatternPart[]; caseInsensitive: boolean }
  | { type: 'match'; query: unknown; operator: 'or' | 'and'; phrase: boolean; zeroTermsAll: boolean }
  | ({ type: 'range'; format?: string; timeZone?: string } & RangeBounds)
  | { type: 'exists' };

export interface LeafContext {
  now: number;
  /** multi_match/query_string `lenient`: a field the value cannot be parsed for is skipped, not an error. */
  lenient: boolean;
}

const never: FieldTest = () => false;

/** The event test of `spec` on `field`; `error` when the query cannot run on the field's type. */
export function compileLeaf(spec: LeafSpec, field: ResolvedField, ctx: LeafContext): { test: Test; error?: string } {
  if (field.hidden) return { test: () => false };
  const read = field.read;
  if (field.info) {
    const fast = keywordFastPath(spec, field.info, read);
    if (fast) return { test: fast };
    const built = buildForKind(spec, kindOfType(field.info.type), field.info, ctx);
    if (typeof built === 'string')
      return { test: () => false, error: ctx.lenient ? undefined : `${built} for field [${field.name}] of type [${field.info.type}]` };
    return { test: (ev) => built(read(ev)) };
  }
  return { test: dynamicTest(spec, field, ctx) };
}

/**
 * The hot cases fused into one closure (no per-value call through perValue): exact term on a
 * plain keyword, wildcard/prefix on a plain keyword, exists on a keyword.
 */
function keywordFastPath(spec: LeafSpec, info: FieldTypeInfo, read: FieldAccessor): Test | undefined {
  if (kindOfType(info.type) !== 'keyword' || info.normalizer === 'lowercase' || info.nullValue !== undefined) return undefined;
  const limit = keywordLimit(info);
  if (spec.type === 'term' && spec.values.length === 1 && !spec.caseInsensitive) {
    const q = queryText(spec.values[0]);
    if (q === null) return undefined;
    if (q.length > limit) return () => false;
    return keywordTermTest(read, q);
  }
  if (spec.type === 'term' && !spec.caseInsensitive) {
    const wanted: string[] = [];
    for (const v of spec.values) {
      const q = queryText(v);
      if (q === null) return undefined;
      // Longer than ignore_above: never indexed, never matched.
      if (q.length <= limit) wanted.push(q);
    }
    return keywordAnyTermTest(read, [...new Set(wanted)]);
  }
  if (spec.type === 'pattern' && spec.query !== 'query_string') {
    const m = spec.query === 'prefix' ? compilePrefix(prefixText(spec.parts), spec.caseInsensitive) : compilePattern(spec.parts, spec.caseInsensitive);
    return keywordPatternTest(read, m, limit);
  }
  return undefined;
}

function prefixText(parts: readonly PatternPart[]): string {
  return parts.map((p) => ('literal' in p ? p.literal : '')).join('');
}

// ---------------------------------------------------------------------------------------------
// Fields without a mapping: typed per value as dynamic mapping would (README section 2 notes).

function dynamicKind(x: unknown): ValueKind {
  switch (typeof x) {
    case 'string':
      return dynamicType(x) === 'date' ? 'date' : 'text';
    case 'number':
      return Number.isInteger(x) ? 'integer' : 'float';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
  }
  return 'other';
}

function dynamicTest(spec: LeafSpec, field: ResolvedField, ctx: LeafContext): Test {
  const cache = new Map<ValueKind, FieldTest>();
  // A value the query cannot be parsed for is an error in ES for that field; per event, it is no match.
  const forKind = (k: ValueKind): FieldTest => {
    let t = cache.get(k);
    if (!t) {
      const built = buildForKind(spec, k, undefined, ctx);
      t = typeof built === 'string' ? never : built;
      cache.set(k, t);
    }
    return t;
  };
  const keyword = field.keywordOf ? buildForKind(spec, 'keyword', { type: 'keyword', ignoreAbove: DYNAMIC_KEYWORD_IGNORE_ABOVE }, ctx) : undefined;
  const keywordTest = typeof keyword === 'function' ? keyword : never;
  const { read, keywordOf } = field;
  const whole = spec.type === 'match' && spec.zeroTermsAll ? forKind('text') : undefined;
  return (ev) => {
    const raw = read(ev);
    if (raw === undefined && keywordOf) {
      const parent = keywordOf(ev);
      return keywordTest(Array.isArray(parent) ? parent.filter((x) => typeof x === 'string') : typeof parent === 'string' ? parent : undefined);
    }
    if (raw === undefined || raw === null) return whole ? whole(raw) : false;
    if (!Array.isArray(raw)) return forKind(dynamicKind(raw))(raw);
    // Text values are searched together (a match with operator and, a phrase per value); others one by one.
    let texts: unknown[] | undefined;
    for (const x of flatten(raw)) {
      const k = dynamicKind(x);
      if (k === 'text') (texts ??= []).push(x);
      else if (x !== null && forKind(k)(x)) return true;
    }
    return texts ? forKind('text')(texts) : false;
  };
}

/** The leaf values of an object (a flattened field's keywords); iterative, bounded. */
function leafValues(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const out: unknown[] = [];
  const stack: unknown[] = [raw];
  while (stack.length > 0 && out.length < 100_000) {
    const v = stack.pop();
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v).reverse()) stack.push(x);
    else out.push(v);
  }
  return out;
}

function flatten(values: readonly unknown[]): unknown[] {
  return values.some(Array.isArray) ? (values.flat(32) as unknown[]) : (values as unknown[]);
}

// ---------------------------------------------------------------------------------------------
// One query on one field kind.

function buildForKind(spec: LeafSpec, kind: ValueKind, info: FieldTypeInfo | undefined, ctx: LeafContext): FieldTest | string {
  const nullValue = info?.nullValue;
  if (kind === 'text') return textTest(spec, ctx);
  if (kind === 'object') return spec.type === 'exists' ? (raw) => hasLeafValue(raw) : never;
  const test = valueTest(spec, kind === 'other' || kind === 'flattened' ? 'keyword' : kind, info, ctx);
  if (typeof test === 'string') return test;
  const values = perValue(test, nullValue);
  // A flattened field indexes every leaf value of its object as a keyword.
  return kind === 'flattened' ? (raw) => values(leafValues(raw)) : values;
}

/** Any value passes (arrays flattened; null is the mapping's null_value when it has one). */
function perValue(test: ValueTest, nullValue: unknown): FieldTest {
  const nullHit = nullValue !== undefined && nullValue !== null && test(nullValue);
  const inArray = (list: readonly unknown[], depth: number): boolean => {
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      if (x === null) {
        if (nullHit) return true;
      } else if (Array.isArray(x)) {
        if (depth < 32 && inArray(x, depth + 1)) return true;
      } else if (x !== undefined && test(x)) {
        return true;
      }
    }
    return false;
  };
  return (raw) => {
    if (raw === undefined) return false;
    if (raw === null) return nullHit;
    if (!Array.isArray(raw)) return test(raw);
    return inArray(raw, 0);
  };
}

/** A test of one (non-null) value for every field kind but text and object; a string is an error message. */
function valueTest(spec: LeafSpec, kind: ValueKind, info: FieldTypeInfo | undefined, ctx: LeafContext): ValueTest | string {
  switch (spec.type) {
    case 'exists':
      return existsTest(kind, info);
    case 'term': {
      const tests: ValueTest[] = [];
      if (kind === 'keyword') return keywordTermsTest(spec.values, info, spec.caseInsensitive);
      for (const v of spec.values) {
        const t = equalityTest(kind, info, v, ctx);
        if (typeof t === 'string') return t;
        tests.push(t);
      }
      return tests.length === 1 ? tests[0] : (x) => tests.some((t) => t(x));
    }
    case 'match': {
      if (kind === 'keyword') {
        const q = queryText(spec.query);
        return q === null ? `cannot search for [${String(spec.query)}]` : keywordTermsTest([q], info, false);
      }
      return equalityTest(kind, info, spec.query, ctx);
    }
    case 'pattern': {
      if (kind !== 'keyword') return `Can only use ${spec.query} queries on keyword and text fields`;
      const lowercase = info?.normalizer === 'lowercase';
      const parts = lowercase ? mapLiterals(spec.parts, lower) : spec.parts;
      const m = spec.query === 'prefix' ? compilePrefix(prefixText(parts), spec.caseInsensitive) : compilePattern(parts, spec.caseInsensitive);
      return keywordMatcherTest(m, info);
    }
    case 'range':
      return rangeTest(spec, kind, info, ctx);
  }
}

function keywordLimit(info: FieldTypeInfo | undefined): number {
  return info?.ignoreAbove ?? Number.POSITIVE_INFINITY;
}

/** The indexed keyword of a value: too long (ignore_above) = not indexed; normalizer applied. */
function keywordIndexer(info: FieldTypeInfo | undefined): (x: unknown) => string | null {
  const limit = keywordLimit(info);
  const lowercase = info?.normalizer === 'lowercase';
  return (x) => {
    const s = typeof x === 'string' ? x : indexedKeyword(x);
    if (s === null || s.length > limit) return null;
    return lowercase ? lower(s) : s;
  };
}

/** term/terms on a keyword: exact (README 3 "term"), or folded per code point with case_insensitive. */
function keywordTermsTest(values: readonly unknown[], info: FieldTypeInfo | undefined, caseInsensitive: boolean): ValueTest | string {
  const lowercase = info?.normalizer === 'lowercase';
  const wanted: string[] = [];
  for (const v of values) {
    const q = queryText(v);
    if (q === null) return `cannot search for [${JSON.stringify(v)}]`;
    wanted.push(lowercase ? lower(q) : q);
  }
  const limit = keywordLimit(info);
  if (!lowercase && !caseInsensitive && wanted.length === 1) {
    // The hot path: one string compare, no allocation.
    const q = wanted[0];
    if (q.length > limit) return () => false;
    return (x) => x === q || (typeof x !== 'string' && indexedKeyword(x) === q);
  }
  const index = keywordIndexer(info);
  if (caseInsensitive) {
    return (x) => {
      const s = index(x);
      return s !== null && wanted.some((q) => equalsFold(q, s));
    };
  }
  const set = new Set(wanted);
  return (x) => {
    const s = index(x);
    return s !== null && set.has(s);
  };
}

function keywordMatcherTest(m: StringMatcher, info: FieldTypeInfo | undefined): ValueTest {
  const limit = keywordLimit(info);
  if (info?.normalizer !== 'lowercase') {
    return (x) => (typeof x === 'string' ? x.length <= limit && m(x) : (typeof x === 'number' || typeof x === 'boolean') && m(String(x)));
  }
  const index = keywordIndexer(info);
  return (x) => {
    const s = index(x);
    return s !== null && m(s);
  };
}

function existsTest(kind: ValueKind, info: FieldTypeInfo | undefined): ValueTest {
  switch (kind) {
    case 'keyword': {
      const limit = keywordLimit(info);
      return (x) => (typeof x === 'string' ? x.length <= limit : indexedKeyword(x) !== null);
    }
    case 'integer':
    case 'float':
      return (x) => indexedNumber(x, false, false) !== null;
    case 'date': {
      const dateOf = dateReader(info);
      return (x) => dateOf(x) !== null;
    }
    case 'boolean':
      return (x) => indexedBoolean(x) !== null;
    case 'ip':
      return (x) => typeof x === 'string' && parseIp(x) !== null;
    default:
      return () => true;
  }
}

function dateReader(info: FieldTypeInfo | undefined): (x: unknown) => number | null {
  const parsers = info?.format ? dateParsers(info.format) : undefined;
  return (x) => toEpochMillis(x, parsers);
}

/** term/match on numeric, date, boolean and ip fields: the query value parsed to the field type. */
function equalityTest(kind: ValueKind, info: FieldTypeInfo | undefined, q: unknown, ctx: LeafContext): ValueTest | string {
  switch (kind) {
    case 'keyword':
    case 'other':
      return keywordTermsTest([q], info, false);
    case 'integer':
    case 'float': {
      const n = parseQueryNumber(q);
      if (n === null) return `failed to parse [${String(q)}] as a number`;
      // A fractional value never equals an integer field's value (NumberFieldMapper: match_none).
      if (kind === 'integer' && !Number.isInteger(n)) return () => false;
      const single = info?.type === 'float' || info?.type === 'half_float';
      const want = single ? Math.fround(n) : n;
      const integer = kind === 'integer';
      return (x) => indexedNumber(x, integer, single) === want;
    }
    case 'date': {
      // DateFieldType.termQuery is a range from the value rounded down to the value rounded up.
      const lo = dateBound(q, false, info?.format, undefined, ctx.now);
      const hi = dateBound(q, true, info?.format, undefined, ctx.now);
      if (lo === null || hi === null) return `failed to parse date [${String(q)}]`;
      const dateOf = dateReader(info);
      return (x) => {
        const t = dateOf(x);
        return t !== null && t >= lo && t <= hi;
      };
    }
    case 'boolean': {
      const b = parseQueryBoolean(q);
      if (b === null) return `Can't parse boolean value [${String(q)}], expected [true] or [false]`;
      return (x) => indexedBoolean(x) === b;
    }
    case 'ip': {
      const cidr = typeof q === 'string' ? parseCidr(q) : null;
      if (!cidr) return `'${String(q)}' is not an IP string literal`;
      return (x) => {
        if (typeof x !== 'string') return false;
        const ip = parseIp(x);
        return ip !== null && cidrContains(cidr, ip);
      };
    }
    default:
      return () => false;
  }
}

function compareIp(a: IpBytes, b: IpBytes): number {
  for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

type Ordered<T> = { parse: (q: unknown, roundUp: boolean) => T | null; compare: (a: T, b: T) => number; read: (x: unknown) => T | null };

/** range: gt/lt exclusive, gte/lte inclusive; dates round gt and lte up (README 3 "range"). */
function rangeTest(spec: Extract<LeafSpec, { type: 'range' }>, kind: ValueKind, info: FieldTypeInfo | undefined, ctx: LeafContext): ValueTest | string {
  switch (kind) {
    case 'keyword':
    case 'other': {
      const lowercase = info?.normalizer === 'lowercase';
      return orderedTest<string>(spec, {
        parse: (q) => {
          const s = queryText(q);
          return s !== null && lowercase ? lower(s) : s;
        },
        compare: compareTerms,
        read: keywordIndexer(info),
      });
    }
    case 'integer':
    case 'float': {
      const single = info?.type === 'float' || info?.type === 'half_float';
      const integer = kind === 'integer';
      return orderedTest<number>(spec, {
        parse: (q) => {
          const n = parseQueryNumber(q);
          return n !== null && single ? Math.fround(n) : n;
        },
        compare: (a, b) => a - b,
        read: (x) => indexedNumber(x, integer, single),
      });
    }
    case 'date': {
      const format = spec.format ?? info?.format;
      return orderedTest<number>(spec, {
        parse: (q, roundUp) => dateBound(q, roundUp, format, spec.timeZone, ctx.now),
        compare: (a, b) => a - b,
        read: dateReader(info),
      });
    }
    case 'boolean':
      return orderedTest<number>(spec, {
        parse: (q) => {
          const b = parseQueryBoolean(q);
          return b === null ? null : Number(b);
        },
        compare: (a, b) => a - b,
        read: (x) => {
          const b = indexedBoolean(x);
          return b === null ? null : Number(b);
        },
      });
    case 'ip':
      return orderedTest<IpBytes>(spec, {
        parse: (q) => (typeof q === 'string' ? parseIp(q) : null),
        compare: compareIp,
        read: (x) => (typeof x === 'string' ? parseIp(x) : null),
      });
    default:
      return () => false;
  }
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function orderedTest<T>(spec: RangeBounds, o: Ordered<T>): ValueTest | string {
  let error: string | undefined;
  const bound = (q: unknown, roundUp: boolean): T | null => {
    if (!present(q)) return null;
    const v = o.parse(q, roundUp);
    if (v === null) error ??= `failed to parse range bound [${String(q)}]`;
    return v;
  };
  const gt = bound(spec.gt, true);
  const gte = bound(spec.gte, false);
  const lt = bound(spec.lt, false);
  const lte = bound(spec.lte, true);
  if (error !== undefined) return error;
  const { compare, read } = o;
  return (x) => {
    const v = read(x);
    if (v === null) return false;
    if (gt !== null && compare(v, gt) <= 0) return false;
    if (gte !== null && compare(v, gte) < 0) return false;
    if (lt !== null && compare(v, lt) >= 0) return false;
    if (lte !== null && compare(v, lte) > 0) return false;
    return true;
  };
}

// ---------------------------------------------------------------------------------------------
// Text fields: values analyzed with the standard analyzer (README 3 "match", "match_phrase").

/** Calls `visit` with each value's text until it returns true. */
function someText(raw: unknown, visit: (s: string) => boolean): boolean {
  if (raw === undefined || raw === null) return false;
  if (!Array.isArray(raw)) {
    const s = indexedKeyword(raw);
    return s !== null && visit(s);
  }
  for (const x of flatten(raw)) {
    const s = indexedKeyword(x);
    if (s !== null && visit(s)) return true;
  }
  return false;
}

function textTest(spec: LeafSpec, ctx: LeafContext): FieldTest | string {
  switch (spec.type) {
    case 'exists':
      return (raw) => someText(raw, () => true);
    case 'term': {
      // A term on text compares with the analyzed tokens (README 3 "term": text).
      const wanted = spec.values.map(queryText).filter((q): q is string => q !== null);
      const ci = spec.caseInsensitive;
      return (raw) => someText(raw, (s) => analyze(s).some((t) => wanted.some((q) => (ci ? equalsFold(q, t) : q === t))));
    }
    case 'match': {
      const q = queryText(spec.query);
      if (q === null) return `cannot search for [${JSON.stringify(spec.query)}]`;
      const tokens = analyze(q);
      // zero_terms_query: none (default) matches nothing, all matches everything.
      if (tokens.length === 0) return spec.zeroTermsAll ? () => true : never;
      if (spec.phrase) return (raw) => someText(raw, (s) => containsPhrase(analyze(s), tokens));
      const wanted = new Set(tokens);
      if (spec.operator === 'or') return (raw) => someText(raw, (s) => analyze(s).some((t) => wanted.has(t)));
      return (raw) => {
        const found = new Set<string>();
        someText(raw, (s) => {
          for (const t of analyze(s)) if (wanted.has(t)) found.add(t);
          return found.size === wanted.size;
        });
        return found.size === wanted.size;
      };
    }
    case 'pattern': {
      // Multi-term queries on text run per token, with the analyzer's lowercase applied to the
      // pattern (README 3 "query_string with a wildcard"; wildcard query's normalization).
      const parts = spec.query === 'prefix' ? spec.parts : mapLiterals(spec.parts, lower);
      const m = spec.query === 'prefix' ? compilePrefix(prefixText(parts), spec.caseInsensitive) : compilePattern(parts, spec.caseInsensitive);
      return (raw) => someText(raw, (s) => analyze(s).some(m));
    }
    case 'range': {
      const t = rangeTest(spec, 'keyword', undefined, ctx);
      if (typeof t === 'string') return t;
      return (raw) => someText(raw, (s) => analyze(s).some(t));
    }
  }
}

/** Tokens of one value contain the phrase, adjacent and in order (slop 0). */
function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  const last = tokens.length - phrase.length;
  for (let i = 0; i <= last; i++) {
    let j = 0;
    while (j < phrase.length && tokens[i + j] === phrase[j]) j++;
    if (j === phrase.length) return true;
  }
  return false;
}
