import { describe, expect, it } from 'vitest';
import { dateParsers, toEpochMillis } from '../eql/run/dates.ts';
import { parseDefaultDate, resolveDateMath } from './date-math.ts';

const iso = (s: string) => Date.parse(s);
// Wednesday 2024-01-17 10:30:45.123 UTC.
const NOW = iso('2024-01-17T10:30:45.123Z');

// Date math doc: https://www.elastic.co/guide/en/elasticsearch/reference/current/common-options.html#date-math
describe('resolveDateMath: the date math doc', () => {
  it.each([
    ['now', NOW],
    ['now+1h', NOW + 3_600_000], // "Add one hour"
    ['now-1d', NOW - 86_400_000], // "Subtract one day"
    ['now+1h+1m', NOW + 3_660_000],
    ['now-15m', NOW - 900_000],
    ['now-10s', NOW - 10_000],
    ['now+2H', NOW + 7_200_000], // H and h are both hours
    ['now/d', iso('2024-01-17T00:00:00Z')], // "Round down to the nearest day"
    ['now+1h/d', iso('2024-01-17T00:00:00Z')], // "Add one hour and rounds down to the nearest day"
    ['now-1d/d', iso('2024-01-16T00:00:00Z')],
    ['now/M', iso('2024-01-01T00:00:00Z')],
    ['now/y', iso('2024-01-01T00:00:00Z')],
    ['now/w', iso('2024-01-15T00:00:00Z')], // weeks start on Monday
    ['now/h', iso('2024-01-17T10:00:00Z')],
    ['now/m', iso('2024-01-17T10:30:00Z')],
    ['now/s', iso('2024-01-17T10:30:45Z')],
    ['now-1w', NOW - 7 * 86_400_000],
    ['now-1y', iso('2023-01-17T10:30:45.123Z')],
    ['now-d', NOW - 86_400_000], // no number = 1 (JavaDateMathParser)
    ['2001-02-01||+1M/d', iso('2001-03-01T00:00:00Z')],
    ['2024-01-31||+1M', iso('2024-02-29T00:00:00Z')], // plusMonths clamps the day of month
    ['2024-02-29||+1y', iso('2025-02-28T00:00:00Z')],
    ['2024-01-17T10:30:00Z||-30m', iso('2024-01-17T10:00:00Z')],
  ])('%s', (expr, expected) => {
    expect(resolveDateMath(expr, NOW)).toBe(expected);
  });

  it('the doc example `2001.02.01||+1M/d` with the format yyyy.MM.dd', () => {
    const parsers = dateParsers('yyyy.MM.dd');
    const parse = (s: string) => toEpochMillis(s, parsers);
    expect(resolveDateMath('2001.02.01||+1M/d', NOW, { parse })).toBe(iso('2001-03-01T00:00:00Z'));
  });

  it.each(['now+', 'now+1', 'now+2/d', 'now/2d', 'now+1x', 'now*1d', 'nowish', 'yesterday', '2024-13-01', '||+1d'])('%s is not date math', (expr) => {
    expect(resolveDateMath(expr, NOW)).toBeNull();
  });
});

// Range query doc, "Date math and rounding":
// https://www.elastic.co/guide/en/elasticsearch/reference/current/query-dsl-range-query.html#range-query-date-math-rounding
describe('resolveDateMath: rounding as the range query asks for it', () => {
  it.each([
    // [operator, roundUp, expected]
    ['gt', true, '2014-11-30T23:59:59.999Z'], // "Rounds up to 2014-11-30T23:59:59.999, excluding the entire month"
    ['gte', false, '2014-11-01T00:00:00.000Z'], // "Rounds down to 2014-11-01"
    ['lt', false, '2014-11-01T00:00:00.000Z'], // "Rounds down to 2014-11-01, excluding the entire month"
    ['lte', true, '2014-11-30T23:59:59.999Z'], // "Rounds up to 2014-11-30T23:59:59.999, including the entire month"
  ])('%s 2014-11-18||/M', (_op, roundUp, expected) => {
    expect(resolveDateMath('2014-11-18||/M', NOW, { roundUp })).toBe(iso(expected));
  });

  it('lte now-1d/d includes the whole of yesterday', () => {
    expect(resolveDateMath('now-1d/d', NOW, { roundUp: true })).toBe(iso('2024-01-16T23:59:59.999Z'));
  });

  it('round-up fills missing date components (the range doc, "Missing date components")', () => {
    // "if the format is yyyy-MM, Elasticsearch converts a gt value of 2099-12 to 2099-12-01T23:59:59.999_999_999Z"
    expect(resolveDateMath('2099-12', NOW, { roundUp: true })).toBe(iso('2099-12-01T23:59:59.999Z'));
    expect(resolveDateMath('2014-11-18', NOW, { roundUp: true })).toBe(iso('2014-11-18T23:59:59.999Z'));
    expect(resolveDateMath('2014-11-18T10:00', NOW, { roundUp: true })).toBe(iso('2014-11-18T10:00:59.999Z'));
    expect(resolveDateMath('2014-11-18', NOW, { roundUp: false })).toBe(iso('2014-11-18T00:00:00Z'));
    // The anchor of math is parsed without round-up; only the math rounds.
    expect(resolveDateMath('2014-11-18||+1d', NOW, { roundUp: true })).toBe(iso('2014-11-19T00:00:00Z'));
  });
});

// Range doc, time_zone: "The time_zone parameter does not affect the date math value of now",
// but it does apply to rounding and to dates without an offset.
describe('resolveDateMath: time_zone', () => {
  it('converts a date without offset ("2020-01-01T00:00:00" in +01:00 is 2019-12-31T23:00:00 UTC)', () => {
    expect(resolveDateMath('2020-01-01T00:00:00', NOW, { timeZone: '+01:00' })).toBe(iso('2019-12-31T23:00:00Z'));
  });
  it('keeps an explicit offset', () => {
    expect(resolveDateMath('2020-01-01T00:00:00Z', NOW, { timeZone: '+01:00' })).toBe(iso('2020-01-01T00:00:00Z'));
  });
  it('does not shift now, but rounds on the zone clock', () => {
    expect(resolveDateMath('now', NOW, { timeZone: '+01:00' })).toBe(NOW);
    expect(resolveDateMath('now/d', NOW, { timeZone: '+01:00' })).toBe(iso('2024-01-16T23:00:00Z'));
    expect(resolveDateMath('now/d', NOW, { timeZone: 'Europe/Paris' })).toBe(iso('2024-01-16T23:00:00Z'));
    expect(resolveDateMath('now/d', NOW, { timeZone: 'America/New_York', roundUp: true })).toBe(iso('2024-01-18T04:59:59.999Z'));
  });
  it('adds days on the wall clock across a DST change', () => {
    // Paris moves from +01:00 to +02:00 on 2024-03-31: one day later is the next local midnight.
    expect(resolveDateMath('2024-03-31T00:00:00||+1d', NOW, { timeZone: 'Europe/Paris' })).toBe(iso('2024-03-31T22:00:00Z'));
  });
  it('an unknown zone is not date math', () => {
    expect(resolveDateMath('now', NOW, { timeZone: 'Mars/Olympus' })).toBeNull();
  });
});

describe('parseDefaultDate: strict_date_optional_time||epoch_millis', () => {
  it.each([
    ['2024', iso('2024-01-01T00:00:00Z')], // a year alone is an ISO date, before epoch_millis
    ['2024-02', iso('2024-02-01T00:00:00Z')],
    ['2024-02-03T04:05:06.789+02:00', iso('2024-02-03T02:05:06.789Z')],
    ['2024-02-03T04:05:06.123456789Z', iso('2024-02-03T04:05:06.123Z')],
    ['1700000000000', 1700000000000],
    ['2024-02-30', null],
    ['2024-02-03Z', null],
    ['soon', null],
  ])('%s', (s, expected) => {
    expect(parseDefaultDate(s)).toBe(expected);
  });
});
