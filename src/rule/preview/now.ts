/**
 * When the preview runs and which events its windows hold. A rule runs at "now" and searches
 * `from` … `to` (date math relative to now; defaults `now-6m` and `now`, Kibana's rule defaults)
 * on its timestamp field: `timestamp_override` when set, else `@timestamp`; with an override,
 * events without it fall back to `@timestamp` unless `timestamp_override_fallback_disabled`
 * (Kibana's primary/secondary timestamps, https://www.elastic.co/guide/en/security/current/rules-ui-create.html
 * "Timestamp override"). The preview's "now" is the latest event timestamp, so the sample's
 * newest event is always inside the window, unless a time is given.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { resolveDateMath } from '../../events/date-math.ts';
import { compileFieldAccessor, splitFieldName } from '../../events/field.ts';
import { parseIsoDate, toEpochMillis } from '../../eql/run/dates.ts';
import type { PreviewWindow } from './types.ts';

const DEFAULT_FROM = 'now-6m';
const DEFAULT_TO = 'now';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads an event's timestamp (epoch millis) the way the rule's searches filter on it. */
export function timestampReader(rule: Record<string, unknown>): (event: unknown) => number | null {
  const override = str(rule.timestamp_override);
  const primary = compileFieldAccessor(splitFieldName(override ?? '@timestamp'));
  const fallback = override && rule.timestamp_override_fallback_disabled !== true ? compileFieldAccessor(splitFieldName('@timestamp')) : undefined;
  const read = (event: unknown, field: (event: unknown) => unknown) => {
    const v = field(event);
    // A date field with several values: the range filter matches when any does; the first
    // value places the event in time (the preview's windows are wider than any such spread).
    return toEpochMillis(Array.isArray(v) ? v[0] : v);
  };
  return (event) => {
    const t = read(event, primary);
    return t === null && fallback ? read(event, fallback) : t;
  };
}

/**
 * The preview's "now": `given` (ISO-8601, or epoch millis) or else the latest of the timestamps;
 * null when neither exists.
 */
export function previewNow(timestamps: readonly (number | null)[], given?: string | number): { now: number | null; diagnostics: Diagnostic[] } {
  if (given !== undefined) {
    const now = typeof given === 'number' ? given : parseIsoDate(given);
    if (now === null || !Number.isFinite(now)) {
      return {
        now: null,
        diagnostics: [{ severity: 'error', code: 'preview/now', message: `"now" must be an ISO-8601 time, found [${given}].`, source: 'schema' }],
      };
    }
    return { now, diagnostics: [] };
  }
  let now: number | null = null;
  for (const t of timestamps) if (t !== null && (now === null || t > now)) now = t;
  return { now, diagnostics: [] };
}

function dateMathProblem(field: string, value: string): Diagnostic {
  return { severity: 'error', code: 'preview/date-math', message: `\`${field}\` is not valid date math: [${value}].`, source: 'schema', path: `rule.${field}` };
}

/** The rule's window at `now`, and for new terms the history window's start. */
export function ruleWindow(rule: Record<string, unknown>, now: number, historyWindowStart?: string): { window?: PreviewWindow; diagnostics: Diagnostic[] } {
  const fromText = str(rule.from) ?? DEFAULT_FROM;
  const toText = str(rule.to) ?? DEFAULT_TO;
  const from = resolveDateMath(fromText, now);
  const to = resolveDateMath(toText, now);
  const diagnostics: Diagnostic[] = [];
  if (from === null) diagnostics.push(dateMathProblem('from', fromText));
  if (to === null) diagnostics.push(dateMathProblem('to', toText));
  let historyStart: number | null | undefined;
  if (historyWindowStart !== undefined) {
    // Kibana parses it with `forceNow: tuple.to` (new_terms/create_new_terms_alert_type.ts).
    historyStart = to === null ? null : resolveDateMath(historyWindowStart, to);
    if (historyStart === null) diagnostics.push(dateMathProblem('new_terms.history_window_start', historyWindowStart));
  }
  if (from === null || to === null || historyStart === null) return { diagnostics };
  // Kibana refuses to run such a rule (new_terms/utils.ts validateHistoryWindowStart, both read at
  // the same now): "History window size is smaller than rule interval + additional lookback".
  if (historyWindowStart !== undefined && (resolveDateMath(historyWindowStart, now) ?? -Infinity) >= from) {
    diagnostics.push({
      severity: 'error',
      code: 'preview/history-window',
      message: `The history window must start before the rule's window: history_window_start [${historyWindowStart}] is not earlier than from [${fromText}].`,
      source: 'schema',
      path: 'rule.new_terms.history_window_start',
    });
    return { diagnostics };
  }
  const window: PreviewWindow = { now, from, to };
  if (historyStart !== undefined) window.historyStart = historyStart;
  return { window, diagnostics };
}
