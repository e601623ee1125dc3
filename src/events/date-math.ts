/**
 * Elasticsearch date math: `now`, `now-15m`, `now-1d/d`, `2024-01-01||+1M/d`.
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/common-options.html#date-math
 *
 * The anchor is `now` or a date followed by `||`; then any number of `+N<unit>`, `-N<unit>`
 * (N defaults to 1) and `/<unit>` (rounding), applied left to right on the wall clock of the
 * time zone (UTC unless given). Units: y M w d h H m s. `roundUp` is how a range query asks for
 * its bound (https://www.elastic.co/guide/en/elasticsearch/reference/current/query-dsl-range-query.html):
 * `gt` and `lte` round up (`/d` → the day's last millisecond), `gte` and `lt` round down, and a
 * rounded-up date without time fills the missing components with the largest value
 * ("Missing date components" in the range query doc: month 01, day 01, 23:59:59.999).
 */

export interface DateMathOptions {
  /** Round `/unit` up to the last millisecond of the unit (range `gt` and `lte`). */
  roundUp?: boolean;
  /**
   * Parses the anchor date (the text before `||`, or the whole text without `||`). `roundUp` is
   * passed so a format can fill missing components as ES does. Default: `parseDefaultDate`.
   */
  parse?: (s: string, roundUp: boolean) => number | null;
  /** `time_zone` of a range query: an offset (`+01:00`, `-0500`, `Z`) or an IANA name (`Europe/Paris`). */
  timeZone?: string;
}

/** Epoch millis of `expr`, or null when it is not valid date math (or the zone is unknown). */
export function resolveDateMath(expr: string, now: number, options: DateMathOptions = {}): number | null {
  const roundUp = options.roundUp ?? false;
  const zone = zoneOf(options.timeZone);
  if (!zone) return null;
  let anchor: number | null;
  let math: string;
  if (expr.startsWith('now')) {
    anchor = now;
    math = expr.slice(3);
  } else {
    const bar = expr.indexOf('||');
    // Without `||` the whole text is a date; ES rounds it up (missing components) on its own.
    if (bar < 0) return parseAnchor(expr, roundUp, zone, options.parse);
    anchor = parseAnchor(expr.slice(0, bar), false, zone, options.parse);
    math = expr.slice(bar + 2);
  }
  if (anchor === null) return null;
  return applyMath(anchor, math, roundUp, zone);
}

function parseAnchor(s: string, roundUp: boolean, zone: Zone, parse: DateMathOptions['parse']): number | null {
  return parse ? parse(s, roundUp) : parseIsoIn(s, roundUp, zone);
}

// ---------------------------------------------------------------------------------------------
// The math part, as Elasticsearch's JavaDateMathParser reads it.

/** y M w d h m s; `H` is read as `h`. */
type Unit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm' | 's';

function unitOf(c: string): Unit | undefined {
  if (c === 'H') return 'h';
  return c === 'y' || c === 'M' || c === 'w' || c === 'd' || c === 'h' || c === 'm' || c === 's' ? c : undefined;
}

function applyMath(anchor: number, math: string, roundUp: boolean, zone: Zone): number | null {
  let t = anchor;
  let i = 0;
  while (i < math.length) {
    const op = math[i++];
    if (op !== '+' && op !== '-' && op !== '/') return null;
    if (i >= math.length) return null; // "truncated date math"
    let num = 1;
    if (isDigit(math.charCodeAt(i))) {
      const from = i;
      while (i < math.length && isDigit(math.charCodeAt(i))) i++;
      if (i >= math.length) return null;
      num = Number(math.slice(from, i));
    }
    // "rounding `/` can only be used on single unit types"
    if (op === '/' && num !== 1) return null;
    const unit = unitOf(math[i++]);
    if (unit === undefined) return null;
    t = op === '/' ? round(t, unit, roundUp, zone) : add(t, unit, op === '-' ? -num : num, zone);
    if (!Number.isFinite(t)) return null;
  }
  return t;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const FIXED_MS: Partial<Record<Unit, number>> = { h: 3_600_000, m: 60_000, s: 1000 };

/** Adds `n` units on the zone's wall clock (Java's plusMonths clamps the day: Jan 31 + 1M = Feb 28/29). */
function add(t: number, unit: Unit, n: number, zone: Zone): number {
  const fixed = FIXED_MS[unit];
  if (fixed !== undefined) return t + n * fixed; // hours and smaller are durations (ZonedDateTime.plusHours)
  const wall = new Date(t + zone.offsetAt(t));
  if (unit === 'w' || unit === 'd') {
    wall.setUTCDate(wall.getUTCDate() + n * (unit === 'w' ? 7 : 1));
  } else {
    const y = wall.getUTCFullYear();
    const months = y * 12 + wall.getUTCMonth() + (unit === 'y' ? 12 * n : n);
    const ny = Math.floor(months / 12);
    const nm = months - ny * 12;
    const day = Math.min(wall.getUTCDate(), daysInMonth(ny, nm));
    wall.setUTCFullYear(ny, nm, day);
  }
  return zone.toUtc(wall.getTime());
}

function daysInMonth(y: number, m0: number): number {
  const d = new Date(0);
  d.setUTCFullYear(y, m0 + 1, 0);
  return d.getUTCDate();
}

/** Truncates to the unit on the zone's wall clock; roundUp = start of the next unit minus 1 ms. */
function round(t: number, unit: Unit, roundUp: boolean, zone: Zone): number {
  const wall = new Date(t + zone.offsetAt(t));
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth();
  const d = wall.getUTCDate();
  const h = wall.getUTCHours();
  const mi = wall.getUTCMinutes();
  const start = new Date(0);
  const next = new Date(0);
  switch (unit) {
    case 'y':
      start.setUTCFullYear(y, 0, 1);
      next.setUTCFullYear(y + 1, 0, 1);
      break;
    case 'M':
      start.setUTCFullYear(y, m, 1);
      next.setUTCFullYear(y, m + 1, 1);
      break;
    case 'w': {
      // ISO weeks start on Monday (TemporalAdjusters.previousOrSame(MONDAY)).
      const back = (wall.getUTCDay() + 6) % 7;
      start.setUTCFullYear(y, m, d - back);
      next.setUTCFullYear(y, m, d - back + 7);
      break;
    }
    case 'd':
      start.setUTCFullYear(y, m, d);
      next.setUTCFullYear(y, m, d + 1);
      break;
    case 'h':
      start.setUTCFullYear(y, m, d);
      start.setUTCHours(h);
      next.setTime(start.getTime() + 3_600_000);
      break;
    case 'm':
      start.setUTCFullYear(y, m, d);
      start.setUTCHours(h, mi);
      next.setTime(start.getTime() + 60_000);
      break;
    case 's':
      start.setTime(wall.getTime() - (((wall.getTime() % 1000) + 1000) % 1000));
      next.setTime(start.getTime() + 1000);
      break;
  }
  return roundUp ? zone.toUtc(next.getTime()) - 1 : zone.toUtc(start.getTime());
}

// ---------------------------------------------------------------------------------------------
// Time zones: a fixed offset or an IANA name (through Intl, available in browsers and Node).

interface Zone {
  /** Offset (ms) to add to a UTC instant to get the wall clock. */
  offsetAt(utc: number): number;
  /** The UTC instant of a wall-clock time (read as if it were UTC millis). */
  toUtc(wall: number): number;
}

const UTC_ZONE: Zone = { offsetAt: () => 0, toUtc: (w) => w };
const zoneCache = new Map<string, Zone | null>();

function zoneOf(name: string | undefined): Zone | null {
  if (name === undefined || name === '' || name === 'Z' || name === 'UTC') return UTC_ZONE;
  let zone = zoneCache.get(name);
  if (zone === undefined) {
    zone = fixedZone(name) ?? ianaZone(name);
    zoneCache.set(name, zone);
  }
  return zone;
}

function fixedZone(name: string): Zone | null {
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(name);
  if (!m) return null;
  const off = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  return { offsetAt: () => off, toUtc: (w) => w - off };
}

function ianaZone(name: string): Zone | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const offsetAt = (utc: number): number => {
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(utc)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - (utc - (((utc % 1000) + 1000) % 1000));
  };
  // A wall time in a gap or overlap resolves as Java does for the common case: the earlier offset.
  const toUtc = (wall: number): number => {
    const guess = wall - offsetAt(wall);
    return wall - offsetAt(guess);
  };
  return { offsetAt, toUtc };
}

/** The UTC instant of a wall-clock time (UTC millis of the same fields) in `timeZone`; null for an unknown zone. */
export function wallToUtc(wall: number, timeZone: string | undefined): number | null {
  const zone = zoneOf(timeZone);
  return zone ? zone.toUtc(wall) : null;
}

// ---------------------------------------------------------------------------------------------
// The default date format of a date field, `strict_date_optional_time||epoch_millis`, with the
// range query's round-up of missing components.

const ISO_PARTS = /^([+-]?\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * `strict_date_optional_time||epoch_millis`: ISO-8601 from a year alone (`2024`) to nanoseconds,
 * with an optional offset; a date without offset is read in `timeZone` (default UTC). Digit
 * strings that are not an ISO year are epoch millis. With `roundUp` missing components take
 * the range query's defaults (month 01, day 01, 23:59:59.999).
 */
export function parseDefaultDate(s: string, roundUp = false, timeZone?: string): number | null {
  const zone = zoneOf(timeZone);
  return zone ? parseIsoIn(s, roundUp, zone) : null;
}

function parseIsoIn(s: string, roundUp: boolean, zone: Zone): number | null {
  const m = ISO_PARTS.exec(s);
  if (!m) return /^-?\d+$/.test(s) ? Number(s) : null;
  const [, y, mo, d, h, mi, sec, frac, offset] = m;
  // A zone needs a time: `2024-01-01Z` is not strict_date_optional_time.
  if (offset && h === undefined) return null;
  const month = mo ? Number(mo) : 1;
  const day = d ? Number(d) : 1;
  const hour = h !== undefined ? Number(h) : roundUp ? 23 : 0;
  const minute = mi !== undefined ? Number(mi) : roundUp ? 59 : 0;
  const second = sec !== undefined ? Number(sec) : roundUp ? 59 : 0;
  const ms = frac !== undefined ? Number((frac + '00').slice(0, 3)) : roundUp ? 999 : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month - 1) || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const wall = date.getTime();
  if (offset) return wall - offsetMillis(offset);
  return zone.toUtc(wall);
}

function offsetMillis(z: string): number {
  if (z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0)) * 60_000;
}
