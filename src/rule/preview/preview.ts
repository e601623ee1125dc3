/**
 * Runs a rule once over sample events, as Kibana's rule executor would at "now": the rule's
 * query and filters (injected predicates: KQL, or any other compiled form) select events in the
 * rule's window, and the rule's type turns them into alerts — each event (query), each group
 * reaching the threshold, each new combination of values (new terms), each event ↔ indicator
 * pair (indicator match).
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { getField } from '../../events/field.ts';
import type { TomlTable } from '../types.ts';
import { type NewTermsSpec, readNewTerms, runNewTerms } from './new-terms.ts';
import { previewNow, ruleWindow, timestampReader } from './now.ts';
import { indexMatches, readThreatMatch, runThreatMatch, type ThreatMatchSpec } from './threat-match.ts';
import { readThreshold, runThreshold, type ThresholdSpec } from './threshold.ts';
import type { EventPredicate, PreviewKind, PreviewMatch, PreviewResult, PreviewWindow } from './types.ts';

export interface PreviewInput {
  /** The rule file's data (`{metadata, rule}`). */
  data: TomlTable;
  events: readonly unknown[];
  /** The rule's query. */
  matchesQuery: EventPredicate;
  /** The rule's `[[rule.filters]]`; none = every event passes. */
  matchesFilters?: EventPredicate;
  /** Indicator match: `threat_query` and `threat_filters`; none = every indicator passes. */
  matchesThreatQuery?: EventPredicate;
  /** ISO-8601 or epoch millis; default the latest event timestamp. */
  now?: string | number;
  /** Indicator match: fields Kibana queries with `terms` (keyword, ip, wildcard, constant_keyword). */
  termsEligible?: (field: string) => boolean;
  /** False: every event is in the window (a bare query, not a scheduled rule). Default true. */
  applyWindow?: boolean;
}

const KIND_OF_TYPE: Record<string, PreviewKind> = {
  query: 'events',
  saved_query: 'events',
  threshold: 'threshold',
  new_terms: 'new_terms',
  threat_match: 'threat_match',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function previewRule(input: PreviewInput): PreviewResult {
  const rule = isObject(input.data.rule) ? input.data.rule : {};
  const type = typeof rule.type === 'string' ? rule.type : 'query';
  const kind = KIND_OF_TYPE[type];
  if (!kind) {
    return {
      kind: 'events',
      matches: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'preview/rule-type',
          message: `Rules of type [${type}] are not previewed over a query's events.`,
          source: 'schema',
          path: 'rule.type',
        },
      ],
    };
  }
  const read = readSpec(kind, rule);
  if (!read.spec) return { kind, matches: [], diagnostics: read.diagnostics };
  const spec = read.spec;

  const { events } = input;
  const readTimestamp = timestampReader(rule);
  const timestamps = events.map(readTimestamp);
  const diagnostics: Diagnostic[] = [];
  const now = previewNow(timestamps, input.now);
  diagnostics.push(...now.diagnostics);
  if (now.diagnostics.length > 0) return { kind, matches: [], diagnostics };

  // A bare query (applyWindow false) has no schedule, so no window: every event is in.
  let window: PreviewWindow | undefined;
  if (input.applyWindow !== false && now.now === null) {
    diagnostics.push({
      severity: 'info',
      code: 'preview/no-timestamps',
      message: 'No event has a timestamp, so the rule runs over all of them, without its time window.',
      source: 'events',
    });
  } else if (input.applyWindow !== false && now.now !== null) {
    const placed = ruleWindow(rule, now.now, spec.kind === 'new_terms' ? spec.newTerms.historyWindowStart : undefined);
    diagnostics.push(...placed.diagnostics);
    if (!placed.window) return { kind, matches: [], diagnostics };
    window = placed.window;
    const undated = timestamps.filter((t) => t === null).length;
    if (undated > 0) {
      diagnostics.push({
        severity: 'info',
        code: 'preview/undated-events',
        message: `${undated} event(s) have no timestamp and are outside every time window.`,
        source: 'events',
      });
    }
  }
  const inWindow = (i: number) => !window || (timestamps[i] !== null && timestamps[i]! >= window.from && timestamps[i]! <= window.to);
  const matchesRule = (i: number) => input.matchesQuery(events[i]) && (input.matchesFilters?.(events[i]) ?? true);
  // Ascending time, undated events last (Elasticsearch sorts missing values `_last`).
  const byTime = (a: number, b: number) => (timestamps[a] ?? Infinity) - (timestamps[b] ?? Infinity) || a - b;

  let matches: PreviewMatch[] = [];
  if (spec.kind === 'events') {
    const hits = positions(events.length, (i) => inWindow(i) && matchesRule(i)).sort(byTime);
    matches = hits.map((i) => ({ events: [i], joinKeys: [] }));
  } else if (spec.kind === 'threshold') {
    const ran = runThreshold(
      events,
      positions(events.length, (i) => inWindow(i) && matchesRule(i)),
      spec.threshold,
    );
    matches = ran.matches;
    diagnostics.push(...ran.diagnostics);
  } else if (spec.kind === 'new_terms') {
    const span = window ?? { from: -Infinity, to: Infinity, historyStart: -Infinity };
    const ran = runNewTerms(events, spec.newTerms, {
      candidates: positions(events.length, (i) => (!window || timestamps[i] !== null) && matchesRule(i)),
      timestamp: (i) => (window ? timestamps[i] : 0),
      from: span.from,
      to: span.to,
      historyStart: span.historyStart ?? span.from,
    });
    matches = ran.matches;
    diagnostics.push(...ran.diagnostics);
  } else {
    const threat = spec.threatMatch;
    const isIndicator = (i: number) => {
      const index = getField(events[i], ['_index']);
      const names = Array.isArray(index) ? index : [index];
      return names.some((n) => typeof n === 'string' && indexMatches(n, threat.threatIndex)) && (input.matchesThreatQuery?.(events[i]) ?? true);
    };
    const indicators = positions(events.length, isIndicator);
    const indicatorSet = new Set(indicators);
    const sources = positions(events.length, (i) => !indicatorSet.has(i) && inWindow(i) && matchesRule(i));
    if (indicators.length === 0) {
      diagnostics.push({
        severity: 'info',
        code: 'preview/no-indicators',
        message: `No event is an indicator: indicators are the events whose \`_index\` matches threat_index [${threat.threatIndex.join(', ')}] and that match threat_query.`,
        source: 'events',
      });
    }
    matches = runThreatMatch(events, threat, { sources, indicators, termsEligible: input.termsEligible });
  }
  return window ? { kind, matches, diagnostics, window } : { kind, matches, diagnostics };
}

type Spec =
  | { kind: 'events' }
  | { kind: 'threshold'; threshold: ThresholdSpec }
  | { kind: 'new_terms'; newTerms: NewTermsSpec }
  | { kind: 'threat_match'; threatMatch: ThreatMatchSpec };

function readSpec(kind: PreviewKind, rule: Record<string, unknown>): { spec?: Spec; diagnostics: Diagnostic[] } {
  if (kind === 'threshold') {
    const { spec, diagnostics } = readThreshold(rule);
    return { spec: spec && { kind, threshold: spec }, diagnostics };
  }
  if (kind === 'new_terms') {
    const { spec, diagnostics } = readNewTerms(rule);
    return { spec: spec && { kind, newTerms: spec }, diagnostics };
  }
  if (kind === 'threat_match') {
    const { spec, diagnostics } = readThreatMatch(rule);
    return { spec: spec && { kind, threatMatch: spec }, diagnostics };
  }
  return { spec: { kind: 'events' }, diagnostics: [] };
}

function positions(n: number, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  return out;
}
