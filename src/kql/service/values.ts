/**
 * Whether a KQL value can be read as the type of the field it is compared with, as Elasticsearch
 * parses it: Kibana sends the value as a string (`process.pid:4` sends "4") and each field type
 * parses it or fails the whole search.
 * - numbers: https://www.elastic.co/guide/en/elasticsearch/reference/current/number.html
 * - ip (an address, or a CIDR block in term/match): https://www.elastic.co/guide/en/elasticsearch/reference/current/ip.html
 * - dates (`strict_date_optional_time||epoch_millis`, and date math in ranges and exact-date
 *   `f:v`, which Kibana turns into a range): https://www.elastic.co/guide/en/elasticsearch/reference/current/common-options.html#date-math
 * - booleans ("true", "false", and "" for false): https://www.elastic.co/guide/en/elasticsearch/reference/current/boolean.html
 */
import type { TypeFamily } from '../../eql/schema/index.ts';

/** The families whose values Elasticsearch parses (and so can reject); others take any string. */
export type ParsedFamily = 'number' | 'ip' | 'date' | 'boolean';

export function isParsedFamily(family: TypeFamily): family is ParsedFamily {
  return family === 'number' || family === 'ip' || family === 'date' || family === 'boolean';
}

/** What a value of the family looks like, for messages: "… is not {this}". */
export const EXPECTED: Readonly<Record<ParsedFamily, string>> = {
  number: 'a number',
  ip: 'an IP address or CIDR block',
  date: 'a date (ISO 8601, epoch milliseconds, or date math such as now-1d)',
  boolean: 'true or false',
};

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isNumberValue(text: string): boolean {
  return NUMBER.test(text.trim());
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function isIpv6(text: string): boolean {
  let s = text;
  let groupsWanted = 8;
  // An embedded IPv4 tail (`::ffff:10.0.0.1`) counts as two groups.
  const lastColon = s.lastIndexOf(':');
  if (lastColon >= 0 && s.slice(lastColon + 1).includes('.')) {
    if (!IPV4.test(s.slice(lastColon + 1))) return false;
    s = `${s.slice(0, lastColon + 1)}0`;
    groupsWanted = 7;
  }
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (![...head, ...tail].every((g) => HEX_GROUP.test(g))) return false;
  const count = head.length + tail.length;
  return halves.length === 2 ? count < groupsWanted : count === groupsWanted;
}

/** An IPv4 or IPv6 address; with `cidr`, also `address/prefix`. */
export function isIpValue(text: string, cidr: boolean): boolean {
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash >= 0) {
    if (!cidr) return false;
    const address = s.slice(0, slash);
    const prefix = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefix)) return false;
    if (IPV4.test(address)) return Number(prefix) <= 32;
    return isIpv6(address) && Number(prefix) <= 128;
  }
  return IPV4.test(s) || isIpv6(s);
}

// strict_date_optional_time: a date, optionally a `T` time with seconds fraction and an offset.
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;
const EPOCH_MILLIS = /^-?\d+(?:\.\d+)?$/;
// Date math after `now` or `<date>||`: `+1d`, `-15m`, `/d` (y M w d h H m s).
const DATE_MATH = /^(?:[+-]\d+[yMwdhHms]|\/[yMwdhHms])*$/;

function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [, , month, day, hour, minute, second] = m;
  const within = (v: string | undefined, lo: number, hi: number) => v === undefined || (Number(v) >= lo && Number(v) <= hi);
  return within(month, 1, 12) && within(day, 1, 31) && within(hour, 0, 23) && within(minute, 0, 59) && within(second, 0, 59);
}

export function isDateValue(text: string): boolean {
  const s = text.trim();
  if (isIsoDate(s) || EPOCH_MILLIS.test(s)) return true;
  if (s.startsWith('now')) return DATE_MATH.test(s.slice(3));
  const anchor = s.indexOf('||');
  if (anchor < 0) return false;
  const base = s.slice(0, anchor);
  return (isIsoDate(base) || EPOCH_MILLIS.test(base)) && DATE_MATH.test(s.slice(anchor + 2));
}

export function isBooleanValue(value: string | boolean): boolean {
  return typeof value === 'boolean' || value === 'true' || value === 'false' || value === '';
}

/**
 * Whether `value` parses as the family. `cidr`: the value is matched (term/match), where ip
 * fields take a CIDR block; range bounds are single addresses.
 */
export function valueFitsFamily(value: string | boolean, family: ParsedFamily, cidr: boolean): boolean {
  if (family === 'boolean') return isBooleanValue(value);
  const text = String(value);
  switch (family) {
    case 'number':
      return isNumberValue(text);
    case 'ip':
      return isIpValue(text, cidr);
    case 'date':
      return isDateValue(text);
  }
}
