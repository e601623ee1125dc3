/**
 * Indicator match rules, as Kibana runs them (x-pack/.../rule_types/indicator_match/):
 * `threat_mapping` is a list of groups, OR'd; the entries of a group are AND'd; an entry says
 * "event field `field` equals indicator field `value`". Kibana pages through the smaller side
 * (events first when there are fewer source events than indicators, create_threat_signals.ts)
 * and builds, per document of that side and per group, a `bool.filter` of `match` queries on the
 * other side's fields (threat_mapping/build_threat_mapping_filter.ts):
 * - a group is dropped for a document when one of its (non-negated) fields does not hold exactly
 *   one value there (`filterThreatMapping`: `itemValue == null || itemValue.length !== 1`);
 * - a `match` matches when any value of the other side's field equals it;
 * - a negated entry (9.2, "DOES NOT MATCH") is `must_not match` when the document holds one
 *   value, `exists` on the other field when it holds none, and nothing when it holds several;
 * - a group of one entry whose fields are both terms-eligible (keyword, ip, wildcard,
 *   constant_keyword) is one `terms` query built from each document's first value.
 * Each (event, indicator) pair that matches is one match here, naming the indicator and the
 * mapped values. https://www.elastic.co/guide/en/security/current/rules-ui-create.html#create-indicator-rule
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { compileFieldAccessor, type FieldAccessor, splitFieldName } from '../../events/field.ts';
import { termKey, termsOfValue } from './terms.ts';
import type { PreviewMatch, Term } from './types.ts';

export interface ThreatMappingEntry {
  /** The source event's field. */
  field: string;
  /** The indicator's field. */
  value: string;
  negate: boolean;
}

export interface ThreatMatchSpec {
  threatIndex: string[];
  mapping: { entries: ThreatMappingEntry[] }[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';

function problem(message: string, path: string): Diagnostic {
  return { severity: 'error', code: 'preview/threat-match', message, source: 'schema', path };
}

export function readThreatMatch(rule: Record<string, unknown>): { spec?: ThreatMatchSpec; diagnostics: Diagnostic[] } {
  const index = rule.threat_index;
  if (!Array.isArray(index) || index.length === 0 || !index.every(nonEmpty)) {
    return { diagnostics: [problem('An indicator match rule needs `threat_index`: the index patterns of its indicators.', 'rule.threat_index')] };
  }
  const groups = rule.threat_mapping;
  if (!Array.isArray(groups) || groups.length === 0) {
    return { diagnostics: [problem('An indicator match rule needs `[[rule.threat_mapping]]` groups.', 'rule.threat_mapping')] };
  }
  const mapping: ThreatMatchSpec['mapping'] = [];
  for (let g = 0; g < groups.length; g++) {
    const entries = isObject(groups[g]) ? (groups[g] as Record<string, unknown>).entries : undefined;
    const at = `rule.threat_mapping[${g}].entries`;
    if (!Array.isArray(entries) || entries.length === 0) return { diagnostics: [problem('Each `threat_mapping` group needs entries.', at)] };
    const read: ThreatMappingEntry[] = [];
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      if (!isObject(e) || !nonEmpty(e.field) || !nonEmpty(e.value)) {
        return { diagnostics: [problem('A `threat_mapping` entry needs a `field` (event) and a `value` (indicator field).', `${at}[${k}]`)] };
      }
      read.push({ field: e.field, value: e.value, negate: e.negate === true });
    }
    mapping.push({ entries: read });
  }
  return { spec: { threatIndex: index as string[], mapping }, diagnostics: [] };
}

/**
 * Whether an index name is selected by a list of index patterns: `*` is a wildcard, a pattern
 * starting with `-` excludes what it matches (as Elasticsearch's multi-target syntax).
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/api-conventions.html#api-multi-index
 */
export function indexMatches(index: string, patterns: readonly string[]): boolean {
  let selected = false;
  for (const p of patterns) {
    if (p.startsWith('-') && selected) {
      if (wildcardMatches(index, p.slice(1))) selected = false;
    } else if (!p.startsWith('-') && !selected && wildcardMatches(index, p)) {
      selected = true;
    }
  }
  return selected;
}

function wildcardMatches(text: string, pattern: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return text === pattern;
  if (!text.startsWith(parts[0]) || !text.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  const end = text.length - parts[parts.length - 1].length;
  for (let k = 1; k < parts.length - 1; k++) {
    const found = text.indexOf(parts[k], at);
    if (found < 0 || found + parts[k].length > end) return false;
    at = found + parts[k].length;
  }
  return at <= end;
}

export interface ThreatMatchRun {
  /** Positions of the source events (the rule's query, filters and window; not indicators). */
  sources: readonly number[];
  /** Positions of the indicators (`threat_index`, `threat_query`, `threat_filters`). */
  indicators: readonly number[];
  /** Fields Kibana would query with `terms` (keyword, ip, wildcard, constant_keyword); unknown = none. */
  termsEligible?: (field: string) => boolean;
}

/** One clause of a document's query against the other side. */
type Clause = { kind: 'match'; field: string; value: Term } | { kind: 'not'; field: string; value: Term } | { kind: 'exists'; field: string };

interface Query {
  doc: number;
  group: number;
  clauses: Clause[];
  /** The matched values, in entry order (non-negated entries). */
  keys: Term[];
}

export function runThreatMatch(events: readonly unknown[], spec: ThreatMatchSpec, run: ThreatMatchRun): PreviewMatch[] {
  // Kibana pages through the smaller side and queries the other with its values.
  const eventsFirst = run.sources.length < run.indicators.length;
  const querySide = eventsFirst ? run.sources : run.indicators;
  const targetSide = eventsFirst ? run.indicators : run.sources;
  const own = (e: ThreatMappingEntry) => (eventsFirst ? e.field : e.value);
  const other = (e: ThreatMappingEntry) => (eventsFirst ? e.value : e.field);
  const readers = new Map<string, FieldAccessor>();
  const valuesAt = (i: number, field: string): unknown => {
    let read = readers.get(field);
    if (!read) readers.set(field, (read = compileFieldAccessor(splitFieldName(field))));
    return read(events[i]);
  };

  const queries: Query[] = [];
  for (const doc of querySide) {
    spec.mapping.forEach((group, g) => {
      const q = queryOf(doc, g, group.entries);
      if (q) queries.push(q);
    });
  }

  function queryOf(doc: number, group: number, entries: ThreatMappingEntry[]): Query | undefined {
    const e0 = entries[0];
    if (entries.length === 1 && !e0.negate && run.termsEligible?.(e0.field) && run.termsEligible(e0.value)) {
      // The `terms` shape: the document's first value, whatever the number of values.
      const first = firstScalar(valuesAt(doc, own(e0)));
      return first === undefined ? undefined : { doc, group, clauses: [{ kind: 'match', field: other(e0), value: first }], keys: [first] };
    }
    const clauses: Clause[] = [];
    const keys: Term[] = [];
    for (const e of entries) {
      const values = termsOfValue(valuesAt(doc, own(e)));
      if (e.negate) {
        if (values.length === 0) clauses.push({ kind: 'exists', field: other(e) });
        else if (values.length === 1) clauses.push({ kind: 'not', field: other(e), value: values[0] });
        continue;
      }
      if (values.length !== 1) return undefined;
      clauses.push({ kind: 'match', field: other(e), value: values[0] });
      keys.push(values[0]);
    }
    return clauses.length === 0 ? undefined : { doc, group, clauses, keys };
  }

  // Index the queries by their first `match` clause, so each target reads only its candidates.
  const byMatch = new Map<string, Map<string, Query[]>>();
  const scanned: Query[] = [];
  for (const q of queries) {
    const m = q.clauses.find((c) => c.kind === 'match');
    if (!m) {
      scanned.push(q);
      continue;
    }
    let byValue = byMatch.get(m.field);
    if (!byValue) byMatch.set(m.field, (byValue = new Map()));
    const key = termKey(m.value);
    const list = byValue.get(key);
    if (list) list.push(q);
    else byValue.set(key, [q]);
  }

  const holds = (t: number, c: Clause): boolean => {
    const values = termsOfValue(valuesAt(t, c.field));
    if (c.kind === 'exists') return values.length > 0;
    const found = values.some((v) => termKey(v) === termKey(c.value));
    return c.kind === 'match' ? found : !found;
  };

  // One match per (event, indicator): the first group (in mapping order) that matched.
  const pairs = new Map<string, { event: number; indicator: number; q: Query }>();
  const record = (t: number, q: Query) => {
    const event = eventsFirst ? q.doc : t;
    const indicator = eventsFirst ? t : q.doc;
    const key = `${event}:${indicator}`;
    const seen = pairs.get(key);
    if (!seen || q.group < seen.q.group) pairs.set(key, { event, indicator, q });
  };
  for (const t of targetSide) {
    for (const [field, byValue] of byMatch) {
      for (const v of termsOfValue(valuesAt(t, field))) {
        for (const q of byValue.get(termKey(v)) ?? []) if (q.clauses.every((c) => holds(t, c))) record(t, q);
      }
    }
    for (const q of scanned) if (q.clauses.every((c) => holds(t, c))) record(t, q);
  }
  return [...pairs.values()]
    .sort((a, b) => a.event - b.event || a.indicator - b.indicator)
    .map(({ event, indicator, q }) => ({ events: [event, indicator], joinKeys: q.keys, indicator, mappingGroup: q.group }));
}

/** The first scalar of a value as `_source` holds it (arrays in order). */
function firstScalar(value: unknown): Term | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
      return v;
    }
  }
  return undefined;
}
