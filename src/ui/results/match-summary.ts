import type { RunKind, RunMatch, RunResult } from '../../languages/language.ts';
import { cellText } from '../events/format.ts';

/** What one match is called, singular and plural, per kind (a rule type's matches say which type). */
const NOUNS: Record<RunKind, [string, string]> = {
  events: ['event', 'events'],
  sequences: ['sequence', 'sequences'],
  samples: ['sample', 'samples'],
  threshold: ['threshold group', 'threshold groups'],
  new_terms: ['new term', 'new terms'],
  threat_match: ['indicator match', 'indicator matches'],
};

/** The plural noun of a kind's matches ("Show 10 more threshold groups"). */
export function matchNouns(kind: RunKind): string {
  return NOUNS[kind][1];
}

/**
 * The "Matches" status line: it always begins with the count (or says "No matches"). `total`
 * counts matches that were not sent to the page. A query with error-level diagnostics (syntax,
 * unknown field, type mismatch, wrong arguments…) does not run: it has no matches, and says why;
 * so does a rule whose type cannot run (a threshold without its table: the error names a rule field).
 * An indicator match is already a match: "2 indicator matches", not "… matched".
 */
export function matchStatus(result: Pick<RunResult, 'kind' | 'matches' | 'diagnostics'> | null, total = result?.matches.length ?? 0, errors = 0): string {
  if (errors > 0) {
    const ruleErrors = result?.diagnostics.some((d) => d.severity === 'error' && d.path !== undefined && d.path !== 'rule.query');
    return `No matches — the ${ruleErrors ? 'rule' : 'query'} has ${errors} error${errors === 1 ? '' : 's'}`;
  }
  const count = total;
  if (!result || count === 0) return 'No matches';
  const [one, many] = NOUNS[result.kind];
  const counted = `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
  return result.kind === 'threat_match' ? counted : `${counted} matched`;
}

/** Error-level diagnostics of an evaluation: any of them stops the query. */
export function queryErrorCount(result: RunResult | null | undefined): number {
  return result?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
}

const named = (names: readonly string[], keys: readonly unknown[]) => keys.map((k, j) => `${names[j] ?? `key ${j + 1}`} = ${cellText(k)}`).join(', ');

/**
 * The heading of one match of a grouped kind: the sequence or sample and its join keys; the
 * threshold group's field values and event count; the new terms; the event ↔ indicator pair and
 * the mapped values.
 */
export function matchHeading(kind: RunKind, match: RunMatch, i: number, joinKeyNames: readonly string[]): { label: string; detail: string } {
  const n = i + 1;
  switch (kind) {
    case 'threshold': {
      const events = `${match.count ?? match.events.length} event${(match.count ?? match.events.length) === 1 ? '' : 's'}`;
      const cardinality = match.cardinality === undefined ? '' : `, ${match.cardinality} distinct`;
      const values = match.joinKeys.length > 0 ? named(joinKeyNames, match.joinKeys) : 'all matching events';
      return { label: `Threshold group ${n}`, detail: `${values} — ${events}${cardinality}` };
    }
    case 'new_terms':
      return { label: `New term ${n}`, detail: `${named(joinKeyNames, match.joinKeys)} — first seen in event #${match.events[0]}` };
    case 'threat_match': {
      const [event, indicator] = match.events;
      return { label: `Indicator match ${n}`, detail: `event #${event} ↔ indicator #${indicator}: ${named(match.keyNames ?? [], match.joinKeys)}` };
    }
    default: {
      const label = `${kind === 'sequences' ? 'Sequence' : 'Sample'} ${n}`;
      if (match.joinKeys.length === 0) return { label, detail: '' };
      return { label, detail: `join key${match.joinKeys.length === 1 ? '' : 's'}: ${named(joinKeyNames, match.joinKeys)}` };
    }
  }
}

/** A short one-line description of an event for result lists. */
export function eventSummary(event: unknown): string {
  if (!event || typeof event !== 'object') return String(event);
  const get = (path: string): unknown => {
    const flat = (event as Record<string, unknown>)[path];
    if (flat !== undefined) return flat;
    let v: unknown = event;
    for (const key of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
    return v;
  };
  const parts: string[] = [];
  for (const path of ['event.category', 'event.action', 'process.name', 'file.name', 'destination.ip', 'host.name', 'host.id']) {
    const value = get(path);
    if (value !== undefined && value !== null) parts.push(`${path}=${Array.isArray(value) ? value.join('|') : String(value)}`);
  }
  return parts.join('  ') || JSON.stringify(event).slice(0, 160);
}
