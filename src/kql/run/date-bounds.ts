/**
 * Date query values as a date field's range/term query reads them: the field's (or the query's)
 * `format`, alternatives separated by `||`, each tried in turn; `time_zone` for text without an
 * offset; date math; and the range query's round-up of missing components (gt/lte: a date without
 * time reaches 23:59:59.999). https://www.elastic.co/guide/en/elasticsearch/reference/current/query-dsl-range-query.html
 */
import { dateParsers, formatNames } from '../../eql/run/dates.ts';
import { parseDefaultDate, resolveDateMath, wallToUtc } from '../../events/date-math.ts';

type BoundParser = (text: string, roundUp: boolean) => number | null;

/** ISO-8601 formats: parsed with strict_date_optional_time's rules (round-up included). */
const ISO_NAMES = new Set([
  'strict_date_optional_time',
  'date_optional_time',
  'strict_date_optional_time_nanos',
  'strict_date_time',
  'date_time',
  'strict_date',
  'date',
  'iso8601',
]);

const cache = new Map<string, BoundParser>();

/** A parser of bound text for `format` (undefined: strict_date_optional_time||epoch_millis) in `timeZone`. */
export function boundParser(format: string | undefined, timeZone: string | undefined): BoundParser {
  const key = `${format ?? ''}\u0000${timeZone ?? ''}`;
  let parser = cache.get(key);
  if (!parser) {
    const alternatives = formatNames(format).map((name) => alternative(name, timeZone));
    parser = (text, roundUp) => {
      for (const p of alternatives) {
        const t = p(text, roundUp);
        if (t !== null) return t;
      }
      return null;
    };
    if (cache.size > 200) cache.clear();
    cache.set(key, parser);
  }
  return parser;
}

function alternative(name: string, timeZone: string | undefined): BoundParser {
  if (ISO_NAMES.has(name)) return (text, roundUp) => parseDefaultDate(text, roundUp, timeZone);
  const [parse] = dateParsers(name);
  if (name.startsWith('epoch_')) return (text) => parse(text);
  // A Java pattern: letters outside quotes say which components the text carries.
  const letters = name.replace(/'[^']*'/g, '');
  const hasZone = /[XZxVzO]/.test(letters);
  // Round-up fills what the pattern lacks: hour 23, minute 59, second 59, millisecond 999.
  const fill =
    (letters.includes('H') || letters.includes('k') ? 0 : 23 * 3_600_000) +
    (letters.includes('m') ? 0 : 59 * 60_000) +
    (letters.includes('s') ? 0 : 59_000) +
    (letters.includes('S') ? 0 : 999);
  return (text, roundUp) => {
    const wall = parse(text);
    if (wall === null) return null;
    const t = roundUp ? wall + fill : wall;
    return hasZone ? t : wallToUtc(t, timeZone);
  };
}

/** A date query value (date math allowed) rounded down or up. */
export function dateBound(q: unknown, roundUp: boolean, format: string | undefined, timeZone: string | undefined, now: number): number | null {
  const s = typeof q === 'number' ? String(q) : typeof q === 'string' ? q : null;
  if (s === null) return null;
  return resolveDateMath(s, now, { roundUp, parse: boundParser(format, timeZone), timeZone });
}
