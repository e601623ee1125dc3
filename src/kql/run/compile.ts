/**
 * Evaluates the Elasticsearch query DSL Kibana builds from KQL (and rule filters) over JSON
 * events, with Elasticsearch's semantics (shared/kql-reference/README.md sections 2 and 3).
 * The DSL is compiled once into closures; `explain` gives the same tree type as EQL's, so the
 * "Why" panel renders KQL too. Unsupported DSL is an error diagnostic, never a throw.
 *
 * Known gaps (reported as kql/unsupported-dsl where they are DSL, silent where they are mapping):
 * fuzziness, slop > 0, analyzers other than `standard`, cross_fields/phrase_prefix multi_match,
 * minimum_should_match combinations (`3<90%`), the full query_string syntax, scripts, geo and
 * terms-lookup queries; `version` ranges compare as strings, unsigned_long and date_nanos keep JS
 * number / millisecond precision, constant_keyword reads the document, fields without a mapping
 * are typed per value (Elasticsearch types them by the first document), and a clause that fails
 * (an error diagnostic) matches nothing where Elasticsearch would fail the whole search.
 */
import type { Diagnostic, TextRange } from '../../diagnostic.ts';
import type { ExplainNode, ExplainValue, IndexMapping } from '../../eql/run/types.ts';
import type { FieldAccessor } from '../../events/field.ts';
import { allButNot, allOf, anyOf, negate } from './closure-pools.ts';
import { eventFieldNames, fieldPattern, fieldPatternMatcher, FieldResolver, type FieldTypeLookup, type ResolvedField } from './fields.ts';
import { compileLeaf, type LeafContext, type LeafSpec, type RangeBounds, type Test } from './leaves.ts';
import { parseWildcardPattern } from './pattern.ts';
import { parseQueryString, type QueryStringTerm } from './query-string.ts';

export type { FieldTypeInfo, FieldTypeLookup } from './fields.ts';

export interface CompileDslOptions {
  /** Field types the caller knows (ECS schema); wins over the mapping. */
  fieldType?: FieldTypeLookup;
  /** Index mapping(s) for fields the caller does not type. */
  mapping?: IndexMapping | IndexMapping[];
  /** `now` of date math, epoch millis (default: the time of compiling). */
  now?: number;
  /** Source range of a DSL clause (the KQL text it came from). */
  rangeOf?: (clause: object) => TextRange | undefined;
  /** Label of a DSL clause (the KQL text it came from). */
  label?: (clause: object) => string | undefined;
  /**
   * Events like those the query will run over (the first 1,024 are used): a conjunction then
   * tries first the clause that rejects most of them, a disjunction the one that accepts most, as
   * Lucene leads a conjunction with its most selective clause. Same answers in any order.
   */
  sample?: readonly unknown[];
}

export interface CompiledDsl {
  diagnostics: Diagnostic[];
  matches(event: unknown): boolean;
  explain(event: unknown): ExplainNode;
}

export const UNSUPPORTED_DSL = 'kql/unsupported-dsl';
export const DSL_VALUE = 'kql/dsl-value';
/** Deeper DSL is refused (a hostile query must not overflow the stack). */
export const MAX_DSL_DEPTH = 400;

interface QNode {
  kind: 'and' | 'or' | 'not' | 'leaf' | 'nested';
  /** The DSL clauses this node stands for (a wrapper bool collapsed into its only clause adds itself). */
  clauses: object[];
  /** Operator label, or the leaf's rendering. */
  label: string;
  test: Test;
  children: QNode[];
  /** Leaves: the fields shown with the event's values. */
  fields: ResolvedField[];
  /** Leaves over field patterns (free text): the event's fields that matched, shown too. */
  matching?: (event: unknown) => ResolvedField[];
  /** Nested: the path and the reader of its objects. */
  nested?: { path: string; read: FieldAccessor };
  /** It expands field patterns over each event's fields: tried after the others, whatever its selectivity. */
  costly?: boolean;
  /** Leaves: the relative cost of the test per event (1: a term; more: patterns, analysis, several fields). */
  weight?: number;
}

/** A test over fields; with field patterns, also which of the event's fields matched. */
interface PatternFields {
  test: Test;
  matching?: (event: unknown) => ResolvedField[];
}

const alwaysFalse: Test = () => false;
const alwaysTrue: Test = () => true;

export function compileQueryDsl(dsl: unknown, options: CompileDslOptions = {}): CompiledDsl {
  const compiler = new DslCompiler(options);
  const root = compiler.clause(dsl, 'query', '', 0);
  return {
    diagnostics: compiler.diagnostics,
    matches: root.test,
    explain: (event) => compiler.explain(root, event, 0),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asList(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function short(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    // Too deep (or cyclic) to print.
    s = Array.isArray(v) ? '[…]' : '{…}';
  }
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Events of `sample` a bool's clause order is chosen on. */
const ORDER_SAMPLE = 1024;

/** Keys every leaf body may carry that do not change matching. */
const COMMON_KEYS = ['boost', '_name'];

class DslCompiler {
  readonly diagnostics: Diagnostic[] = [];
  private readonly resolver: FieldResolver;
  private readonly now: number;

  private readonly sample: readonly unknown[];
  /** Test calls the ordering may spend on the sample (about a few ms). */
  private sampleBudget = 200_000;

  constructor(private readonly options: CompileDslOptions) {
    this.resolver = new FieldResolver(options.fieldType, options.mapping);
    this.now = options.now ?? Date.now();
    this.sample = options.sample ? options.sample.slice(0, ORDER_SAMPLE) : [];
  }

  // ---------------------------------------------------------------------------------------------
  // Diagnostics

  private report(code: string, clause: unknown, at: string, message: string): void {
    const range = isObject(clause) ? this.options.rangeOf?.(clause) : undefined;
    this.diagnostics.push({ severity: 'error', code, message: `${message} (at ${at})`, source: 'kql', ...(range ? { range } : {}) });
  }

  private unsupported(clause: unknown, at: string, message: string): QNode {
    this.report(UNSUPPORTED_DSL, clause, at, message);
    return this.leaf(clause, `unsupported: ${short(clause)}`, alwaysFalse, []);
  }

  /** Keys of `body` outside `allowed`: the first one is reported. */
  private unknownKey(body: Record<string, unknown>, allowed: readonly string[]): string | undefined {
    return Object.keys(body).find((k) => !allowed.includes(k) && !COMMON_KEYS.includes(k));
  }

  private leaf(clause: unknown, label: string, test: Test, fields: ResolvedField[]): QNode {
    return { kind: 'leaf', clauses: isObject(clause) ? [clause] : [], label, test, children: [], fields };
  }

  // ---------------------------------------------------------------------------------------------
  // Clauses

  clause(dsl: unknown, at: string, base: string, depth: number): QNode {
    if (depth > MAX_DSL_DEPTH) return this.unsupported(dsl, at, `The query nests deeper than ${MAX_DSL_DEPTH} levels`);
    if (!isObject(dsl)) return this.unsupported(dsl, at, `Expected a query object, found ${short(dsl)}`);
    const keys = Object.keys(dsl);
    if (keys.length !== 1) {
      return this.unsupported(dsl, at, keys.length === 0 ? 'An empty query object is not a query' : `A query object has one key, found ${keys.join(', ')}`);
    }
    const type = keys[0];
    const body = dsl[type];
    const here = `${at}.${type}`;
    switch (type) {
      case 'bool':
        return this.bool(dsl, body, here, base, depth);
      case 'match_all':
        return this.leaf(dsl, 'match_all', alwaysTrue, []);
      case 'match_none':
        return this.leaf(dsl, 'match_none', alwaysFalse, []);
      case 'nested':
        return this.nestedQuery(dsl, body, here, base, depth);
      case 'term':
      case 'wildcard':
      case 'prefix':
      case 'match':
      case 'match_phrase':
      case 'range':
        return this.fieldLeaf(dsl, type, body, here, base);
      case 'terms':
        return this.terms(dsl, body, here, base);
      case 'exists':
        return this.exists(dsl, body, here, base);
      case 'multi_match':
        return this.multiMatch(dsl, body, here, base);
      case 'query_string':
        return this.queryString(dsl, body, here, base);
      default:
        return this.unsupported(
          dsl,
          here,
          `"${type}" queries are not evaluated (supported: bool, match_all, match_none, term, terms, wildcard, prefix, match, match_phrase, multi_match, query_string, exists, range, nested)`,
        );
    }
  }

  private bool(dsl: object, body: unknown, at: string, base: string, depth: number): QNode {
    if (!isObject(body)) return this.unsupported(dsl, at, 'bool expects an object');
    const bad = this.unknownKey(body, ['must', 'filter', 'should', 'must_not', 'minimum_should_match', 'adjust_pure_negative']);
    if (bad) return this.unsupported(dsl, at, `bool does not know "${bad}"`);
    const part = (key: string) =>
      asList(body[key]).map((c, i) => this.clause(c, Array.isArray(body[key]) ? `${at}.${key}[${i}]` : `${at}.${key}`, base, depth + 1));
    const must = [...part('must'), ...part('filter')];
    const should = part('should');
    const mustNot = part('must_not');
    // bool doc: default 1 when there are should clauses and no must/filter, else 0.
    const min = minimumShouldMatch(body.minimum_should_match, should.length, should.length > 0 && must.length === 0 ? 1 : 0);
    if (min === null)
      return this.unsupported(dsl, at, `minimum_should_match ${short(body.minimum_should_match)} is not evaluated (use a number or a percentage)`);

    // Inside a nested query the tests read nested objects, not the sample's documents: query order.
    const order = (nodes: QNode[], accepting: boolean) => (base === '' ? this.ordered(nodes, accepting) : nodes);
    // One test per part, shared by the tree (explain) and the bool's own test: same answers in any order.
    const shouldTest = should.length > 0 && min > 0 ? atLeast(order(should, true), min) : undefined;
    const nots = mustNot.map((n) => this.group('not', 'not', [n], negate(n.test)));
    const children = [...must];
    if (shouldTest) children.push(should.length === 1 && min === 1 ? should[0] : this.group('or', min === 1 ? 'or' : `at least ${min} of`, should, shouldTest));
    children.push(...nots);
    const test = boolTest(order(must, false), shouldTest, !shouldTest && min > should.length, mustNot, nots);
    if (children.length === 1) {
      const only = children[0];
      return { ...only, clauses: [dsl, ...only.clauses], test };
    }
    return { ...this.group('and', 'and', children, test), clauses: [dsl] };
  }

  private group(kind: 'and' | 'or' | 'not', label: string, children: QNode[], test: Test): QNode {
    const node: QNode = { kind, clauses: [], label, test, children, fields: [] };
    if (children.some((c) => c.costly)) node.costly = true;
    return node;
  }

  /**
   * The order a bool tries its clauses in (its tree and explanation keep the query's order): by
   * how many sample events each rejects (`accepting` false: must/filter) or accepts (should),
   * most first, ties and costly clauses in query order after. Sampling is budgeted, so deep or
   * wide queries stop reordering rather than grow compile time.
   */
  private ordered(nodes: QNode[], accepting: boolean): QNode[] {
    const sample = this.sample;
    if (nodes.length < 2 || sample.length === 0 || this.sampleBudget < nodes.length * sample.length) return nodes;
    this.sampleBudget -= nodes.length * sample.length;
    const score = new Map<QNode, number>();
    for (const n of nodes) {
      let decided = 0;
      if (!n.costly) for (let i = 0; i < sample.length; i++) if (n.test(sample[i]) === accepting) decided++;
      // Events decided per unit of work (a cheap term that decides fewer events may still go first),
      // in steps of 25%: a near tie keeps the query's order, which often knows the data better
      // than the work estimate (which field sits where in memory, arrays).
      score.set(n, n.costly ? -2e9 : decided === 0 ? -1e9 : Math.floor(Math.log(decided / costOf(n)) / Math.log(1.25)));
    }
    return [...nodes].sort((a, b) => score.get(b)! - score.get(a)!);
  }

  private nestedQuery(dsl: object, body: unknown, at: string, base: string, depth: number): QNode {
    if (!isObject(body) || typeof body.path !== 'string' || body.query === undefined) return this.unsupported(dsl, at, 'nested expects a path and a query');
    const bad = this.unknownKey(body, ['path', 'query', 'score_mode', 'ignore_unmapped', 'inner_hits']);
    if (bad) return this.unsupported(dsl, at, `nested does not know "${bad}"`);
    const path = body.path;
    const inner = this.clause(body.query, `${at}.query`, path, depth + 1);
    const read = this.resolver.resolve(path, base).read;
    const innerTest = inner.test;
    // The inner query must match within one object of the array (README 3 "bool / nested").
    const test: Test = (ev) => {
      const v = read(ev);
      if (Array.isArray(v)) {
        for (const el of v) if (isObject(el) && innerTest(el)) return true;
        return false;
      }
      return isObject(v) && innerTest(v);
    };
    return { kind: 'nested', clauses: [dsl], label: `nested ${path}`, test, children: [inner], fields: [], nested: { path, read }, costly: inner.costly };
  }

  /** `{"<query>": {"<field>": body}}` with one field. */
  private singleField(dsl: object, body: unknown, at: string): { field: string; spec: unknown } | QNode {
    if (!isObject(body)) return this.unsupported(dsl, at, `expected {"<field>": …}, found ${short(body)}`);
    const fields = Object.keys(body).filter((k) => !COMMON_KEYS.includes(k));
    if (fields.length !== 1) return this.unsupported(dsl, at, `expected one field, found ${fields.length}`);
    return { field: fields[0], spec: body[fields[0]] };
  }

  private fieldLeaf(dsl: object, type: 'term' | 'wildcard' | 'prefix' | 'match' | 'match_phrase' | 'range', body: unknown, at: string, base: string): QNode {
    const one = this.singleField(dsl, body, at);
    if ('kind' in one) return one;
    const { field, spec } = one;
    const parsed = this.leafSpec(type, spec);
    if (typeof parsed === 'string') return this.unsupported(dsl, at, `${type} on ${field}: ${parsed}`);
    return this.fieldNode(dsl, at, parsed.spec, [field], base, parsed.lenient, `${type} ${field} ${parsed.render}`);
  }

  private leafSpec(
    type: 'term' | 'wildcard' | 'prefix' | 'match' | 'match_phrase' | 'range',
    spec: unknown,
  ): { spec: LeafSpec; lenient: boolean; render: string } | string {
    const obj = isObject(spec) ? spec : undefined;
    switch (type) {
      case 'term': {
        const bad = obj && this.unknownKey(obj, ['value', 'case_insensitive']);
        if (bad) return `"${bad}" is not evaluated`;
        const value = obj ? obj.value : spec;
        if (obj && !('value' in obj)) return 'no value';
        return { spec: { type: 'term', values: [value], caseInsensitive: obj?.case_insensitive === true }, lenient: false, render: short(value) };
      }
      case 'wildcard':
      case 'prefix': {
        const bad =
          obj && this.unknownKey(obj, type === 'wildcard' ? ['value', 'wildcard', 'case_insensitive', 'rewrite'] : ['value', 'case_insensitive', 'rewrite']);
        if (bad) return `"${bad}" is not evaluated`;
        const value = obj ? (obj.value ?? obj.wildcard) : spec;
        if (typeof value !== 'string') return `the pattern must be a string, found ${short(value)}`;
        const parts = type === 'wildcard' ? parseWildcardPattern(value) : [{ literal: value }];
        return { spec: { type: 'pattern', query: type, parts, caseInsensitive: obj?.case_insensitive === true }, lenient: false, render: short(value) };
      }
      case 'match':
      case 'match_phrase': {
        const allowed =
          type === 'match'
            ? ['query', 'operator', 'lenient', 'zero_terms_query', 'auto_generate_synonyms_phrase_query', 'analyzer']
            : ['query', 'slop', 'zero_terms_query', 'analyzer'];
        const bad = obj && this.unknownKey(obj, allowed);
        if (bad) return `"${bad}" is not evaluated`;
        if (obj && obj.analyzer !== undefined && obj.analyzer !== 'standard') return `only the standard analyzer is evaluated, not ${short(obj.analyzer)}`;
        if (obj && obj.slop !== undefined && obj.slop !== 0) return 'only slop 0 is evaluated';
        const operator = obj?.operator === undefined ? 'or' : String(obj.operator).toLowerCase();
        if (operator !== 'or' && operator !== 'and') return `unknown operator ${short(obj?.operator)}`;
        const query = obj ? obj.query : spec;
        if (query === undefined || isObject(query) || Array.isArray(query)) return `expected a query value, found ${short(query)}`;
        const zeroTermsAll = String(obj?.zero_terms_query ?? 'none').toLowerCase() === 'all';
        return {
          spec: { type: 'match', query, operator, phrase: type === 'match_phrase', zeroTermsAll },
          lenient: obj?.lenient === true,
          render: short(query),
        };
      }
      case 'range': {
        if (!obj) return `expected the range's bounds, found ${short(spec)}`;
        const bad = this.unknownKey(obj, ['gt', 'gte', 'lt', 'lte', 'from', 'to', 'include_lower', 'include_upper', 'format', 'time_zone', 'relation']);
        if (bad) return `"${bad}" is not evaluated`;
        const bounds: RangeBounds = { gt: obj.gt, gte: obj.gte, lt: obj.lt, lte: obj.lte };
        // Legacy from/to: inclusive unless include_lower/include_upper say otherwise.
        if (obj.from !== undefined && obj.from !== null) bounds[obj.include_lower === false ? 'gt' : 'gte'] = obj.from;
        if (obj.to !== undefined && obj.to !== null) bounds[obj.include_upper === false ? 'lt' : 'lte'] = obj.to;
        const render = (['gt', 'gte', 'lt', 'lte'] as const)
          .filter((k) => bounds[k] !== undefined && bounds[k] !== null)
          .map((k) => `${RANGE_OPS[k]} ${short(bounds[k])}`)
          .join(' and ');
        const format = typeof obj.format === 'string' ? obj.format : undefined;
        const timeZone = typeof obj.time_zone === 'string' ? obj.time_zone : undefined;
        return { spec: { type: 'range', ...bounds, format, timeZone }, lenient: false, render };
      }
    }
  }

  private terms(dsl: object, body: unknown, at: string, base: string): QNode {
    const one = this.singleField(dsl, body, at);
    if ('kind' in one) return one;
    if (!Array.isArray(one.spec)) return this.unsupported(dsl, at, `terms on ${one.field}: only a list of values is evaluated (not a terms lookup)`);
    return this.fieldNode(
      dsl,
      at,
      { type: 'term', values: one.spec, caseInsensitive: false },
      [one.field],
      base,
      false,
      `terms ${one.field} ${short(one.spec)}`,
    );
  }

  private exists(dsl: object, body: unknown, at: string, base: string): QNode {
    if (!isObject(body) || typeof body.field !== 'string') return this.unsupported(dsl, at, 'exists expects {"field": "<name>"}');
    const bad = this.unknownKey(body, ['field']);
    if (bad) return this.unsupported(dsl, at, `exists does not know "${bad}"`);
    return this.fieldNode(dsl, at, { type: 'exists' }, [body.field], base, false, `exists ${body.field}`);
  }

  private multiMatch(dsl: object, body: unknown, at: string, base: string): QNode {
    if (!isObject(body)) return this.unsupported(dsl, at, 'multi_match expects an object');
    const bad = this.unknownKey(body, [
      'query',
      'type',
      'fields',
      'lenient',
      'operator',
      'zero_terms_query',
      'tie_breaker',
      'auto_generate_synonyms_phrase_query',
      'slop',
    ]);
    if (bad) return this.unsupported(dsl, at, `multi_match does not know "${bad}"`);
    const type = body.type ?? 'best_fields';
    if (type !== 'best_fields' && type !== 'most_fields' && type !== 'phrase')
      return this.unsupported(dsl, at, `multi_match type ${short(type)} is not evaluated (best_fields, most_fields, phrase are)`);
    if (body.slop !== undefined && body.slop !== 0) return this.unsupported(dsl, at, 'multi_match: only slop 0 is evaluated');
    const operator = body.operator === undefined ? 'or' : String(body.operator).toLowerCase();
    if (operator !== 'or' && operator !== 'and') return this.unsupported(dsl, at, `multi_match: unknown operator ${short(body.operator)}`);
    const query = body.query;
    if (query === undefined || isObject(query) || Array.isArray(query))
      return this.unsupported(dsl, at, `multi_match expects a query value, found ${short(query)}`);
    const fields = body.fields === undefined ? ['*'] : asList(body.fields);
    if (!fields.every((f) => typeof f === 'string')) return this.unsupported(dsl, at, 'multi_match fields must be strings');
    const zeroTermsAll = String(body.zero_terms_query ?? 'none').toLowerCase() === 'all';
    const spec: LeafSpec = { type: 'match', query, operator, phrase: type === 'phrase', zeroTermsAll };
    const label = `${type === 'phrase' ? 'multi_match phrase' : 'multi_match'} ${short(query)}${body.fields === undefined ? '' : ` in ${(fields as string[]).join(', ')}`}`;
    return this.fieldNode(dsl, at, spec, fields as string[], base, body.lenient === true, label);
  }

  private queryString(dsl: object, body: unknown, at: string, base: string): QNode {
    if (!isObject(body) || typeof body.query !== 'string') return this.unsupported(dsl, at, 'query_string expects {"query": "<text>"}');
    const bad = this.unknownKey(body, [
      'query',
      'fields',
      'default_field',
      'default_operator',
      'analyze_wildcard',
      'allow_leading_wildcard',
      'lenient',
      'time_zone',
    ]);
    if (bad) return this.unsupported(dsl, at, `query_string does not know "${bad}"`);
    const parsed = parseQueryString(body.query);
    if (!parsed.ok) return this.unsupported(dsl, at, `query_string: ${parsed.message} is not evaluated (only terms, wildcards and phrases are)`);
    if (body.allow_leading_wildcard === false && parsed.terms.some((t) => t.kind === 'wildcard' && 'wildcard' in t.parts[0])) {
      this.report(DSL_VALUE, dsl, at, 'query_string: a leading wildcard is not allowed (allow_leading_wildcard is false)');
      return this.leaf(dsl, `query_string ${short(body.query)}`, alwaysFalse, []);
    }
    const explicit = body.fields ?? (body.default_field === undefined ? undefined : [body.default_field]);
    const fields = explicit === undefined ? ['*'] : asList(explicit);
    if (!fields.every((f) => typeof f === 'string')) return this.unsupported(dsl, at, 'query_string fields must be strings');
    const and = String(body.default_operator ?? 'or').toLowerCase() === 'and';
    // With the default `*` fields ES is lenient: fields a term cannot run on are skipped.
    const lenient = body.lenient === true || explicit === undefined;
    const terms = parsed.terms.map((t) => this.fieldsTest(dsl, at, queryStringSpec(t), fields as string[], base, lenient));
    const tests = terms.map((t) => t.test);
    const test: Test = tests.length === 0 ? alwaysFalse : and ? allOf(tests) : anyOf(tests);
    const label = `query_string ${short(body.query)}${explicit === undefined ? '' : ` in ${(fields as string[]).join(', ')}`}`;
    const node = this.leaf(dsl, label, test, this.staticFields(fields as string[], base));
    const matchers = terms.flatMap((t) => (t.matching ? [t.matching] : []));
    if (matchers.length > 0) {
      node.matching = (ev) => [...new Set(matchers.flatMap((m) => m(ev)))];
      node.costly = true;
    }
    return node;
  }

  /** A leaf of one spec over fields (any field matches). */
  private fieldNode(dsl: object, at: string, spec: LeafSpec, fields: string[], base: string, lenient: boolean, label: string): QNode {
    const { test, matching } = this.fieldsTest(dsl, at, spec, fields, base, lenient);
    const node = this.leaf(dsl, label, test, this.staticFields(fields, base));
    node.weight = (spec.type === 'pattern' || spec.type === 'match' ? 2 : 1) * Math.max(1, fields.length);
    if (matching) {
      node.matching = matching;
      node.costly = true;
    }
    return node;
  }

  private staticFields(fields: string[], base: string): ResolvedField[] {
    return fields.map(fieldPattern).flatMap((f) => (f.wildcard ? [] : [this.resolver.resolve(f.name, base)]));
  }

  /** Any of `fields` (names or `*` patterns, boosts dropped) matches `spec`. */
  private fieldsTest(dsl: object, at: string, spec: LeafSpec, fields: string[], base: string, lenient: boolean): PatternFields {
    const ctx: LeafContext = { now: this.now, lenient };
    const tests: Test[] = [];
    const patterns: ((name: string) => boolean)[] = [];
    for (const f of fields.map(fieldPattern)) {
      if (f.wildcard) {
        patterns.push(fieldPatternMatcher(f.name));
        continue;
      }
      const { test, error } = compileLeaf(spec, this.resolver.resolve(f.name, base), ctx);
      if (error) this.report(DSL_VALUE, dsl, at, error);
      tests.push(test);
    }
    if (patterns.length === 0) return { test: tests.length === 1 ? tests[0] : anyOf(tests) };
    const expanded = this.patternFieldsTest(spec, patterns, base);
    tests.push(expanded.test);
    return { test: tests.length === 1 ? tests[0] : anyOf(tests), matching: expanded.matching };
  }

  /** Field patterns are expanded against the event's own fields (lenient, as ES's `*` expansion). */
  private patternFieldsTest(
    spec: LeafSpec,
    patterns: ((name: string) => boolean)[],
    base: string,
  ): PatternFields & { matching: (ev: unknown) => ResolvedField[] } {
    const ctx: LeafContext = { now: this.now, lenient: true };
    const byName = new Map<string, Test>();
    const prefix = base ? `${base}.` : '';
    const testOf = (name: string): Test => {
      let test = byName.get(name);
      if (!test) {
        test = compileLeaf(spec, this.resolver.resolve(name, base), ctx).test;
        if (byName.size < 10_000) byName.set(name, test);
      }
      return test;
    };
    const names = (ev: unknown): string[] =>
      eventFieldNames(ev)
        .map((local) => prefix + local)
        .filter((name) => !isMetadataField(name) && patterns.some((p) => p(name)));
    return {
      test: (ev) => names(ev).some((name) => testOf(name)(ev)),
      matching: (ev) => names(ev).flatMap((name) => (testOf(name)(ev) ? [this.resolver.resolve(name, base)] : [])),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Explain

  explain(node: QNode, event: unknown, depth: number): ExplainNode {
    const range = this.rangeOf(node);
    const truth = node.test(event);
    if (node.kind === 'leaf') {
      const fields = node.matching ? [...node.fields, ...node.matching(event)] : node.fields;
      const values = fields.map((f): ExplainValue => {
        const value = f.hidden ? undefined : (f.read(event) ?? (f.keywordOf ? f.keywordOf(event) : undefined));
        return { field: f.name, value: value ?? null, missing: value === undefined || value === null };
      });
      return { kind: 'leaf', label: this.labelOf(node), truth, range, values, children: [] };
    }
    if (node.kind === 'nested') {
      const { path, read } = node.nested!;
      const v = read(event);
      const elements = (Array.isArray(v) ? v : [v]).filter(isObject);
      const inner = node.children[0];
      // Show the inner query on the element that matched, else on the first one.
      const shown = elements.find((el) => inner.test(el)) ?? elements[0] ?? {};
      const values: ExplainValue[] = [{ field: path, value: v ?? null, missing: v === undefined || v === null }];
      return { kind: 'and', label: node.label, truth, range, values, children: [this.explain(inner, shown, depth + 1)] };
    }
    return { kind: node.kind, label: node.label, truth, range, values: [], children: node.children.map((c) => this.explain(c, event, depth + 1)) };
  }

  private rangeOf(node: QNode): TextRange {
    for (const c of node.clauses) {
      const r = this.options.rangeOf?.(c);
      if (r) return r;
    }
    return { start: 0, end: 0 };
  }

  private labelOf(node: QNode): string {
    for (const c of node.clauses) {
      const l = this.options.label?.(c);
      if (l !== undefined) return l;
    }
    return node.label;
  }
}

const RANGE_OPS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const METADATA = new Set(['_id', '_index', '_source', '_routing', '_ignored', '_version', '_seq_no', '_primary_term', '_score', '_tier']);
function isMetadataField(name: string): boolean {
  return METADATA.has(name);
}

function queryStringSpec(t: QueryStringTerm): LeafSpec {
  switch (t.kind) {
    case 'wildcard':
      return { type: 'pattern', query: 'query_string', parts: t.parts, caseInsensitive: false };
    case 'term':
      return { type: 'match', query: t.text, operator: 'or', phrase: false, zeroTermsAll: false };
    case 'phrase':
      return { type: 'match', query: t.text, operator: 'or', phrase: true, zeroTermsAll: false };
  }
}

/**
 * `minimum_should_match` as a count: an integer, a negative integer (clauses that may be
 * missing), a percentage (rounded down) or a negative percentage. Null = a form not evaluated.
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/query-dsl-minimum-should-match.html
 */
export function minimumShouldMatch(spec: unknown, clauses: number, fallback: number): number | null {
  if (spec === undefined || spec === null) return fallback;
  const s = String(spec).trim();
  let n: number;
  const pct = /^(-?)(\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) {
    const part = Math.floor((clauses * Number(pct[2])) / 100);
    n = pct[1] ? clauses - part : part;
  } else if (/^-?\d+$/.test(s)) {
    const k = Number(s);
    n = k < 0 ? clauses + k : k;
  } else {
    return null;
  }
  return Math.max(0, n);
}

/**
 * Relative cost of a node's test per event, for ordering: a term is 1, a wildcard or a match 2
 * (a string scan, or analysis, against one compare), a bool the sum of its parts (a bound that
 * short-circuiting only lowers).
 */
function costOf(node: QNode): number {
  if (node.kind === 'leaf') return node.weight ?? 1;
  let sum = node.kind === 'nested' ? 1 : 0;
  for (const c of node.children) sum += costOf(c);
  return Math.max(1, sum);
}

function atLeast(nodes: QNode[], min: number): Test {
  const tests = nodes.map((n) => n.test);
  if (min > tests.length) return alwaysFalse;
  if (min <= 1) return anyOf(tests);
  return (ev) => {
    let hits = 0;
    for (let i = 0; i < tests.length; i++) if (tests[i](ev) && ++hits >= min) return true;
    return false;
  };
}

/** must/filter all, the should test (if any), no must_not; an empty bool matches everything. */
function boolTest(must: QNode[], shouldTest: Test | undefined, impossible: boolean, mustNot: QNode[], notGroups: QNode[]): Test {
  const parts: Test[] = must.map((n) => n.test);
  if (shouldTest) parts.push(shouldTest);
  else if (impossible) parts.push(alwaysFalse);
  if (mustNot.length === 0) return parts.length === 0 ? alwaysTrue : allOf(parts);
  if (parts.length === 0) return mustNot.length === 1 ? notGroups[0].test : negate(anyOf(mustNot.map((n) => n.test)));
  return allButNot(allOf(parts), mustNot.length === 1 ? mustNot[0].test : anyOf(mustNot.map((n) => n.test)));
}
