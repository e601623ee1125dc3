/**
 * KQL tree → the Elasticsearch query DSL Kibana's `toElasticsearchQuery` builds for it
 * (../shared/kql-reference/README.md "KQL → DSL", facts in kql-to-dsl.jsonl):
 *
 * - every `is`/`range` leaf is `{bool:{should:[one clause per matching field], minimum_should_match:1}}`;
 * - `f:v` is `term` on a field whose esTypes are exactly ["keyword"], `match`/`match_phrase`
 *   otherwise (also for fields the data view does not know), an exact-date `range` on date fields,
 *   `exists` for `f:*`, `wildcard`/`query_string` for values with `*`;
 * - free text is `multi_match` (best_fields or phrase, lenient) or `query_string`;
 * - wildcard field names are expanded over the data view, nested fields among them wrapped in
 *   `nested` automatically; `p:{ q }` is `nested` with the inner names prefixed by `p.`;
 * - and/or/not are `bool` filter (or must) / should / must_not.
 *
 * `rangeOf` maps every generated clause object back to the text of the node it came from (the
 * evaluator's "Why"). Problems Kibana throws for (a nested field outside its nested group) come
 * back as diagnostics; the query is still built.
 */
import type { Diagnostic, TextRange } from '../../diagnostic.ts';
import type { KqlField, KqlIs, KqlNode, KqlRange, KqlValue } from '../syntax/ast.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** One query DSL clause: a JSON object such as `{"term":{"f":{"value":"v"}}}`. */
export type QueryDsl = { [key: string]: JsonValue };

export interface DataViewField {
  esTypes?: string[];
  /** Kibana field type: string, number, date, boolean, ip… */
  type: string;
  scripted?: boolean;
  /** For a scripted field: its script and language (painless, expression). */
  script?: string;
  lang?: string;
  /** The path of the nested object the field lives in. */
  nestedPath?: string;
}

export interface DataViewLookup {
  fields(): string[];
  field(name: string): DataViewField | undefined;
}

export interface KqlToDslOptions {
  dataView?: DataViewLookup;
  caseInsensitive?: boolean;
  /** Kibana's `dateFormat:tz`: an IANA zone, or 'Browser' for the local one. */
  dateFormatTZ?: string;
  filtersInMustClause?: boolean;
  nestedIgnoreUnmapped?: boolean;
}

export interface KqlDslResult {
  query: QueryDsl;
  rangeOf: (clause: object) => TextRange | undefined;
  /** For a value of a list (`f:(a or b)`), whose range is the value alone: where its field is written. */
  fieldRangeOf: (clause: object) => TextRange | undefined;
  /** What Kibana would refuse (it throws): nested fields queried outside their nested group. */
  diagnostics: Diagnostic[];
}

export function kqlToDsl(node: KqlNode, options: KqlToDslOptions = {}): KqlDslResult {
  const builder = new DslBuilder(options);
  const query = builder.build(node, undefined);
  const { ranges, fieldRanges } = builder;
  return { query, rangeOf: (clause) => ranges.get(clause), fieldRangeOf: (clause) => fieldRanges.get(clause), diagnostics: builder.diagnostics };
}

/** A field the leaf applies to, after expansion. */
interface ResolvedField extends DataViewField {
  name: string;
}

class DslBuilder {
  readonly ranges = new WeakMap<object, TextRange>();
  readonly fieldRanges = new WeakMap<object, TextRange>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly options: KqlToDslOptions) {}

  private mark<T extends QueryDsl>(clause: T, range: TextRange): T {
    this.ranges.set(clause, range);
    return clause;
  }

  /** Depth is bounded by the parser's cap, so plain recursion is safe here. */
  build(node: KqlNode, nestedPath: string | undefined): QueryDsl {
    switch (node.type) {
      case 'match_all':
        return this.mark({ match_all: {} }, node.range);
      case 'error':
        // What could not be parsed never matches (ast.ts); Kibana has no such node.
        return this.mark({ bool: { must_not: { match_all: {} } } }, node.range);
      case 'is':
        return this.is(node, nestedPath);
      case 'range':
        return this.rangeLeaf(node, nestedPath);
      case 'and': {
        const key = this.options.filtersInMustClause ? 'must' : 'filter';
        return this.mark({ bool: { [key]: node.args.map((a) => this.build(a, nestedPath)) } }, node.range);
      }
      case 'or':
        return this.mark({ bool: { should: node.args.map((a) => this.build(a, nestedPath)), minimum_should_match: 1 } }, node.range);
      case 'not':
        return this.mark({ bool: { must_not: this.build(node.arg, nestedPath) } }, node.range);
      case 'nested': {
        const path = nestedPath ? `${nestedPath}.${node.path.name}` : node.path.name;
        const nested: QueryDsl = { path, query: this.build(node.query, path), score_mode: 'none' };
        if (typeof this.options.nestedIgnoreUnmapped === 'boolean') nested.ignore_unmapped = this.options.nestedIgnoreUnmapped;
        return this.mark({ nested }, node.range);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // is

  private is(node: KqlIs, nestedPath: string | undefined): QueryDsl {
    const { field, value } = node;
    const isExists = value.kind === 'wildcard' && isLoneWildcard(value.parts);
    if (isExists && field?.wildcard && isLoneWildcard(field.name.split('*'))) {
      return this.mark({ match_all: {} }, node.range);
    }
    if (field === null) {
      if (value.kind === 'wildcard') return this.mark({ query_string: { query: queryStringPattern(value.parts) } }, node.range);
      return this.mark({ multi_match: { type: value.quoted ? 'phrase' : 'best_fields', query: value.value, lenient: true } }, node.range);
    }
    const wildcardName = field.wildcard && !nestedPath;
    const clauses: QueryDsl[] = [];
    // A value of a list is written apart from its field: remember where the field is.
    const apart = field.range.end <= node.range.start;
    const mark = (clause: QueryDsl) => {
      if (apart) this.fieldRanges.set(clause, field.range);
      return this.mark(clause, node.range);
    };
    for (const f of this.fieldsFor(field, nestedPath)) {
      const clause = this.isClause(f, value, isExists);
      if (clause) clauses.push(mark(this.wrapNested(mark(clause), f, wildcardName)));
    }
    return mark({ bool: { should: clauses, minimum_should_match: 1 } });
  }

  private isClause(f: ResolvedField, value: KqlValue, isExists: boolean): QueryDsl | null {
    const keyword = f.esTypes?.length === 1 && f.esTypes[0] === 'keyword';
    if (f.scripted) return isExists ? null : { script: { script: phraseScript(f, literalOf(value)) } };
    if (isExists) return { exists: { field: f.name } };
    if (value.kind === 'wildcard') {
      const pattern = queryStringPattern(value.parts);
      if (keyword) return { wildcard: { [f.name]: this.withCaseInsensitive({ value: pattern }) } };
      return { query_string: { fields: [f.name], query: pattern } };
    }
    if (f.type === 'date') return { range: { [f.name]: this.withTimeZone({ gte: value.value, lte: value.value }, value.value) } };
    if (keyword) return { term: { [f.name]: this.withCaseInsensitive({ value: value.value }) } };
    return { [value.quoted ? 'match_phrase' : 'match']: { [f.name]: value.value } };
  }

  // ---------------------------------------------------------------------------------------------
  // range

  private rangeLeaf(node: KqlRange, nestedPath: string | undefined): QueryDsl {
    const op = node.operator;
    const bound = node.value.value;
    const wildcardName = node.field.wildcard && !nestedPath;
    const clauses = this.fieldsFor(node.field, nestedPath).map((f) => {
      let clause: QueryDsl;
      if (f.scripted) clause = { script: { script: rangeScript(f, op, bound) } };
      else if (f.type === 'date') clause = { range: { [f.name]: this.withTimeZone({ [op]: bound }, bound) } };
      else clause = { range: { [f.name]: { [op]: bound } } };
      return this.mark(this.wrapNested(this.mark(clause, node.range), f, wildcardName), node.range);
    });
    return this.mark({ bool: { should: clauses, minimum_should_match: 1 } }, node.range);
  }

  // ---------------------------------------------------------------------------------------------
  // Fields

  /**
   * The fields a leaf applies to: the data view's fields matching a pattern, the named field, or
   * (unknown to the data view, or no data view) the name passed through as-is.
   */
  private fieldsFor(field: KqlField, nestedPath: string | undefined): ResolvedField[] {
    const name = nestedPath ? `${nestedPath}.${field.name}` : field.name;
    const view = this.options.dataView;
    let found: ResolvedField[] = [];
    if (view) {
      if (field.wildcard) {
        const pattern = wildcardRegExp(name);
        found = view
          .fields()
          .filter((n) => pattern.test(n))
          .map((n) => ({ ...(view.field(n) as DataViewField), name: n }));
      } else {
        const f = view.field(name);
        if (f) found = [{ ...f, name }];
      }
      // A wildcard outside a nested group may cover nested fields: they get wrapped, not refused.
      if (!(field.wildcard && !nestedPath)) this.checkNesting(found, nestedPath, field.range);
    }
    return found.length > 0 ? found : [{ name, type: '', scripted: false }];
  }

  private checkNesting(fields: ResolvedField[], nestedPath: string | undefined, range: TextRange): void {
    for (const f of fields) {
      let message: string | null = null;
      if (nestedPath && !f.nestedPath) message = `${f.name} is not a nested field but is in nested group "${nestedPath}" in the KQL expression.`;
      else if (f.nestedPath && !nestedPath) message = `${f.name} is a nested field, but is not in a nested group in the KQL expression.`;
      else if (f.nestedPath !== nestedPath) {
        message = `Nested field ${f.name} is being queried with the incorrect nested path. The correct path is ${f.nestedPath}.`;
      }
      if (message) this.diagnostics.push({ severity: 'error', code: 'kql/nested-field', message, source: 'kql', range });
    }
  }

  /** A field under a nested path reached through a wildcard name is wrapped in `nested` for the user. */
  private wrapNested(clause: QueryDsl, f: ResolvedField, wildcardName: boolean): QueryDsl {
    if (!wildcardName || !f.nestedPath) return clause;
    const nested: QueryDsl = { path: f.nestedPath, query: clause, score_mode: 'none' };
    if (typeof this.options.nestedIgnoreUnmapped === 'boolean') nested.ignore_unmapped = this.options.nestedIgnoreUnmapped;
    return { nested };
  }

  private withCaseInsensitive(params: { [key: string]: JsonValue }): { [key: string]: JsonValue } {
    if (typeof this.options.caseInsensitive === 'boolean') params.case_insensitive = this.options.caseInsensitive;
    return params;
  }

  /** Epoch values (numbers, digit-only strings) are absolute and get no time zone. */
  private withTimeZone(params: { [key: string]: JsonValue }, value: JsonValue): { [key: string]: JsonValue } {
    const isEpoch = typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
    if (this.options.dateFormatTZ && !isEpoch) params.time_zone = timeZone(this.options.dateFormatTZ);
    return params;
  }
}

function isLoneWildcard(parts: string[]): boolean {
  return parts.length === 2 && parts[0] === '' && parts[1] === '';
}

function literalOf(value: KqlValue): JsonValue {
  return value.kind === 'wildcard' ? value.parts.join('*') : value.value;
}

/** Escapes query_string's reserved characters in the literal parts; the `*` between them stay wildcards. */
export function queryStringPattern(parts: string[]): string {
  return parts.map((p) => p.replace(/[+\-=&|><!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`)).join('*');
}

/** A field-name pattern (`*` = any characters) as an anchored regular expression. */
function wildcardRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`))
    .join('[\\s\\S]*');
  return new RegExp(`^${body}$`);
}

function timeZone(setting: string): string {
  return setting === 'Browser' ? Intl.DateTimeFormat().resolvedOptions().timeZone : setting;
}

// Scripted fields (Kibana data view scripted fields): a `script` query holding the field's script
// compared with `params`, nested as Kibana nests it ({script:{script:{source, lang, params}}}).
// The painless source is ours (Kibana's also matches any element of a list value): the facts
// check only that a script query is produced.

function phraseScript(f: ResolvedField, value: JsonValue): QueryDsl {
  const source =
    f.lang === 'painless'
      ? `boolean compare(Supplier s, def v) {return s.get() == v;}compare(() -> { ${f.script ?? ''} }, params.value);`
      : `(${f.script ?? ''}) == value`;
  return { source, lang: f.lang ?? 'painless', params: { value } };
}

const RANGE_COMPARATOR = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function rangeScript(f: ResolvedField, op: keyof typeof RANGE_COMPARATOR, bound: JsonValue): QueryDsl {
  const source =
    f.lang === 'painless'
      ? `boolean ${op}(Supplier s, def v) {return s.get() ${RANGE_COMPARATOR[op]} v}${op}(() -> { ${f.script ?? ''} }, params.${op})`
      : `(${f.script ?? ''})${RANGE_COMPARATOR[op]}${op}`;
  return { source, lang: f.lang ?? 'painless', params: { [op]: bound } };
}
