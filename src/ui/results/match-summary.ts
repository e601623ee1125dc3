import type { EvalResult } from '../../eql/run/types.ts';

const NOUNS = { events: 'event', sequences: 'sequence', samples: 'sample' } as const;

/**
 * The "Matches" status line: it always begins with the count (or says "No matches"). `total`
 * counts matches that were not sent to the page. A query with error-level diagnostics (syntax,
 * unknown field, type mismatch, wrong arguments…) does not run: it has no matches, and says why.
 */
export function matchStatus(result: EvalResult | null, total = result?.matches.length ?? 0, errors = 0): string {
  if (errors > 0) return `No matches — the query has ${errors} error${errors === 1 ? '' : 's'}`;
  const count = total;
  if (!result || count === 0) return 'No matches';
  const noun = NOUNS[result.kind];
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'} matched`;
}

/** Error-level diagnostics of an evaluation: any of them stops the query. */
export function queryErrorCount(result: EvalResult | null | undefined): number {
  return result?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
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
