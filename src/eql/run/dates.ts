/**
 * Date values as Elasticsearch indexes them: epoch milliseconds. Accepts numbers, strings of
 * digits (epoch millis), ISO-8601 (`strict_date_optional_time`, UTC when no zone is given) and
 * custom `format`s written as Java DateTimeFormatter patterns (`dd-MM-yyyy`, `yyyy-MM-dd`).
 */

const ISO = /^([+-]?\d{4,})-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  const t = date.getTime();
  return Number.isNaN(t) ? null : t;
}

function zoneOffsetMillis(z: string | undefined): number {
  if (!z || z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (h * 60 + m) * 60_000;
}

function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.sss]Z`, the form nearly every ECS timestamp has, parsed from char codes
 * without a regex or allocation (it runs once per event when ordering). Undefined = other form.
 */
function parseCommonIso(s: string): number | null | undefined {
  const n = s.length;
  if ((n !== 24 && n !== 20) || s.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  if (n === 24 && s.charCodeAt(19) !== 46) return undefined;
  const y = digits(s, 0, 4),
    mo = digits(s, 5, 7),
    d = digits(s, 8, 10);
  const h = digits(s, 11, 13),
    mi = digits(s, 14, 16),
    sec = digits(s, 17, 19);
  const ms = n === 24 ? digits(s, 20, 23) : 0;
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || ms < 0) return undefined;
  // Date.UTC reads years 0-99 as 1900-1999; keep that (rare) case on the original path.
  if (y < 100) return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  // Plain arithmetic is several times cheaper than Date.UTC and gives the same value: both
  // are linear in the day, hour, minute, second and millisecond (so Feb 31 and 24:00 roll
  // over the same way), and years 100-9999 stay far inside the Date range.
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}

/**
 * Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar, day 1..31 taken
 * linearly (Howard Hinnant's days_from_civil, for years ≥ 0).
 */
function daysFromCivil(y: number, m: number, d: number): number {
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** ISO-8601 text to epoch millis, or null. */
export function parseIsoDate(s: string): number | null {
  const fast = parseCommonIso(s);
  if (fast !== undefined) return fast;
  const m = ISO.exec(s);
  if (!m) return null;
  const frac = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
  const t = utc(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1, m[4] ? Number(m[4]) : 0, m[5] ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0, frac);
  return t === null ? null : t - zoneOffsetMillis(m[8]);
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === s.length) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

type FormatParser = (s: string) => number | null;

/** A Java pattern such as `dd-MM-yyyy HH:mm:ss.SSS` turned into a parser. */
function patternParser(pattern: string): FormatParser {
  const fields: string[] = [];
  let re = '^';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < pattern.length && pattern[j] === c) j++;
      const letters = pattern.slice(i, j);
      fields.push(letters[0]);
      if (c === 'y' || c === 'u') re += letters.length === 2 ? '(\\d{2})' : '([+-]?\\d{4,})';
      else if (c === 'S') re += `(\\d{1,${Math.max(letters.length, 3)}})`;
      else if (c === 'X' || c === 'Z' || c === 'x') re += '(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2})';
      else re += `(\\d{${letters.length === 1 ? '1,2' : letters.length}})`;
      i = j;
    } else if (c === "'") {
      const j = pattern.indexOf("'", i + 1);
      const lit = pattern.slice(i + 1, j < 0 ? pattern.length : j);
      re += lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i = j < 0 ? pattern.length : j + 1;
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  const rx = new RegExp(re + '$');
  return (s) => {
    const m = rx.exec(s);
    if (!m) return null;
    let y = 1970,
      mo = 1,
      d = 1,
      h = 0,
      mi = 0,
      sec = 0,
      ms = 0,
      zone: string | undefined;
    fields.forEach((f, k) => {
      const v = m[k + 1];
      switch (f) {
        case 'y':
        case 'u':
          y = v.length === 2 ? 2000 + Number(v) : Number(v);
          break;
        case 'M':
          mo = Number(v);
          break;
        case 'd':
          d = Number(v);
          break;
        case 'H':
          h = Number(v);
          break;
        case 'm':
          mi = Number(v);
          break;
        case 's':
          sec = Number(v);
          break;
        case 'S':
          ms = Number((v + '00').slice(0, 3));
          break;
        case 'X':
        case 'Z':
        case 'x':
          zone = v;
          break;
      }
    });
    const t = utc(y, mo, d, h, mi, sec, ms);
    return t === null ? null : t - zoneOffsetMillis(zone);
  };
}

const NAMED: Record<string, FormatParser> = {
  epoch_millis: (s) => (isDigits(s) ? Number(s) : null),
  epoch_second: (s) => (isDigits(s) ? Number(s) * 1000 : null),
  strict_date_optional_time: parseIsoDate,
  date_optional_time: parseIsoDate,
  strict_date_optional_time_nanos: parseIsoDate,
  strict_date_time: parseIsoDate,
  date_time: parseIsoDate,
  strict_date: parseIsoDate,
  date: parseIsoDate,
};

const formatCache = new Map<string, FormatParser[]>();

/** The alternatives of an ES date `format` (`a||b`); undefined = the default format. */
export function formatNames(format: string | undefined): string[] {
  return format
    ? format
        .split('||')
        .map((f) => f.trim())
        .filter(Boolean)
    : ['strict_date_optional_time', 'epoch_millis'];
}

/** Parsers for an ES `format` string (`a||b`); undefined or empty = the default format. */
export function dateParsers(format: string | undefined): FormatParser[] {
  const key = format ?? '';
  let parsers = formatCache.get(key);
  if (!parsers) {
    parsers = formatNames(format).map((n) => NAMED[n] ?? patternParser(n));
    formatCache.set(key, parsers);
  }
  return parsers;
}

/**
 * A date value to epoch millis: numbers are millis, digit strings are millis, other strings
 * go through `parsers` (default: ISO). Null when unparseable.
 */
export function toEpochMillis(v: unknown, parsers?: FormatParser[]): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v !== 'string') return null;
  if (!parsers) {
    if (isDigits(v)) return Number(v);
    return parseIsoDate(v);
  }
  for (const p of parsers) {
    const t = p(v);
    if (t !== null) return t;
  }
  return null;
}

/** ES renders dates in sequence join keys as ISO-8601 with millis and `Z`. */
export function isoOfMillis(ms: number): string {
  const d = new Date(ms);
  // Outside JS's date range (±8.64e15 ms) toISOString throws; show the millis instead.
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
