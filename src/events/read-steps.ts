/**
 * Reads events in steps so a worker can report progress and be cancelled between steps:
 * a generator that yields after every `stepChars` characters of input. Accepts what `readEvents`
 * accepts (NDJSON, a JSON array, a single object, `_search` / `_eql/search` responses) plus
 * Kibana Discover CSV exports. NDJSON lines and array items are parsed one by one, so a bad one
 * is reported with its line number and skipped while the rest are kept.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { readEvents } from './read.ts';
import { csvRowToEvent, looksLikeCsvHeader, readCsvRecord } from './csv.ts';

export type EventsFormat = 'empty' | 'ndjson' | 'array' | 'json' | 'csv';

export interface ReadProgress {
  /** Characters read so far, of `total`. */
  done: number;
  total: number;
  events: number;
}

export interface SteppedReadResult {
  events: object[];
  diagnostics: Diagnostic[];
  format: EventsFormat;
  /** Lines or items skipped, including those beyond the diagnostics cap. */
  skipped: number;
}

/** Beyond this, bad lines are counted rather than each reported (500,000 diagnostics help no one). */
export const MAX_EVENT_DIAGNOSTICS = 200;

const DEFAULT_STEP = 1 << 20;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/^JSON\.parse: /, '').replace(/\.$/, '');
}

/** Collects diagnostics up to the cap, counting every skipped line or item. */
class Problems {
  readonly list: Diagnostic[] = [];
  skipped = 0;
  private listed = 0;

  skip(message: string, start: number, end: number, severity: Diagnostic['severity'] = 'error'): void {
    this.skipped++;
    if (this.listed < MAX_EVENT_DIAGNOSTICS) {
      this.listed++;
      this.list.push({ severity, code: 'events/parse', message, source: 'events', range: { start, end } });
    }
  }

  note(message: string, start: number, end: number, severity: Diagnostic['severity'] = 'error'): void {
    this.list.push({ severity, code: 'events/parse', message, source: 'events', range: { start, end } });
  }

  finish(): Diagnostic[] {
    const beyond = this.skipped - this.listed;
    if (beyond > 0) {
      this.list.push({
        severity: 'error',
        code: 'events/parse-more',
        message: `${beyond} more bad line${beyond === 1 ? '' : 's'} or item${beyond === 1 ? '' : 's'} were skipped (only the first ${MAX_EVENT_DIAGNOSTICS} are listed).`,
        source: 'events',
      });
    }
    return this.list;
  }
}

/** Counts line breaks incrementally, so each diagnostic's line number costs only the text since the last one. */
class LineCounter {
  private at = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  lineAt(offset: number): number {
    if (offset < this.at) {
      this.at = 0;
      this.line = 1;
    }
    for (let i = this.text.indexOf('\n', this.at); i >= 0 && i < offset; i = this.text.indexOf('\n', i + 1)) this.line++;
    this.at = offset;
    return this.line;
  }
}

/** Runs the stepped reader to completion (tests, small inputs). */
export function readEventsAll(text: string): SteppedReadResult {
  const steps = readEventsInSteps(text);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export function* readEventsInSteps(text: string, stepChars = DEFAULT_STEP): Generator<ReadProgress, SteppedReadResult> {
  let first = 0;
  while (first < text.length && isBlank(text.charCodeAt(first))) first++;
  if (first === text.length) return { events: [], diagnostics: [], format: 'empty', skipped: 0 };
  const c = text.charCodeAt(first);
  if (c === 91 /* [ */) return yield* readArray(text, first, stepChars);
  let firstLineEnd = text.indexOf('\n', first);
  if (firstLineEnd < 0) firstLineEnd = text.length;
  const firstLine = text.slice(first, firstLineEnd);
  if (c === 123 /* { */) {
    let firstValue: unknown;
    try {
      firstValue = JSON.parse(firstLine);
    } catch {
      // A pretty-printed document or response: one JSON value, read whole.
      const whole = readEvents(text);
      return { events: whole.events, diagnostics: whole.diagnostics, format: 'json', skipped: whole.diagnostics.length };
    }
    return yield* readNdjson(text, stepChars, firstValue);
  }
  if (looksLikeCsvHeader(firstLine)) return yield* readCsv(text, first, stepChars);
  return yield* readNdjson(text, stepChars);
}

/** One NDJSON line's events: an object, or the documents of a one-line Elasticsearch response. */
function eventsOfLine(value: unknown, line: string): object[] | undefined {
  if (!isPlainObject(value)) return undefined;
  if (isPlainObject(value.hits)) return readEvents(line).events;
  return [value];
}

function* readNdjson(text: string, stepChars: number, firstValue?: unknown): Generator<ReadProgress, SteppedReadResult> {
  const problems = new Problems();
  const events: object[] = [];
  const n = text.length;
  let lineNo = 0;
  let pos = 0;
  let nextYield = stepChars;
  let usedFirst = firstValue === undefined;
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    lineNo++;
    let s = pos;
    let e = end;
    while (s < e && isBlank(text.charCodeAt(s))) s++;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    if (s < e) {
      const line = text.slice(s, e);
      let value: unknown;
      let parsed = true;
      if (!usedFirst) {
        value = firstValue;
        usedFirst = true;
      } else {
        try {
          value = JSON.parse(line);
        } catch (err) {
          parsed = false;
          problems.skip(`Line ${lineNo} is not valid JSON (${jsonMessage(err)}); it was skipped.`, s, e);
        }
      }
      if (parsed) {
        const found = eventsOfLine(value, line);
        if (found) for (const ev of found) events.push(ev);
        else problems.skip(`Line ${lineNo} is not a JSON object; it was skipped.`, s, e);
      }
    }
    pos = end + 1;
    if (pos >= nextYield && pos < n) {
      nextYield = pos + stepChars;
      yield { done: pos, total: n, events: events.length };
    }
  }
  return { events, diagnostics: problems.finish(), format: 'ndjson', skipped: problems.skipped };
}

/**
 * Offset just past the JSON value starting at `s` (an object, array, string or scalar), or -1
 * when the text ends first. Only brackets and strings are tracked: JSON.parse judges the rest.
 */
export function endOfJsonValue(text: string, s: number): number {
  const n = text.length;
  const c = text.charCodeAt(s);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let i = s; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) {
        i = endOfString(text, i);
        if (i < 0) return -1;
        i--;
      } else if (ch === 123 || ch === 91) depth++;
      else if (ch === 125 || ch === 93) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  if (c === 34) return endOfString(text, s);
  let i = s;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 44 || ch === 93 || isBlank(ch)) break;
    i++;
  }
  return i;
}

/** Offset just past the string literal whose opening quote is at `s`, or -1. */
function endOfString(text: string, s: number): number {
  let i = s + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let k = q - 1; k > s && text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

function* readArray(text: string, open: number, stepChars: number): Generator<ReadProgress, SteppedReadResult> {
  const problems = new Problems();
  const lines = new LineCounter(text);
  const events: object[] = [];
  const n = text.length;
  let pos = open + 1;
  let item = 0;
  let nextYield = stepChars;
  let closed = false;
  while (pos < n) {
    const ch = text.charCodeAt(pos);
    if (isBlank(ch) || ch === 44 /* , */) {
      pos++;
      continue;
    }
    if (ch === 93 /* ] */) {
      closed = true;
      pos++;
      break;
    }
    const end = endOfJsonValue(text, pos);
    if (end < 0) {
      problems.skip(`Item ${item} of the array (line ${lines.lineAt(pos)}) is not closed before the end of the text; it was skipped.`, pos, n);
      pos = n;
      break;
    }
    try {
      const value: unknown = JSON.parse(text.slice(pos, end));
      if (isPlainObject(value)) events.push(value);
      else problems.skip(`Item ${item} of the array (line ${lines.lineAt(pos)}) is not an object; it was skipped.`, pos, end, 'warning');
    } catch (err) {
      problems.skip(`Item ${item} of the array (line ${lines.lineAt(pos)}) is not valid JSON (${jsonMessage(err)}); it was skipped.`, pos, end);
    }
    item++;
    pos = end;
    if (pos >= nextYield && pos < n) {
      nextYield = pos + stepChars;
      yield { done: pos, total: n, events: events.length };
    }
  }
  if (!closed && pos >= n && events.length + problems.skipped > 0 && !problems.list.some((d) => d.message.includes('not closed'))) {
    problems.note('The JSON array has no closing "]"; the items before the end were read.', n, n, 'warning');
  }
  while (pos < n && isBlank(text.charCodeAt(pos))) pos++;
  if (closed && pos < n) problems.note(`Text after the end of the JSON array (line ${lines.lineAt(pos)}) was ignored.`, pos, n, 'warning');
  return { events, diagnostics: problems.finish(), format: 'array', skipped: problems.skipped };
}

function* readCsv(text: string, first: number, stepChars: number): Generator<ReadProgress, SteppedReadResult> {
  const problems = new Problems();
  const events: object[] = [];
  const n = text.length;
  const headerRecord = readCsvRecord(text, first);
  const header = headerRecord.fields.map((f) => f.trim());
  let pos = headerRecord.end;
  let line = 2 + headerRecord.lineBreaks;
  let nextYield = stepChars;
  while (pos < n) {
    const record = readCsvRecord(text, pos);
    const blank = record.fields.length === 1 && record.fields[0].trim() === '';
    if (!record.complete) problems.skip(`Line ${line}: a quoted cell is not closed; the row was skipped.`, pos, n);
    else if (!blank) {
      if (record.fields.length !== header.length) {
        problems.skip(`Line ${line} has ${record.fields.length} cells but the header has ${header.length}; it was skipped.`, pos, record.end);
      } else events.push(csvRowToEvent(header, record.fields));
    }
    line += 1 + record.lineBreaks;
    pos = record.end;
    if (pos >= nextYield && pos < n) {
      nextYield = pos + stepChars;
      yield { done: pos, total: n, events: events.length };
    }
  }
  return { events, diagnostics: problems.finish(), format: 'csv', skipped: problems.skipped };
}
