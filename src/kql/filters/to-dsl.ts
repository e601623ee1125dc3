/**
 * Kibana filters (the pills above the query bar, stored by detection rules as `[[rule.filters]]`)
 * to the query DSL, as Kibana's buildQueryFromFilters does: a filter's query is its `query` key,
 * or, in older saved filters, the filter itself without `meta` and `$state` (`exists`, `range`,
 * `match_all` at the top level); `meta.negate` puts it under must_not, `meta.disabled` drops it,
 * and a `combined` filter joins its `meta.params` with AND or OR.
 * https://www.elastic.co/guide/en/kibana/current/kuery-query.html (filters), and Kibana's
 * kbn-es-query `filters/build_filters` (phrase, phrases, exists, range, custom, combined).
 */
import type { Diagnostic } from '../../diagnostic.ts';

export interface FiltersDsl {
  /** `{"bool":{"filter":[…],"must_not":[…]}}`, or match_all when no filter applies. */
  query: object;
  diagnostics: Diagnostic[];
  /** The TOML path (`rule.filters[2]`) each produced clause came from, for the caller's diagnostics. */
  pathOf: Map<object, string>;
}

export const UNSUPPORTED_FILTER = 'kql/unsupported-filter';
/** Combined filters nest; deeper ones are refused rather than recursed into. */
const MAX_COMBINED_DEPTH = 50;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `filters` as a rule stores them (an array of filter objects) → one DSL query. */
export function filtersToDsl(filters: unknown, basePath = 'rule.filters'): FiltersDsl {
  const diagnostics: Diagnostic[] = [];
  const pathOf = new Map<object, string>();
  const list = filters === undefined || filters === null ? [] : Array.isArray(filters) ? filters : [filters];
  if (filters !== undefined && filters !== null && !Array.isArray(filters)) {
    diagnostics.push(unsupported(basePath, 'filters must be an array of filter objects'));
  }
  const positive: object[] = [];
  const negative: object[] = [];
  list.forEach((f, i) => {
    const path = Array.isArray(filters) ? `${basePath}[${i}]` : basePath;
    const converted = filterClause(f, path, diagnostics, pathOf, 0);
    if (!converted) return;
    (converted.negate ? negative : positive).push(converted.clause);
  });
  if (positive.length === 0 && negative.length === 0) return { query: { match_all: {} }, diagnostics, pathOf };
  const bool: Record<string, unknown> = { filter: positive };
  if (negative.length > 0) bool.must_not = negative;
  return { query: { bool }, diagnostics, pathOf };
}

function unsupported(path: string, message: string): Diagnostic {
  return { severity: 'error', code: UNSUPPORTED_FILTER, message: `${message} (${path})`, source: 'kql', path };
}

/** One filter → its clause and whether it is negated; undefined when disabled or unusable. */
function filterClause(
  filter: unknown,
  path: string,
  diagnostics: Diagnostic[],
  pathOf: Map<object, string>,
  depth: number,
): { clause: object; negate: boolean } | undefined {
  if (!isObject(filter)) {
    diagnostics.push(unsupported(path, 'a filter must be an object'));
    return undefined;
  }
  const meta = isObject(filter.meta) ? filter.meta : {};
  if (meta.disabled === true) return undefined;
  const negate = meta.negate === true;
  let clause: object | undefined;
  if (meta.type === 'combined') {
    clause = combinedClause(meta, path, diagnostics, pathOf, depth);
  } else {
    clause = queryOf(filter, path, diagnostics);
  }
  if (!clause) return undefined;
  pathOf.set(clause, path);
  return { clause, negate };
}

/** The filter's DSL: `query`, else the filter without meta/$state (Kibana's cleanFilter). */
function queryOf(filter: Record<string, unknown>, path: string, diagnostics: Diagnostic[]): object | undefined {
  if (isObject(filter.query)) return legacyPhrase(filter.query);
  const rest = Object.fromEntries(Object.entries(filter).filter(([k]) => k !== 'meta' && k !== '$state'));
  const keys = Object.keys(rest);
  if (keys.length === 0) {
    const fromMeta = isObject(filter.meta) ? metaQuery(filter.meta) : undefined;
    if (fromMeta) return fromMeta;
    diagnostics.push(unsupported(path, 'the filter has no query'));
    return undefined;
  }
  if (keys.length > 1) {
    diagnostics.push(unsupported(path, `the filter holds several queries (${keys.join(', ')})`));
    return undefined;
  }
  return legacyPhrase(rest);
}

/**
 * A filter saved with its meta only: the query Kibana's builders make from `meta.key` and
 * `meta.params` (phrase → match_phrase, phrases → should of match_phrase, exists, range).
 */
function metaQuery(meta: Record<string, unknown>): object | undefined {
  const key = meta.key;
  if (typeof key !== 'string') return undefined;
  const params = meta.params;
  switch (meta.type) {
    case 'phrase': {
      const value = isObject(params) ? params.query : undefined;
      return value === undefined ? undefined : { match_phrase: { [key]: value } };
    }
    case 'phrases':
      return Array.isArray(params) ? { bool: { should: params.map((v) => ({ match_phrase: { [key]: v } })), minimum_should_match: 1 } } : undefined;
    case 'exists':
      return { exists: { field: key } };
    case 'range':
      return isObject(params) ? { range: { [key]: params } } : undefined;
  }
  return undefined;
}

/**
 * Old phrase filters are `{"match":{"f":{"query":v,"type":"phrase"}}}` (type was removed from
 * match in ES 6): the same query as match_phrase.
 */
function legacyPhrase(query: Record<string, unknown>): object {
  const match = query.match;
  if (!isObject(match) || Object.keys(query).length !== 1) return query;
  const fields = Object.keys(match);
  if (fields.length !== 1) return query;
  const body = match[fields[0]];
  if (!isObject(body) || body.type !== 'phrase') return query;
  const { type: _type, ...rest } = body;
  return { match_phrase: { [fields[0]]: rest } };
}

/** meta.params are filters; AND → all of them, OR → at least one; each keeps its own negate. */
function combinedClause(
  meta: Record<string, unknown>,
  path: string,
  diagnostics: Diagnostic[],
  pathOf: Map<object, string>,
  depth: number,
): object | undefined {
  if (depth >= MAX_COMBINED_DEPTH) {
    diagnostics.push(unsupported(path, `combined filters nest deeper than ${MAX_COMBINED_DEPTH} levels`));
    return undefined;
  }
  if (!Array.isArray(meta.params)) {
    diagnostics.push(unsupported(path, 'a combined filter needs meta.params, a list of filters'));
    return undefined;
  }
  const relation = String(meta.relation ?? 'AND').toUpperCase();
  if (relation !== 'AND' && relation !== 'OR') {
    diagnostics.push(unsupported(path, `unknown combined filter relation ${JSON.stringify(meta.relation)}`));
    return undefined;
  }
  const clauses: object[] = [];
  meta.params.forEach((p, i) => {
    const sub = filterClause(p, `${path}.meta.params[${i}]`, diagnostics, pathOf, depth + 1);
    if (sub) clauses.push(sub.negate ? { bool: { must_not: sub.clause } } : sub.clause);
  });
  return relation === 'AND' ? { bool: { filter: clauses } } : { bool: { should: clauses, minimum_should_match: 1 } };
}
