/**
 * New terms rules, as Kibana runs them (x-pack/.../rule_types/new_terms/create_new_terms_alert_type.ts):
 * 1. the combinations of `new_terms.field` values in the rule's window (`from` … now, both ends
 *    included) — a composite aggregation, so a document gives one combination per value tuple;
 * 2. for each, the earliest timestamp over the history window and the rule's window together
 *    (`history_window_start` … now); a combination is new when that earliest time is strictly
 *    after the window's start (`params.first_seen_value > params.start_time`, build_new_terms_aggregation.ts);
 * 3. one alert per new combination, from its earliest event in the rule's window
 *    (`top_hits` size 1 sorted by timestamp ascending).
 * With several fields, steps 2 and 3 read the combinations through a runtime field that walks
 * each document's values depth first, keeps only values seen in step 1 and stops after 100
 * ("ES has limit in 100 values for runtime field", new_terms/utils.ts getNewTermsRuntimeMappings).
 * Every step searches the rule's query and filters. At most 3 fields (MAX_NUMBER_OF_NEW_TERMS_FIELDS).
 * https://www.elastic.co/guide/en/security/current/rules-ui-create.html#create-new-terms-rule
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { combinations } from './threshold.ts';
import { compareTuples, termKey, termsReader, tupleKey } from './terms.ts';
import type { PreviewMatch, Term } from './types.ts';

export const MAX_NEW_TERMS_FIELDS = 3;
/** The runtime field's emit limit per document (Kibana new_terms/utils.ts). */
export const RUNTIME_FIELD_EMIT_LIMIT = 100;
/** Step 1's composite aggregation has no per-document limit; the preview stops somewhere. */
export const MAX_WINDOW_COMBINATIONS_PER_EVENT = 10_000;

export interface NewTermsSpec {
  fields: string[];
  /** Date math, e.g. `now-14d`. */
  historyWindowStart: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function problem(message: string, path: string): Diagnostic {
  return { severity: 'error', code: 'preview/new-terms', message, source: 'schema', path };
}

/**
 * `[rule.new_terms]` as detection-rules writes it: `field = "new_terms_fields"`, `value = [fields]`,
 * `[[rule.new_terms.history_window_start]]` with `field = "history_window_start"`, `value = "now-Nd"`
 * (../shared/reference/rule-format.md §3.2).
 */
export function readNewTerms(rule: Record<string, unknown>): { spec?: NewTermsSpec; diagnostics: Diagnostic[] } {
  const nt = rule.new_terms;
  if (!isObject(nt)) return { diagnostics: [problem('A new terms rule needs a `[rule.new_terms]` table.', 'rule.new_terms')] };
  const fields = nt.value;
  if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string' && f !== '')) {
    return { diagnostics: [problem('`new_terms.value` must list the fields whose new values the rule looks for.', 'rule.new_terms.value')] };
  }
  if (fields.length > MAX_NEW_TERMS_FIELDS) {
    return { diagnostics: [problem(`A new terms rule takes at most ${MAX_NEW_TERMS_FIELDS} fields, found ${fields.length}.`, 'rule.new_terms.value')] };
  }
  const hw = Array.isArray(nt.history_window_start) ? nt.history_window_start[0] : nt.history_window_start;
  const start = isObject(hw) ? hw.value : hw;
  if (typeof start !== 'string' || start === '') {
    return { diagnostics: [problem('A new terms rule needs `new_terms.history_window_start` (e.g. "now-14d").', 'rule.new_terms.history_window_start')] };
  }
  return { spec: { fields: fields as string[], historyWindowStart: start }, diagnostics: [] };
}

export interface NewTermsRun {
  /** Positions of the events that match the rule's query and filters. */
  candidates: readonly number[];
  /** The event's timestamp in millis, or null. */
  timestamp: (i: number) => number | null;
  from: number;
  to: number;
  historyStart: number;
}

/**
 * The runtime field's values for one document: a stack of (field index, values so far), popped
 * last-in first, so the last value of the first field is walked first; only values in `allowed`
 * are followed; at most `RUNTIME_FIELD_EMIT_LIMIT` tuples.
 */
function runtimeFieldTuples(perField: Term[][], allowed: Set<string>[]): Term[][] {
  if (perField.every((values) => values.length === 1)) {
    return perField.every((values, k) => allowed[k].has(termKey(values[0]))) ? [perField.map((values) => values[0])] : [];
  }
  const out: Term[][] = [];
  const stack: Term[][] = [[]];
  while (stack.length > 0 && out.length < RUNTIME_FIELD_EMIT_LIMIT) {
    const tuple = stack.pop()!;
    if (tuple.length === perField.length) {
      out.push(tuple);
      continue;
    }
    const k = tuple.length;
    for (const v of perField[k]) if (allowed[k].has(termKey(v))) stack.push([...tuple, v]);
  }
  return out;
}

export function runNewTerms(events: readonly unknown[], spec: NewTermsSpec, run: NewTermsRun): { matches: PreviewMatch[]; diagnostics: Diagnostic[] } {
  const readers = spec.fields.map(termsReader);
  const single = spec.fields.length === 1;
  const inWindow = (t: number) => t >= run.from && t <= run.to;
  const valuesOf = new Map<number, Term[][]>();
  const read = (i: number) => {
    let v = valuesOf.get(i);
    if (!v) valuesOf.set(i, (v = readers.map((r) => r(events[i]))));
    return v;
  };

  // Step 1: the combinations in the rule's window, and each field's values among them.
  const windowTuples = new Map<string, Term[]>();
  let capped = 0;
  for (const i of run.candidates) {
    const t = run.timestamp(i);
    if (t === null || !inWindow(t)) continue;
    const perField = read(i);
    if (perField.some((terms) => terms.length === 0)) continue;
    const product = combinations(perField, MAX_WINDOW_COMBINATIONS_PER_EVENT);
    if (product.capped) capped++;
    for (const tuple of product.list) windowTuples.set(tupleKey(tuple), tuple);
  }
  const allowed = spec.fields.map(() => new Set<string>());
  for (const tuple of windowTuples.values()) tuple.forEach((v, k) => allowed[k].add(termKey(v)));

  // Steps 2 and 3: the earliest time of each combination over history + window, and its
  // earliest event inside the window.
  const tuplesOf = (i: number): Term[][] => {
    const perField = read(i);
    if (perField.some((terms) => terms.length === 0)) return [];
    return single ? perField[0].map((v) => [v]) : runtimeFieldTuples(perField, allowed);
  };
  const firstSeen = new Map<string, number>();
  const firstEvent = new Map<string, { i: number; t: number }>();
  for (const i of run.candidates) {
    const t = run.timestamp(i);
    if (t === null || t < run.historyStart || t > run.to) continue;
    for (const tuple of tuplesOf(i)) {
      const key = tupleKey(tuple);
      if (!windowTuples.has(key)) continue;
      const seen = firstSeen.get(key);
      if (seen === undefined || t < seen) firstSeen.set(key, t);
      if (!inWindow(t)) continue;
      const first = firstEvent.get(key);
      if (!first || t < first.t || (t === first.t && i < first.i)) firstEvent.set(key, { i, t });
    }
  }

  const found: { tuple: Term[]; i: number; t: number }[] = [];
  for (const [key, tuple] of windowTuples) {
    const seen = firstSeen.get(key);
    const first = firstEvent.get(key);
    if (seen === undefined || !(seen > run.from) || !first) continue;
    found.push({ tuple, ...first });
  }
  // Alerts in time order of their event (then by value), so the preview reads as a timeline.
  found.sort((a, b) => a.t - b.t || a.i - b.i || compareTuples(a.tuple, b.tuple));
  const diagnostics: Diagnostic[] = [];
  if (capped > 0) {
    diagnostics.push({
      severity: 'warning',
      code: 'preview/too-many-terms',
      message: `${capped} event(s) hold more than ${MAX_WINDOW_COMBINATIONS_PER_EVENT} combinations of new terms field values; the preview reads the first ${MAX_WINDOW_COMBINATIONS_PER_EVENT}.`,
      source: 'events',
    });
  }
  return { matches: found.map((f) => ({ events: [f.i], joinKeys: f.tuple })), diagnostics };
}
