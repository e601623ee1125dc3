/**
 * Reads pasted or loaded events: NDJSON, a JSON array, a single object, or an Elasticsearch
 * `_search` / `_eql/search` response. Bad input is reported as diagnostics (source 'events');
 * whatever can be read is kept.
 */
import type { Diagnostic } from '../diagnostic.ts';

export interface ReadEventsResult {
  events: object[];
  diagnostics: Diagnostic[];
  /**
   * Each event's position in the input: its index among non-blank NDJSON lines, its array
   * index, or its hit index in a response. Differs from the event index when lines were bad.
   */
  positions: number[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function diag(message: string, start: number, end: number, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { severity, code: 'events/parse', message, source: 'events', range: { start, end } };
}

/** JSON.parse's message without the engine-specific prefix noise, as one sentence. */
function jsonMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/^JSON\.parse: /, '').replace(/\.$/, '');
}

/** Offset named in a V8 JSON error ("... at position 12"), if any. */
function jsonErrorOffset(err: unknown): number | undefined {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The documents of an Elasticsearch response, or undefined when `value` is not one.
 * `_eql/search`: hits.events[] or hits.sequences[].events[] (missing placeholders skipped);
 * `_search`: hits.hits[]. Each hit contributes its `_source`.
 */
function documentsOfResponse(value: Record<string, unknown>): object[] | undefined {
  const hits = value.hits;
  if (!isPlainObject(hits)) return undefined;
  const sources = (list: unknown): object[] => {
    const out: object[] = [];
    if (!Array.isArray(list)) return out;
    for (const hit of list) {
      if (isPlainObject(hit) && hit.missing !== true && isPlainObject(hit._source)) out.push(hit._source);
    }
    return out;
  };
  if (Array.isArray(hits.hits)) return sources(hits.hits);
  if (Array.isArray(hits.events)) return sources(hits.events);
  if (Array.isArray(hits.sequences)) {
    const out: object[] = [];
    for (const seq of hits.sequences) if (isPlainObject(seq)) out.push(...sources(seq.events));
    return out;
  }
  return undefined;
}

function fromValue(value: unknown, text: string, diagnostics: Diagnostic[], positions: number[]): object[] {
  if (Array.isArray(value)) {
    const events: object[] = [];
    value.forEach((item, i) => {
      if (isPlainObject(item)) {
        events.push(item);
        positions.push(i);
      } else diagnostics.push(diag(`Item ${i} of the array is not an object; it was skipped.`, 0, text.length, 'warning'));
    });
    return events;
  }
  if (isPlainObject(value)) {
    const docs = documentsOfResponse(value) ?? [value];
    docs.forEach((_, i) => positions.push(i));
    return docs;
  }
  diagnostics.push(diag('The events must be JSON objects, an array of objects, NDJSON or an Elasticsearch response.', 0, text.length));
  return [];
}

function readNdjson(text: string, diagnostics: Diagnostic[], positions: number[]): object[] {
  const events: object[] = [];
  let unreported = 0;
  const report = (d: Diagnostic) => {
    if (diagnostics.length < MAX_LINE_DIAGNOSTICS) diagnostics.push(d);
    else unreported++;
  };
  let lineNo = 0;
  let position = -1;
  let pos = 0;
  const n = text.length;
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    lineNo++;
    // Trim without allocating for blank lines: find the first non-blank character.
    let s = pos;
    let e = end;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    if (s < e) {
      position++;
      const line = text.slice(s, e);
      try {
        const value: unknown = JSON.parse(line);
        if (isPlainObject(value)) {
          // A one-line Elasticsearch response contributes its documents.
          const docs = isPlainObject(value.hits) ? documentsOfResponse(value) : undefined;
          if (docs) {
            for (const d of docs) {
              events.push(d);
              positions.push(position);
            }
          } else {
            events.push(value);
            positions.push(position);
          }
        } else report(diag(`Line ${lineNo} is not a JSON object; it was skipped.`, s, e));
      } catch (err) {
        report(diag(`Line ${lineNo} is not valid JSON (${jsonMessage(err)}); it was skipped.`, s, e));
      }
    }
    pos = end + 1;
  }
  if (unreported > 0) {
    diagnostics.push({ severity: 'error', code: 'events/parse', source: 'events', message: `${unreported} more invalid lines were skipped.` });
  }
  return events;
}

/** Bad lines beyond this are counted, not each reported: a wrong file would give thousands. */
const MAX_LINE_DIAGNOSTICS = 200;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff;
}

/** Reads events from any supported text form; never throws. */
export function readEvents(text: string): ReadEventsResult {
  const diagnostics: Diagnostic[] = [];
  const positions: number[] = [];
  let first = 0;
  while (first < text.length && isBlank(text.charCodeAt(first))) first++;
  if (first === text.length) return { events: [], diagnostics, positions };
  const c = text.charCodeAt(first);
  if (c === 91 /* [ */) {
    try {
      return { events: fromValue(JSON.parse(text), text, diagnostics, positions), diagnostics, positions };
    } catch (err) {
      const at = jsonErrorOffset(err) ?? first;
      diagnostics.push(diag(`The JSON array is not valid (${jsonMessage(err)}).`, at, Math.min(at + 1, text.length)));
      return { events: [], diagnostics, positions };
    }
  }
  if (c === 123 /* { */) {
    // One document (possibly pretty-printed) or a response; otherwise NDJSON. A failing
    // JSON.parse stops at the end of the first line, so trying it first is cheap.
    const nl = text.indexOf('\n', first);
    const looksLikeOneLine = nl < 0 || text.slice(nl).trim() === '';
    if (!looksLikeOneLine) {
      try {
        return { events: fromValue(JSON.parse(text), text, diagnostics, positions), diagnostics, positions };
      } catch {
        // fall through to NDJSON
      }
    }
    return { events: readNdjson(text, diagnostics, positions), diagnostics, positions };
  }
  return { events: readNdjson(text, diagnostics, positions), diagnostics, positions };
}
