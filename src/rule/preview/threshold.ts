/**
 * Threshold rules, as Kibana runs them: a composite aggregation with one `terms` source per
 * `threshold.field` over the events the query matched in the rule's window; a bucket is kept
 * when its document count is at least `threshold.value` and, with `threshold.cardinality`, when
 * the cardinality of its field in the bucket is at least its value. Without fields, every event
 * is in one bucket. Each kept bucket is one alert.
 * Kibana: x-pack/.../detection_engine/rule_types/threshold/build_threshold_aggregation.ts
 * (composite sources `{[field]: {terms: {field}}}`, `count_check` `params.docCount >= value`,
 * `cardinality_check` `params.cardinalityCount >= cardinality[0].value`);
 * https://www.elastic.co/guide/en/security/current/rules-ui-create.html#create-threshold-rule
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { compareTuples, termKey, termsReader, tupleKey } from './terms.ts';
import type { PreviewMatch, Term } from './types.ts';

export interface ThresholdSpec {
  /** Group-by fields; none = one group. */
  fields: string[];
  /** Minimum number of events in a group. */
  value: number;
  /** Kibana reads the first entry only. */
  cardinality?: { field: string; value: number };
}

/** A composite bucket per combination of values: an event with many values is in many buckets. */
export const MAX_GROUPS_PER_EVENT = 10_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function problem(message: string, path: string): Diagnostic {
  return { severity: 'error', code: 'preview/threshold', message, source: 'schema', path };
}

/** `rule.threshold` as a spec, or diagnostics saying what is missing. */
export function readThreshold(rule: Record<string, unknown>): { spec?: ThresholdSpec; diagnostics: Diagnostic[] } {
  const t = rule.threshold;
  if (!isObject(t)) return { diagnostics: [problem('A threshold rule needs a `[rule.threshold]` table.', 'rule.threshold')] };
  const rawFields = typeof t.field === 'string' ? (t.field === '' ? [] : [t.field]) : Array.isArray(t.field) ? t.field : t.field === undefined ? [] : null;
  if (rawFields === null || !rawFields.every((f) => typeof f === 'string' && f !== '')) {
    return { diagnostics: [problem('`threshold.field` must be a list of field names.', 'rule.threshold.field')] };
  }
  if (typeof t.value !== 'number' || !Number.isInteger(t.value) || t.value < 1) {
    return { diagnostics: [problem('`threshold.value` must be an integer of at least 1.', 'rule.threshold.value')] };
  }
  const spec: ThresholdSpec = { fields: rawFields as string[], value: t.value };
  const card = Array.isArray(t.cardinality) ? t.cardinality[0] : undefined;
  if (card !== undefined) {
    if (!isObject(card) || typeof card.field !== 'string' || card.field === '' || typeof card.value !== 'number' || card.value < 1) {
      return { diagnostics: [problem('`threshold.cardinality` entries need a `field` and a `value` of at least 1.', 'rule.threshold.cardinality[0]')] };
    }
    spec.cardinality = { field: card.field, value: card.value };
  }
  return { spec, diagnostics: [] };
}

interface Group {
  tuple: Term[];
  events: number[];
  distinct?: Set<string>;
}

/**
 * Groups `candidates` (positions of the events the query matched in the window) and keeps the
 * groups that reach the threshold, in the composite aggregation's key order.
 */
export function runThreshold(
  events: readonly unknown[],
  candidates: readonly number[],
  spec: ThresholdSpec,
): { matches: PreviewMatch[]; diagnostics: Diagnostic[] } {
  const readers = spec.fields.map(termsReader);
  const readCardinality = spec.cardinality ? termsReader(spec.cardinality.field) : undefined;
  const groups = new Map<string, Group>();
  const diagnostics: Diagnostic[] = [];
  let capped = 0;
  for (const i of candidates) {
    const perField = readers.map((read) => read(events[i]));
    // A terms source skips documents without the field (missing_bucket is off).
    if (perField.some((terms) => terms.length === 0)) continue;
    const tuples = combinations(perField, MAX_GROUPS_PER_EVENT);
    if (tuples.capped) capped++;
    const values = readCardinality?.(events[i]);
    for (const tuple of tuples.list) {
      const key = tupleKey(tuple);
      let g = groups.get(key);
      if (!g) {
        g = { tuple, events: [], distinct: readCardinality ? new Set() : undefined };
        groups.set(key, g);
      }
      g.events.push(i);
      if (values) for (const v of values) g.distinct!.add(termKey(v));
    }
  }
  if (capped > 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'preview/too-many-groups',
      message: `${capped} event(s) hold more than ${MAX_GROUPS_PER_EVENT} combinations of threshold field values; the preview counts the first ${MAX_GROUPS_PER_EVENT}.`,
      source: 'events',
    });
  }
  const matches: PreviewMatch[] = [];
  for (const g of [...groups.values()].sort((a, b) => compareTuples(a.tuple, b.tuple))) {
    if (g.events.length < spec.value) continue;
    if (spec.cardinality && g.distinct!.size < spec.cardinality.value) continue;
    const m: PreviewMatch = { events: [...g.events].sort((a, b) => a - b), joinKeys: g.tuple, count: g.events.length };
    if (spec.cardinality) m.cardinality = g.distinct!.size;
    matches.push(m);
  }
  return { matches, diagnostics };
}

/** The cartesian product of the lists (first list varies slowest), at most `limit` tuples. */
export function combinations(lists: readonly Term[][], limit: number): { list: Term[][]; capped: boolean } {
  // The usual event: one value per field, one tuple.
  if (lists.every((values) => values.length === 1)) return { list: [lists.map((values) => values[0])], capped: false };
  let out: Term[][] = [[]];
  let capped = false;
  for (const values of lists) {
    const next: Term[][] = [];
    for (const prefix of out) {
      for (const v of values) {
        if (next.length === limit) {
          capped = true;
          break;
        }
        next.push([...prefix, v]);
      }
    }
    out = next;
  }
  return { list: out, capped };
}
