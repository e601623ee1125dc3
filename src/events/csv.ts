/**
 * Kibana Discover exports events as CSV ("Share → CSV report"): a header row of field names,
 * RFC 4180 quoting, dates in Kibana's display format (`May 2, 2024 @ 10:00:00.000`), `-` for an
 * empty cell. Each row becomes an event with dotted keys (field access reads those as nested
 * fields), and cell text is turned back into the JSON value it most likely was.
 */

export interface CsvRecord {
  fields: string[];
  /** Offset just past the record (and its line break). */
  end: number;
  /** Line breaks inside the record (quoted cells may span lines). */
  lineBreaks: number;
  /** False when a quoted cell never closed. */
  complete: boolean;
}

/** Reads one CSV record starting at `pos`. */
export function readCsvRecord(text: string, pos: number): CsvRecord {
  const fields: string[] = [];
  let lineBreaks = 0;
  let i = pos;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      let closed = false;
      i = from;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) {
        value += text.slice(from);
        fields.push(value);
        return { fields, end: n, lineBreaks: lineBreaks + count(value, '\n'), complete: false };
      }
      lineBreaks += count(value, '\n');
      fields.push(value);
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 /* , */ || c === 10 || c === 13) break;
        j++;
      }
      fields.push(text.slice(i, j));
      i = j;
    }
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === 44) {
      i++;
      continue;
    }
    // End of record: a line break (CRLF or LF), end of text, or stray text after a quote.
    if (c === 13 && text.charCodeAt(i + 1) === 10) return { fields, end: i + 2, lineBreaks, complete: true };
    if (c === 10 || c === 13) return { fields, end: i + 1, lineBreaks, complete: true };
    if (c === -1) return { fields, end: n, lineBreaks, complete: true };
    // Text after a closing quote before the separator: keep it, as spreadsheets do.
    let j = i;
    while (j < n && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    fields[fields.length - 1] += text.slice(i, j);
    i = j;
    if (i < n && text.charCodeAt(i) === 44) {
      i++;
    }
  }
}

function count(s: string, ch: string): number {
  let k = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) k++;
  return k;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
const KIBANA_DATE = /^([A-Za-z]{3})\w* (\d{1,2}), (\d{4}) @ (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * Kibana's default `dateFormat` (`MMM D, YYYY @ HH:mm:ss.SSS`) as ISO-8601. Kibana writes the
 * viewer's time zone without saying which; UTC is assumed (set Kibana's `dateFormat:tz` to UTC
 * before exporting for exact times).
 */
export function kibanaDateToIso(text: string): string | undefined {
  const m = KIBANA_DATE.exec(text);
  if (!m) return undefined;
  const month = MONTHS[m[1].toLowerCase()];
  if (month === undefined) return undefined;
  const millis = Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]), Number((m[7] ?? '0').padEnd(3, '0')));
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The value a Discover cell most likely held; `undefined` for an empty cell (`-` or nothing). */
export function csvCellValue(cell: string): unknown {
  if (cell === '' || cell === '-') return undefined;
  if (NUMBER.test(cell)) {
    const n = Number(cell);
    // Long ids beyond double precision stay text rather than silently change.
    if (Number.isSafeInteger(n) || !/^-?\d+$/.test(cell)) return n;
    return cell;
  }
  if (cell === 'true') return true;
  if (cell === 'false') return false;
  const first = cell.charCodeAt(0);
  if (first === 91 /* [ */ || first === 123 /* { */) {
    try {
      return JSON.parse(cell);
    } catch {
      return cell;
    }
  }
  return kibanaDateToIso(cell) ?? cell;
}

/** One event from a header and a row; dotted header names are kept as dotted keys. */
export function csvRowToEvent(header: readonly string[], row: readonly string[]): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const value = csvCellValue(row[i] ?? '');
    if (value !== undefined && header[i]) event[header[i]] = value;
  }
  return event;
}

/**
 * Whether the first line looks like a Discover CSV header: comma-separated field names (quoted
 * or not), at least two of them, none of them JSON.
 */
export function looksLikeCsvHeader(firstLine: string): boolean {
  const trimmed = firstLine.trim();
  if (!trimmed || trimmed.startsWith('{') || trimmed.startsWith('[')) return false;
  const { fields } = readCsvRecord(trimmed, 0);
  return fields.length >= 2 && fields.every((f) => /^[@\w][\w.@-]*$/.test(f.trim()));
}
