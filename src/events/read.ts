/**
 * Reads sample events from any supported text form: NDJSON, a JSON array, a single object, an
 * Elasticsearch `_search` / `_eql/search` response, or a Kibana Discover CSV export.
 *
 * One reader serves every caller: `EventsReader` takes the text in chunks (the events worker
 * streams a 100 MB file through it, a slice per step, without ever holding the whole text), and
 * `readEvents` reads a string at once (CLI, tests).
 * NDJSON lines, array items and CSV rows are parsed one by one, so a bad one is reported with
 * its line number and skipped while the rest are kept; the reader never throws.
 */
import { lineColumnAt, type Diagnostic } from '../diagnostic.ts';
import { findJsonError } from './json-error.ts';
import { csvRowToEvent, looksLikeCsvHeader, readCsvRecord } from './csv.ts';

export type EventsFormat = 'empty' | 'ndjson' | 'array' | 'json' | 'csv';

export interface ReadProgress {
  /** Input read so far (characters of a text, bytes of a file), of `total`. */
  done: number;
  total: number;
  events: number;
}

export interface ReadEventsResult {
  events: object[];
  diagnostics: Diagnostic[];
  format: EventsFormat;
  /** Lines, items or rows skipped, including those beyond the diagnostics cap. */
  skipped: number;
  /**
   * Each event's position in the input: its index among non-blank NDJSON lines, its array item
   * index, its CSV row, or its hit index in a response. Differs from the event index when some
   * were skipped. Collected only when asked for (the CLI names events by it).
   */
  positions: number[];
}

/** Beyond this, bad lines are counted rather than each reported (500,000 diagnostics help no one). */
export const MAX_EVENT_DIAGNOSTICS = 200;

/**
 * An event nested deeper than this (objects and arrays) is reported and skipped, so no walk over
 * event values (field access, coverage, comparisons, the results view) meets unbounded nesting.
 * Real events nest a handful of levels; Jackson, Elasticsearch's parser, refuses 1,000 by default.
 */
export const MAX_EVENT_DEPTH = 1000;

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 0xfeff;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.parse's message without the engine-specific prefix noise, as one sentence. */
function jsonMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return m.replace(/^JSON\.parse: /, '').replace(/\.$/, '');
}

/**
 * Why `text` is not JSON, in words a person can act on: what was expected, and (for a line)
 * at which column, given the column of the text's first character.
 */
function whyNotJson(text: string, err: unknown, firstColumn?: number): string {
  const found = findJsonError(text);
  if (!found) return jsonMessage(err);
  return firstColumn === undefined ? `expected ${found.expected}` : `expected ${found.expected} at column ${firstColumn + found.offset}`;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let k = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) k++;
  return k;
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

/**
 * Whether the JSON text `json` nests objects and arrays deeper than `limit`. Nesting never
 * exceeds the number of opening brackets, and counting those (indexOf) is cheap, so only a
 * text with more than `limit` of them is scanned, skipping string literals.
 */
export function nestsDeeperThan(json: string, limit = MAX_EVENT_DEPTH): boolean {
  // Each opening bracket is a character: a text no longer than the limit cannot exceed it.
  if (json.length <= limit) return false;
  let openers = 0;
  for (let i = json.indexOf('{'); i >= 0 && openers <= limit; i = json.indexOf('{', i + 1)) openers++;
  for (let i = json.indexOf('['); i >= 0 && openers <= limit; i = json.indexOf('[', i + 1)) openers++;
  if (openers <= limit) return false;
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (ch === 34) {
      const end = endOfString(json, i);
      if (end < 0) return false;
      i = end - 1;
    } else if (ch === 123 || ch === 91) {
      if (++depth > limit) return true;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return false;
}

/** Whether a parsed value nests deeper than `limit` (an event is depth 1); iterative. */
export function valueNestsDeeperThan(value: unknown, limit = MAX_EVENT_DEPTH): boolean {
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const v = stack.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

const tooDeep = (what: string) => `${what} nests deeper than ${MAX_EVENT_DEPTH} levels; it was skipped.`;

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

export interface ReadOptions {
  /** Collect `positions` (see ReadEventsResult). */
  positions?: boolean;
  /**
   * Keeps of each event only what this returns (project.ts `compileProjection`: the fields a
   * query reads). A process holding many events then keeps a fraction of their objects alive.
   */
  project?: (event: object) => object;
}

/**
 * Reads events from text given in chunks, in order. Each `push` reads every complete line (or
 * array item, or CSV row) it can and keeps only the unfinished rest; `end` reads that rest and
 * returns the result. Diagnostics carry offsets into the whole text. A single JSON document
 * (pretty-printed, or a response) cannot be read in parts: its chunks are kept until `end`.
 */
export class EventsReader {
  private format: EventsFormat | null = null;
  /** Unread text: a partial line or item, or the whole of a single JSON document. */
  private pending: string[] = [];
  /** Offset in the whole text of the first unread character; and its line number. */
  private base = 0;
  private line = 1;
  private readonly events: object[] = [];
  private readonly positions: number[] | null;
  private readonly project: ((event: object) => object) | undefined;
  private readonly diagnostics: Diagnostic[] = [];
  private skipped = 0;
  private listed = 0;
  /** NDJSON: non-blank lines seen. Array: items seen. CSV: rows seen. */
  private position = -1;
  private csvHeader: string[] | null = null;
  private arrayClosed = false;
  private arrayTrailer = false;
  /** Nothing but blanks pushed so far. */
  private onlyBlanks = true;
  /** Characters pushed so far. */
  size = 0;

  constructor(options: ReadOptions = {}) {
    this.positions = options.positions ? [] : null;
    this.project = options.project;
  }

  get eventCount(): number {
    return this.events.length;
  }

  push(chunk: string): void {
    this.size += chunk.length;
    if (this.format === 'json') return void this.pending.push(chunk);
    if (this.format === null && this.onlyBlanks) {
      // An array is known by its first character, and needs no line breaks to be read in parts
      // (a minified one has none): the reader waits only for an unfinished item.
      let first = 0;
      while (first < chunk.length && isBlank(chunk.charCodeAt(first))) first++;
      if (first === chunk.length) return void this.pending.push(chunk);
      this.onlyBlanks = false;
      if (chunk.charCodeAt(first) === 91) this.format = 'array';
    }
    // Otherwise only text up to the chunk's last line break is read now: every line in it is complete.
    const cut = this.format === 'array' ? chunk.length - 1 : chunk.lastIndexOf('\n');
    if (cut < 0) return void this.pending.push(chunk);
    const text = this.takePending(chunk.slice(0, cut + 1));
    const read = this.consume(text, false);
    this.advance(text, read);
    this.pending = read < text.length ? [text.slice(read), chunk.slice(cut + 1)] : [chunk.slice(cut + 1)];
  }

  end(): ReadEventsResult {
    const text = this.takePending('');
    if (this.format !== 'json') this.consume(text, true);
    if (this.format === 'json') this.readDocument(text);
    if (
      this.format === 'array' &&
      !this.arrayClosed &&
      this.events.length + this.skipped > 0 &&
      !this.diagnostics.some((d) => d.message.includes('not closed'))
    ) {
      this.note('The JSON array has no closing "]"; the items before the end were read.', this.base + text.length, this.base + text.length, 'warning');
    }
    const beyond = this.skipped - this.listed;
    if (beyond > 0) {
      this.diagnostics.push({
        severity: 'error',
        code: 'events/parse-more',
        message: `${beyond} more bad line${beyond === 1 ? '' : 's'} or item${beyond === 1 ? '' : 's'} were skipped (only the first ${MAX_EVENT_DIAGNOSTICS} are listed).`,
        source: 'events',
      });
    }
    return { events: this.events, diagnostics: this.diagnostics, format: this.format ?? 'empty', skipped: this.skipped, positions: this.positions ?? [] };
  }

  private takePending(tail: string): string {
    const text = this.pending.length === 0 ? tail : this.pending.join('') + tail;
    this.pending = [];
    return text;
  }

  /** Moves `base` and `line` past the first `read` characters of `text`. */
  private advance(text: string, read: number): void {
    if (this.format !== 'ndjson') this.line += countLineBreaks(text, 0, read);
    this.base += read;
  }

  /** Reads what it can of `text` (complete lines, unless `final`); returns the characters read. */
  private consume(text: string, final: boolean): number {
    if (this.format === null) {
      let first = 0;
      while (first < text.length && isBlank(text.charCodeAt(first))) first++;
      if (first === text.length) {
        if (final) this.format = 'empty';
        // Leading blanks stay unread until the format is known: a document is read whole.
        return final ? text.length : 0;
      }
      this.format = this.detect(text, first);
    }
    if (this.format === 'ndjson') return this.readNdjson(text, final);
    if (this.format === 'array') return this.readArray(text, final);
    if (this.format === 'csv') return this.readCsv(text, final);
    // A single JSON document: nothing is read until all of it is there.
    return 0;
  }

  private detect(text: string, first: number): EventsFormat {
    const c = text.charCodeAt(first);
    if (c === 91 /* [ */) return 'array';
    let lineEnd = text.indexOf('\n', first);
    if (lineEnd < 0) lineEnd = text.length;
    const firstLine = text.slice(first, lineEnd);
    if (c === 123 /* { */) {
      try {
        JSON.parse(firstLine);
        return 'ndjson';
      } catch {
        // A pretty-printed document or response: one JSON value, read whole at the end.
        return 'json';
      }
    }
    return looksLikeCsvHeader(firstLine) ? 'csv' : 'ndjson';
  }

  private skip(message: string, start: number, end: number, severity: Diagnostic['severity'] = 'error'): void {
    this.skipped++;
    if (this.listed < MAX_EVENT_DIAGNOSTICS) {
      this.listed++;
      this.diagnostics.push({ severity, code: 'events/parse', message, source: 'events', range: { start: this.base + start, end: this.base + end } });
    }
  }

  private note(message: string, start: number, end: number, severity: Diagnostic['severity']): void {
    this.diagnostics.push({ severity, code: 'events/parse', message, source: 'events', range: { start, end } });
  }

  private add(event: object, position: number): void {
    this.events.push(this.project ? this.project(event) : event);
    this.positions?.push(position);
  }

  private readNdjson(text: string, final: boolean): number {
    const n = text.length;
    let pos = 0;
    // Text that is not final ends with a line break: there is no line after it yet.
    while (final ? pos <= n : pos < n) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = n;
      const lineNo = this.line++;
      // Trim without allocating for blank lines: find the first non-blank character.
      let s = pos;
      let e = end;
      while (s < e && isBlank(text.charCodeAt(s))) s++;
      while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
      if (s < e) {
        const position = ++this.position;
        const line = text.slice(s, e);
        if (nestsDeeperThan(line)) {
          this.skip(tooDeep(`Line ${lineNo}`), s, e);
          pos = end + 1;
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (err) {
          this.skip(`Line ${lineNo} is not valid JSON (${whyNotJson(line, err, s - pos + 1)}); it was skipped.`, s, e);
          pos = end + 1;
          continue;
        }
        if (!isPlainObject(value)) this.skip(`Line ${lineNo} is not a JSON object; it was skipped.`, s, e);
        else {
          // A one-line Elasticsearch response contributes its documents.
          const docs = isPlainObject(value.hits) ? documentsOfResponse(value) : undefined;
          if (docs) for (const d of docs) this.add(d, position);
          else this.add(value, position);
        }
      }
      pos = end + 1;
    }
    return n;
  }

  private readArray(text: string, final: boolean): number {
    const n = text.length;
    let pos = 0;
    let lineAt = 0;
    let line = this.line;
    // Line number of an offset, counting forward from the last one asked for.
    const lineOf = (offset: number) => {
      line += countLineBreaks(text, lineAt, offset);
      lineAt = offset;
      return line;
    };
    if (this.position === -1 && !this.arrayClosed) {
      while (pos < n && text.charCodeAt(pos) !== 91) pos++;
      pos++;
      this.position = 0;
    }
    while (pos < n) {
      const ch = text.charCodeAt(pos);
      if (isBlank(ch) || (ch === 44 /* , */ && !this.arrayClosed)) {
        pos++;
        continue;
      }
      if (this.arrayClosed) {
        if (!this.arrayTrailer)
          this.note(`Text after the end of the JSON array (line ${lineOf(pos)}) was ignored.`, this.base + pos, this.base + pos + 1, 'warning');
        this.arrayTrailer = true;
        return n;
      }
      if (ch === 93 /* ] */) {
        this.arrayClosed = true;
        pos++;
        continue;
      }
      const end = endOfJsonValue(text, pos);
      // An item that runs past the text (or a scalar that may go on) waits for more.
      if (!final && (end < 0 || end === n)) return pos;
      const item = this.position++;
      if (end < 0) {
        this.skip(`Item ${item} of the array (line ${lineOf(pos)}) is not closed before the end of the text; it was skipped.`, pos, n);
        return n;
      }
      const json = text.slice(pos, end);
      if (nestsDeeperThan(json)) {
        this.skip(tooDeep(`Item ${item} of the array (line ${lineOf(pos)})`), pos, end);
        pos = end;
        continue;
      }
      try {
        const value: unknown = JSON.parse(json);
        if (isPlainObject(value)) this.add(value, item);
        else this.skip(`Item ${item} of the array (line ${lineOf(pos)}) is not an object; it was skipped.`, pos, end, 'warning');
      } catch (err) {
        this.skip(`Item ${item} of the array (line ${lineOf(pos)}) is not valid JSON (${whyNotJson(json, err)}); it was skipped.`, pos, end);
      }
      pos = end;
    }
    return n;
  }

  private readCsv(text: string, final: boolean): number {
    const n = text.length;
    let pos = 0;
    let line = this.line;
    if (!this.csvHeader) {
      while (pos < n && isBlank(text.charCodeAt(pos))) pos++;
      line += countLineBreaks(text, 0, pos);
      const header = readCsvRecord(text, pos);
      this.csvHeader = header.fields.map((f) => f.trim());
      line += 1 + header.lineBreaks;
      pos = header.end;
    }
    const width = this.csvHeader.length;
    while (pos < n) {
      const record = readCsvRecord(text, pos);
      // A quoted cell that spans past this text waits for the rest.
      if (!record.complete && !final) return pos;
      const blank = record.fields.length === 1 && record.fields[0].trim() === '';
      if (!record.complete) this.skip(`Line ${line}: a quoted cell is not closed; the row was skipped.`, pos, n);
      else if (!blank) {
        const row = ++this.position;
        if (record.fields.length !== width)
          this.skip(`Line ${line} has ${record.fields.length} cells but the header has ${width}; it was skipped.`, pos, record.end);
        else this.add(csvRowToEvent(this.csvHeader, record.fields), row);
      }
      line += 1 + record.lineBreaks;
      pos = record.end;
    }
    return n;
  }

  /**
   * A single JSON document: one event, an array, or a response. When it does not parse, the
   * text is read as NDJSON instead (a broken first line followed by good ones), unless that
   * finds no event either: then the document's own error is the one worth reporting.
   */
  private readDocument(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      // Nothing was read before the document began, so trying it as NDJSON can be undone.
      this.format = 'ndjson';
      this.readNdjson(text, true);
      if (this.events.length > 0) return;
      this.format = 'json';
      this.diagnostics.length = 0;
      this.skipped = this.listed = 0;
      this.line = 1;
      this.position = -1;
      const found = findJsonError(text);
      const at = found?.offset ?? 0;
      const { line, column } = lineColumnAt(text, at);
      const why = found ? `expected ${found.expected}` : jsonMessage(err);
      this.skip(`The JSON document is not valid: ${why} at line ${line}, column ${column}.`, at, Math.min(at + 1, text.length));
      return;
    }
    // Walking every value is needed only when the text has that many brackets at all.
    const mayBeDeep = nestsDeeperThan(text);
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (!isPlainObject(item)) this.skip(`Item ${i} of the array is not an object; it was skipped.`, 0, text.length, 'warning');
        else if (mayBeDeep && valueNestsDeeperThan(item)) this.skip(tooDeep(`Item ${i} of the array`), 0, text.length);
        else this.add(item, i);
      });
    } else if (isPlainObject(value)) {
      const docs = documentsOfResponse(value) ?? [value];
      docs.forEach((d, i) => {
        if (mayBeDeep && valueNestsDeeperThan(d))
          this.skip(tooDeep(docs.length === 1 && d === value ? 'The JSON document' : `Document ${i} of the response`), 0, text.length);
        else this.add(d, i);
      });
    } else this.skip('The events must be JSON objects, an array of objects, NDJSON or an Elasticsearch response.', 0, text.length);
  }
}

/** Reads events from a whole text at once; never throws. */
export function readEvents(text: string, options: ReadOptions = { positions: true }): ReadEventsResult {
  const reader = new EventsReader(options);
  reader.push(text);
  return reader.end();
}
