/**
 * compileQueryDsl per field type. "README §3" is /work/shared/kql-reference/README.md section 3
 * ("When does an event match?"); ES doc URLs are given where the README does not settle a case.
 */
import { describe, expect, it } from 'vitest';
import { compileQueryDsl, DSL_VALUE, MAX_DSL_DEPTH, minimumShouldMatch, UNSUPPORTED_DSL, type CompileDslOptions, type FieldTypeInfo } from './compile.ts';

const NOW = Date.parse('2024-01-17T10:30:00Z');

const TYPES: Record<string, FieldTypeInfo> = {
  kw: { type: 'keyword' },
  short_kw: { type: 'keyword', ignoreAbove: 5 },
  lower_kw: { type: 'keyword', normalizer: 'lowercase' },
  message: { type: 'text' },
  only: { type: 'match_only_text' },
  wc: { type: 'wildcard' },
  ip: { type: 'ip' },
  bytes: { type: 'long' },
  ratio: { type: 'float' },
  score: { type: 'double' },
  '@timestamp': { type: 'date' },
  day: { type: 'date', format: 'dd-MM-yyyy' },
  ok: { type: 'boolean' },
  status: { type: 'keyword', nullValue: 'NULL' },
};

function compile(dsl: unknown, options: CompileDslOptions = {}) {
  return compileQueryDsl(dsl, { fieldType: (f) => TYPES[f], now: NOW, ...options });
}

/** Compiles without diagnostics and runs on one event. */
function matches(dsl: unknown, event: unknown, options: CompileDslOptions = {}): boolean {
  const q = compile(dsl, options);
  expect(q.diagnostics).toEqual([]);
  const result = q.matches(event);
  expect(q.explain(event).truth).toBe(result);
  return result;
}

const term = (field: string, value: unknown, extra: object = {}) => ({ term: { [field]: { value, ...extra } } });

describe('keyword (README §3 "term", "wildcard")', () => {
  it.each([
    ['cmd.exe', true],
    ['CMD.EXE', false], // case-sensitive
    [' cmd.exe', false], // whitespace included
    [['a', 'cmd.exe'], true], // multi-valued: any value
    [null, false],
    [undefined, false],
  ])('term cmd.exe on %j', (value, expected) => {
    expect(matches(term('kw', 'cmd.exe'), { kw: value })).toBe(expected);
  });

  it('case_insensitive folds case', () => {
    expect(matches(term('kw', 'cmd.exe', { case_insensitive: true }), { kw: 'CMD.Exe' })).toBe(true);
  });

  it('a value longer than ignore_above is not indexed: no term match, does not exist', () => {
    expect(matches(term('short_kw', 'abcdef'), { short_kw: 'abcdef' })).toBe(false);
    expect(matches(term('short_kw', 'abcde'), { short_kw: 'abcde' })).toBe(true);
    expect(matches({ exists: { field: 'short_kw' } }, { short_kw: 'abcdef' })).toBe(false);
  });

  it('a lowercase normalizer compares normalized values', () => {
    expect(matches(term('lower_kw', 'CMD.exe'), { lower_kw: 'cmd.EXE' })).toBe(true);
    expect(matches({ wildcard: { lower_kw: { value: 'CMD*' } } }, { lower_kw: 'cmd.exe' })).toBe(true);
  });

  it('numbers and booleans are indexed as their text', () => {
    expect(matches(term('kw', '200'), { kw: 200 })).toBe(true);
    expect(matches(term('kw', 'true'), { kw: true })).toBe(true);
  });

  it('term and match on a keyword take the whole value (Kibana: "Win 7" is one term)', () => {
    expect(matches(term('kw', 'Win 7'), { kw: 'Win 7' })).toBe(true);
    expect(matches({ match: { kw: 'Win 7' } }, { kw: 'Win 7' })).toBe(true);
    expect(matches({ match: { kw: 'Win 7' } }, { kw: 'Win' })).toBe(false);
    expect(matches({ match_phrase: { kw: 'win 7' } }, { kw: 'Win 7' })).toBe(false);
  });

  it.each([
    ['win*', 'Windows', false], // case-sensitive
    ['Win*', 'Windows', true],
    ['*dows', 'Windows', true],
    ['W*d*s', 'Windows', true],
    ['Win', 'Windows', false], // anchored at both ends
    ['Win?ows', 'Windows', true],
    ['*\\\\*', 'C:\\Windows', true], // Kibana's `*\\*`: an escaped backslash (README §4)
    ['*\\\\*', 'Windows', false],
    ['a\\*', 'a*', true], // an escaped `*` is literal
    ['a\\*', 'ab', false],
  ])('wildcard %s on %s', (pattern, value, expected) => {
    expect(matches({ wildcard: { kw: { value: pattern } } }, { kw: value })).toBe(expected);
  });

  it('wildcard case_insensitive', () => {
    expect(matches({ wildcard: { kw: { value: 'win*', case_insensitive: true } } }, { kw: 'WINDOWS' })).toBe(true);
  });

  it('prefix and terms', () => {
    expect(matches({ prefix: { kw: 'cmd' } }, { kw: 'cmd.exe' })).toBe(true);
    expect(matches({ prefix: { kw: { value: 'CMD', case_insensitive: true } } }, { kw: 'cmd.exe' })).toBe(true);
    expect(matches({ terms: { kw: ['a', 'b'] } }, { kw: 'b' })).toBe(true);
    expect(matches({ terms: { kw: ['a', 'b'] } }, { kw: 'c' })).toBe(false);
  });

  it('range compares terms in byte order (README §3 "range": keyword lexicographic, case-sensitive)', () => {
    const r = { range: { kw: { gte: 'b', lt: 'd' } } };
    expect(matches(r, { kw: 'c' })).toBe(true);
    expect(matches(r, { kw: 'B' })).toBe(false);
    expect(matches(r, { kw: 'd' })).toBe(false);
  });

  it('null is indexed as null_value when the mapping has one', () => {
    expect(matches(term('status', 'NULL'), { status: null })).toBe(true);
    expect(matches({ exists: { field: 'status' } }, { status: null })).toBe(true);
  });
});

describe('text (README §3 "match", "match_phrase", "query_string")', () => {
  it('match: any analyzed query token among the field tokens ("quick brown fox" matches "brown dog")', () => {
    expect(matches({ match: { message: 'quick brown fox' } }, { message: 'brown dog' })).toBe(true);
    expect(matches({ match: { message: 'quick brown fox' } }, { message: 'lazy dog' })).toBe(false);
    expect(matches({ match: { message: 'QUICK' } }, { message: 'the quick one' })).toBe(true);
  });

  it('match operator and: every token, across the values of the field', () => {
    const q = { match: { message: { query: 'quick fox', operator: 'and' } } };
    expect(matches(q, { message: 'quick brown fox' })).toBe(true);
    expect(matches(q, { message: ['quick', 'fox'] })).toBe(true);
    expect(matches(q, { message: 'quick dog' })).toBe(false);
  });

  it('a query that analyzes to no token matches nothing (zero_terms_query none), everything with all', () => {
    expect(matches({ match: { message: '...' } }, { message: '...' })).toBe(false);
    expect(matches({ match: { message: { query: '...', zero_terms_query: 'all' } } }, {})).toBe(true);
  });

  it('match_phrase: tokens adjacent and in order', () => {
    expect(matches({ match_phrase: { message: 'Quick Brown' } }, { message: 'The quick brown fox' })).toBe(true);
    expect(matches({ match_phrase: { message: 'quick brown' } }, { message: 'quick the brown' })).toBe(false);
    expect(matches({ match_phrase: { message: 'brown quick' } }, { message: 'quick brown' })).toBe(false);
  });

  it('match_phrase does not span two values of an array (position gap 100)', () => {
    expect(matches({ match_phrase: { message: 'quick brown' } }, { message: ['a quick', 'brown b'] })).toBe(false);
  });

  it('term on text compares with the tokens: "Quick Fox" never matches', () => {
    expect(matches(term('message', 'Quick Fox'), { message: 'Quick Fox' })).toBe(false);
    expect(matches(term('message', 'quick'), { message: 'Quick Fox' })).toBe(true);
  });

  it('query_string wildcards run per token, lower-cased (message:err* and message:ERR* match "Fatal Error")', () => {
    expect(matches({ query_string: { fields: ['message'], query: 'err*' } }, { message: 'Fatal Error' })).toBe(true);
    expect(matches({ query_string: { fields: ['message'], query: 'ERR*' } }, { message: 'Fatal Error' })).toBe(true);
    expect(matches({ query_string: { fields: ['message'], query: 'fatal*error' } }, { message: 'Fatal Error' })).toBe(false);
    expect(matches({ query_string: { fields: ['message'], query: '*' } }, { message: 'x' })).toBe(true);
  });

  it('a quoted "jpg*" is a phrase, not a wildcard (README §4): on text the analyzer drops the *', () => {
    expect(matches({ match_phrase: { message: 'jpg*' } }, { message: 'a.jpg file' })).toBe(false); // token "a.jpg"
    expect(matches({ match_phrase: { message: 'jpg*' } }, { message: 'jpg file' })).toBe(true);
    expect(matches({ match_phrase: { kw: 'jpg*' } }, { kw: 'jpg2' })).toBe(false);
    expect(matches({ match_phrase: { kw: 'jpg*' } }, { kw: 'jpg*' })).toBe(true);
  });

  it('match_only_text answers like text', () => {
    expect(matches({ match_phrase: { only: 'brown fox' } }, { only: 'The brown fox' })).toBe(true);
    expect(matches({ match: { only: 'FOX' } }, { only: 'The brown fox' })).toBe(true);
  });
});

describe('wildcard field type (README §3 case sensitivity table)', () => {
  it('match is the exact value; query_string wildcards are case-sensitive on the whole value', () => {
    expect(matches({ match: { wc: 'C:\\Windows\\cmd.exe' } }, { wc: 'C:\\Windows\\cmd.exe' })).toBe(true);
    expect(matches({ match: { wc: 'cmd.exe' } }, { wc: 'C:\\Windows\\cmd.exe' })).toBe(false);
    expect(matches({ query_string: { fields: ['wc'], query: '*cmd.exe' } }, { wc: 'C:\\Windows\\cmd.exe' })).toBe(true);
    expect(matches({ query_string: { fields: ['wc'], query: '*CMD.exe' } }, { wc: 'C:\\Windows\\cmd.exe' })).toBe(false);
  });
});

describe('ip (README §3 "term": CIDR, "range": address order)', () => {
  it.each([
    ['192.168.0.0/16', '192.168.1.1', true],
    ['192.168.0.0/16', '192.169.1.1', false],
    ['10.0.0.1', '10.0.0.1', true],
    ['2001:db8::/32', '2001:db8::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
  ])('term %s on %s', (q, v, expected) => {
    expect(matches(term('ip', q), { ip: v })).toBe(expected);
    expect(matches({ match: { ip: q } }, { ip: v })).toBe(expected);
  });

  it('range by address order', () => {
    const r = { range: { ip: { gte: '10.0.0.0', lt: '10.0.1.0' } } };
    expect(matches(r, { ip: '10.0.0.200' })).toBe(true);
    expect(matches(r, { ip: '10.0.1.0' })).toBe(false);
    expect(matches(r, { ip: '9.255.255.255' })).toBe(false);
  });

  it('a value that is not an address is an error diagnostic; lenient skips it', () => {
    const q = compile({ match: { ip: 'foo' } });
    expect(q.diagnostics.map((d) => d.code)).toEqual([DSL_VALUE]);
    expect(q.matches({ ip: '1.2.3.4' })).toBe(false);
    expect(compile({ match: { ip: { query: 'foo', lenient: true } } }).diagnostics).toEqual([]);
  });

  it('wildcards are refused on ip fields', () => {
    expect(compile({ wildcard: { ip: '10.*' } }).diagnostics.map((d) => d.code)).toEqual([DSL_VALUE]);
  });
});

describe('numbers (README §3 "term": parsed to the field type; "range": numeric)', () => {
  it('the query value arrives as a string and is parsed', () => {
    expect(matches(term('bytes', '1000'), { bytes: 1000 })).toBe(true);
    expect(matches({ match: { bytes: '1000' } }, { bytes: '1000' })).toBe(true); // coerced at index time too
    expect(matches(term('bytes', '1000'), { bytes: 1001 })).toBe(false);
  });

  it('range: "bytes > 1000 and bytes < 8000" with string bounds (README §4)', () => {
    const r = { bool: { filter: [{ range: { bytes: { gt: '1000' } } }, { range: { bytes: { lt: '8000' } } }] } };
    expect(matches(r, { bytes: 1000 })).toBe(false);
    expect(matches(r, { bytes: 1001 })).toBe(true);
    expect(matches(r, { bytes: [5, 9000, 4000] })).toBe(true); // any value of one clause each
    expect(matches(r, { bytes: 8000 })).toBe(false);
  });

  it('integer fields: gt 1.5 is >= 2, and a fractional term matches nothing', () => {
    expect(matches({ range: { bytes: { gt: 1.5 } } }, { bytes: 2 })).toBe(true);
    expect(matches({ range: { bytes: { gt: 1.5 } } }, { bytes: 1 })).toBe(false);
    expect(matches(term('bytes', 1.5), { bytes: 1.5 })).toBe(false); // indexed as 1 (coerce truncates)
    expect(matches(term('bytes', 1), { bytes: 1.5 })).toBe(true);
  });

  it('float fields compare at float precision; double at double', () => {
    expect(matches(term('ratio', '0.1'), { ratio: 0.1 })).toBe(true);
    expect(matches(term('ratio', '0.100000001'), { ratio: 0.1 })).toBe(true); // the same float32
    expect(matches(term('score', '0.100000001'), { score: 0.1 })).toBe(false);
  });

  it('an unparseable value is an error diagnostic (or ignored under lenient)', () => {
    const q = compile({ match: { bytes: 'abc' } });
    expect(q.diagnostics).toHaveLength(1);
    expect(q.diagnostics[0]).toMatchObject({ severity: 'error', code: DSL_VALUE, source: 'kql' });
    expect(q.diagnostics[0].message).toContain('bytes');
    expect(compile({ multi_match: { query: 'abc', fields: ['bytes', 'message'], lenient: true } }).diagnostics).toEqual([]);
  });
});

describe('dates (README §3 "range": format, time_zone, date math with rounding)', () => {
  it('gte now-1d/d starts at yesterday midnight', () => {
    const r = { range: { '@timestamp': { gte: 'now-1d/d' } } };
    expect(matches(r, { '@timestamp': '2024-01-16T00:00:00Z' })).toBe(true);
    expect(matches(r, { '@timestamp': '2024-01-15T23:59:59.999Z' })).toBe(false);
  });

  it('lte now-1d/d rounds up to the end of yesterday; lt rounds down', () => {
    expect(matches({ range: { '@timestamp': { lte: 'now-1d/d' } } }, { '@timestamp': '2024-01-16T23:59:59.999Z' })).toBe(true);
    expect(matches({ range: { '@timestamp': { lt: 'now-1d/d' } } }, { '@timestamp': '2024-01-16T00:00:00Z' })).toBe(false);
  });

  it("Kibana's exact date (gte v, lte v) on a full timestamp matches that instant", () => {
    const r = { range: { '@timestamp': { gte: '2018-04-03T19:04:17', lte: '2018-04-03T19:04:17' } } };
    expect(matches(r, { '@timestamp': '2018-04-03T19:04:17.000Z' })).toBe(true);
    // lte rounds the missing milliseconds up (range doc, "Missing date components").
    expect(matches(r, { '@timestamp': '2018-04-03T19:04:17.500Z' })).toBe(true);
    expect(matches(r, { '@timestamp': '2018-04-03T19:04:18Z' })).toBe(false);
  });

  it('a date-only bound: lte fills the day (ES range doc "Missing date components"; the README says "only midnight", ES code rounds up)', () => {
    const r = { range: { '@timestamp': { gte: '2018-04-03', lte: '2018-04-03' } } };
    expect(matches(r, { '@timestamp': '2018-04-03T00:00:00Z' })).toBe(true);
    expect(matches(r, { '@timestamp': '2018-04-03T12:00:00Z' })).toBe(true);
    expect(matches(r, { '@timestamp': '2018-04-04T00:00:00Z' })).toBe(false);
  });

  it('time_zone shifts bounds without an offset (America/Phoenix is UTC-7)', () => {
    const r = { range: { '@timestamp': { gt: '2018-01-03T19:04:17', time_zone: 'America/Phoenix' } } };
    expect(matches(r, { '@timestamp': '2018-01-04T02:04:18Z' })).toBe(true);
    expect(matches(r, { '@timestamp': '2018-01-04T02:04:17Z' })).toBe(false);
  });

  it('epoch millis bounds, as number or string', () => {
    const at = Date.parse('2026-04-16T11:15:20.239Z');
    expect(matches({ range: { '@timestamp': { gt: at } } }, { '@timestamp': at + 1 })).toBe(true);
    expect(matches({ range: { '@timestamp': { gt: String(at) } } }, { '@timestamp': new Date(at).toISOString() })).toBe(false);
  });

  it('the field format parses values and bounds; the range format overrides it for bounds', () => {
    expect(matches({ range: { day: { gte: '01-02-2024' } } }, { day: '03-02-2024' })).toBe(true);
    expect(matches({ range: { day: { gte: '2024-02-04', format: 'yyyy-MM-dd' } } }, { day: '03-02-2024' })).toBe(false);
  });

  it('time_zone also applies to a bound in a custom format without a zone', () => {
    const r = { range: { day: { gte: '02-02-2024', time_zone: '+01:00' } } };
    // 02-02-2024 00:00 at +01:00 is 2024-02-01T23:00Z; the event's day (read in UTC) is 2024-02-01T00:00Z.
    expect(matches(r, { day: '01-02-2024' })).toBe(false);
    expect(matches({ range: { day: { lt: '01-02-2024', time_zone: '+01:00' } } }, { day: '01-02-2024' })).toBe(false);
    expect(matches({ range: { day: { lt: '01-02-2024', time_zone: '-01:00' } } }, { day: '01-02-2024' })).toBe(true);
  });

  it('a custom format rounds missing components up for gt/lte (dd-MM-yyyy lte reaches 23:59:59.999)', () => {
    const types: Record<string, FieldTypeInfo> = { t: { type: 'date', format: 'dd-MM-yyyy||strict_date_optional_time' } };
    const fieldType = (f: string) => types[f];
    expect(matches({ range: { t: { lte: '01-02-2024' } } }, { t: '2024-02-01T23:59:59.999Z' }, { fieldType })).toBe(true);
    expect(matches({ range: { t: { gt: '01-02-2024' } } }, { t: '2024-02-01T23:59:59.999Z' }, { fieldType })).toBe(false);
    expect(matches({ range: { t: { gte: '01-02-2024' } } }, { t: '2024-02-01T00:00:00Z' }, { fieldType })).toBe(true);
  });

  it('term on a date is the range from the value rounded down to rounded up', () => {
    expect(matches(term('@timestamp', '2024-01-16'), { '@timestamp': '2024-01-16T08:00:00Z' })).toBe(true);
    // Missing components round up: 08:00:00Z reaches 08:00:00.999; with millis written, only that instant.
    expect(matches(term('@timestamp', '2024-01-16T08:00:00Z'), { '@timestamp': '2024-01-16T08:00:00.999Z' })).toBe(true);
    expect(matches(term('@timestamp', '2024-01-16T08:00:00.000Z'), { '@timestamp': '2024-01-16T08:00:00.001Z' })).toBe(false);
  });

  it('an unparseable date is an error diagnostic', () => {
    expect(compile({ range: { '@timestamp': { gte: 'yesterday' } } }).diagnostics.map((d) => d.code)).toEqual([DSL_VALUE]);
  });
});

describe('boolean (README §3 "term": "true" parsed)', () => {
  it.each([
    ['true', true, true],
    ['true', 'true', true],
    [true, false, false],
    ['false', false, true],
  ])('term %j on %j', (q, v, expected) => {
    expect(matches(term('ok', q), { ok: v })).toBe(expected);
  });

  it('a non-boolean value is an error diagnostic', () => {
    expect(compile(term('ok', 'yes')).diagnostics.map((d) => d.code)).toEqual([DSL_VALUE]);
  });
});

describe('exists (README §3 "exists")', () => {
  it.each([
    ['', true],
    [[null, 'x'], true],
    ['x', true],
    [0, true],
    [null, false],
    [[], false],
    [[null], false],
    [undefined, false],
    [{ a: null }, false], // an object exists through a sub-field value
    [{ a: 1 }, true],
  ])('%j', (value, expected) => {
    expect(matches({ exists: { field: 'f' } }, { f: value })).toBe(expected);
  });

  it('a typed field exists only with a value of its type', () => {
    expect(matches({ exists: { field: 'bytes' } }, { bytes: 'abc' })).toBe(false); // malformed: not indexed
    expect(matches({ exists: { field: 'bytes' } }, { bytes: '12' })).toBe(true);
  });
});

describe('nested (README §3 "bool / nested")', () => {
  const mapping = { properties: { users: { type: 'nested', properties: { first: { type: 'keyword' }, last: { type: 'keyword' } } } } };
  const event = {
    users: [
      { first: 'John', last: 'Smith' },
      { first: 'Alice', last: 'White' },
    ],
  };
  const both = (first: string, last: string) => ({ bool: { filter: [term('users.first', first), term('users.last', last)] } });

  it('the inner query matches within one object of the array', () => {
    expect(matches({ nested: { path: 'users', query: both('Alice', 'White'), score_mode: 'none' } }, event, { mapping })).toBe(true);
    expect(matches({ nested: { path: 'users', query: both('Alice', 'Smith'), score_mode: 'none' } }, event, { mapping })).toBe(false);
  });

  it('a plain object array is flattened: fields of different elements combine', () => {
    expect(matches(both('Alice', 'Smith'), event, { fieldType: (f) => (f.startsWith('users.') ? { type: 'keyword' } : undefined) })).toBe(true);
  });

  it('fields under a nested mapping are not visible outside a nested query', () => {
    expect(matches(term('users.first', 'Alice'), event, { mapping })).toBe(false);
    expect(matches({ exists: { field: 'users' } }, event, { mapping })).toBe(false);
    expect(matches({ nested: { path: 'users', query: { exists: { field: 'users.first' } } } }, event, { mapping })).toBe(true);
  });

  it('or inside a nested block stays inside the block (README §4)', () => {
    const q = { nested: { path: 'users', query: { bool: { should: [term('users.first', 'Bob'), term('users.last', 'White')], minimum_should_match: 1 } } } };
    expect(matches(q, event, { mapping })).toBe(true);
  });
});

describe('dynamic mapping (no type known)', () => {
  it('a string is text: match analyzes, term compares tokens', () => {
    expect(matches({ match: { f: 'QUICK' } }, { f: 'quick fox' })).toBe(true);
    expect(matches(term('f', 'Quick'), { f: 'Quick' })).toBe(false);
  });

  it('x.keyword is the exact keyword sub-field, ignore_above 256', () => {
    expect(matches(term('f.keyword', 'Quick Fox'), { f: 'Quick Fox' })).toBe(true);
    expect(matches(term('f.keyword', 'quick fox'), { f: 'Quick Fox' })).toBe(false);
    const long = 'x'.repeat(257);
    expect(matches(term('f.keyword', long), { f: long })).toBe(false);
  });

  it('numbers and booleans parse the query value', () => {
    expect(matches({ match: { n: '5' } }, { n: 5 })).toBe(true);
    expect(matches({ range: { n: { gte: '4.5' } } }, { n: 5 })).toBe(true);
    expect(matches({ match: { b: 'true' } }, { b: true })).toBe(true);
  });

  it('a mapped text field with a keyword multi-field (mapping)', () => {
    const mapping = { properties: { msg: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 10 } } } } };
    expect(matches(term('msg.keyword', 'Hello World'), { msg: 'Hello World' }, { mapping })).toBe(false); // 11 > ignore_above
    expect(matches(term('msg.keyword', 'Hello'), { msg: 'Hello' }, { mapping })).toBe(true);
    expect(matches({ match: { msg: 'hello' } }, { msg: 'Hello' }, { mapping })).toBe(true);
  });

  it('a typed field under a typed leaf is its multi-field and reads the parent (ECS process.name.text)', () => {
    const types: Record<string, FieldTypeInfo> = { 'process.name': { type: 'keyword' }, 'process.name.text': { type: 'match_only_text' } };
    expect(matches({ match: { 'process.name.text': 'CMD' } }, { process: { name: 'cmd.exe cmd' } }, { fieldType: (f) => types[f] })).toBe(true);
  });

  it('flattened: the root matches any leaf value as a keyword, a key is a keyword of its own', () => {
    // https://www.elastic.co/guide/en/elasticsearch/reference/current/flattened.html
    const mapping = { properties: { labels: { type: 'flattened' } } };
    const event = { labels: { env: 'Prod', team: { name: 'sec' } } };
    expect(matches(term('labels', 'sec'), event, { mapping })).toBe(true);
    expect(matches(term('labels', 'prod'), event, { mapping })).toBe(false);
    expect(matches(term('labels.env', 'Prod'), event, { mapping })).toBe(true);
    expect(matches({ match: { 'labels.team.name': 'SEC' } }, event, { mapping })).toBe(false); // keyword, not text
    expect(matches({ exists: { field: 'labels' } }, event, { mapping })).toBe(true);
  });

  it('an alias reads its target', () => {
    const mapping = { properties: { host: { type: 'keyword' }, h: { type: 'alias', path: 'host' } } };
    expect(matches(term('h', 'a'), { host: 'a' }, { mapping })).toBe(true);
  });
});

describe('free text (README §2: multi_match / query_string without fields)', () => {
  it('multi_match best_fields over every field of the event, lenient', () => {
    const q = { multi_match: { type: 'best_fields', query: 'foo', lenient: true } };
    expect(matches(q, { a: { b: 'Foo bar' }, bytes: 5 })).toBe(true);
    expect(matches(q, { a: 'bar', bytes: 5 })).toBe(false);
  });

  it('explain lists the event fields free text matched', () => {
    const q = compile({ multi_match: { type: 'best_fields', query: 'foo', lenient: true } });
    const tree = q.explain({ a: { b: 'Foo bar' }, c: 'x', d: 'foo' });
    expect(tree.values).toEqual([
      { field: 'a.b', value: 'Foo bar', missing: false },
      { field: 'd', value: 'foo', missing: false },
    ]);
  });

  it('multi_match of a number matches a numeric field and skips the others', () => {
    const q = { multi_match: { type: 'best_fields', query: 200, lenient: true } };
    expect(matches(q, { bytes: 200, ip: '1.2.3.4', message: 'x' })).toBe(true);
  });

  it('multi_match phrase', () => {
    const q = { multi_match: { type: 'phrase', query: 'foo bar', lenient: true } };
    expect(matches(q, { x: 'a foo bar' })).toBe(true);
    expect(matches(q, { x: 'bar foo' })).toBe(false);
  });

  it('query_string jpg* over all fields', () => {
    expect(matches({ query_string: { query: 'jpg*' } }, { file: { name: 'photo.JPG' }, extension: 'jpg2' })).toBe(true);
    expect(matches({ query_string: { query: 'jpg*' } }, { file: 'png' })).toBe(false);
  });

  it('query_string reads escapes of reserved characters', () => {
    // Kibana escapes the literal parts of a wildcard value (README §2 "jpg*" row).
    expect(matches({ query_string: { fields: ['kw'], query: 'C\\:\\\\Windows\\\\*' } }, { kw: 'C:\\Windows\\x' })).toBe(true);
  });
});

describe('bool (README §3 "bool / nested")', () => {
  const a = term('kw', 'a');
  const b = term('kw', 'b');
  const c = term('kw', 'c');

  it('an empty filter list matches everything', () => {
    expect(matches({ bool: { filter: [] } }, {})).toBe(true);
    expect(matches({ bool: {} }, {})).toBe(true);
  });

  it('must_not alone keeps the events that do not match', () => {
    expect(matches({ bool: { must_not: a } }, { kw: 'b' })).toBe(true);
    expect(matches({ bool: { must_not: a } }, { kw: 'a' })).toBe(false);
    expect(matches({ bool: { must_not: a } }, {})).toBe(true); // a missing field does not match the term
  });

  it('should with must/filter is optional unless minimum_should_match says otherwise', () => {
    expect(matches({ bool: { filter: [a], should: [b] } }, { kw: 'a' })).toBe(true);
    expect(matches({ bool: { filter: [a], should: [b], minimum_should_match: 1 } }, { kw: 'a' })).toBe(false);
  });

  it('minimum_should_match counts', () => {
    const q = { bool: { should: [a, b, c], minimum_should_match: 2 } };
    expect(matches(q, { kw: ['a', 'c'] })).toBe(true);
    expect(matches(q, { kw: ['a'] })).toBe(false);
    expect(minimumShouldMatch('75%', 4, 0)).toBe(3);
    expect(minimumShouldMatch('-1', 4, 0)).toBe(3);
    expect(minimumShouldMatch('-25%', 4, 0)).toBe(3);
    expect(minimumShouldMatch('3<90%', 4, 0)).toBeNull();
  });
});

describe('unsupported DSL', () => {
  it.each([
    [{ script: { script: 'doc.x' } }, 'script'],
    [{ term: { kw: { value: 'a', foo: 1 } } }, 'foo'],
    [{ terms: { kw: { index: 'i', id: '1', path: 'p' } } }, 'terms lookup'],
    [{ term: { kw: 'a' }, match_all: {} }, 'one key'],
    [{ bool: { must: [{ fuzzy: { kw: 'a' } }] } }, 'fuzzy'],
    [{ query_string: { query: 'a AND b' } }, 'AND'],
    [{ match: { message: { query: 'a', fuzziness: 'AUTO' } } }, 'fuzziness'],
    [null, 'query object'],
    [5, 'query object'],
    [[], 'query object'],
    [{}, 'empty'],
  ])('%j is one kql/unsupported-dsl error naming %s', (dsl, word) => {
    const q = compile(dsl);
    expect(q.diagnostics).toHaveLength(1);
    expect(q.diagnostics[0]).toMatchObject({ severity: 'error', code: UNSUPPORTED_DSL, source: 'kql' });
    expect(q.diagnostics[0].message).toContain(word);
    expect(q.matches({ kw: 'a' })).toBe(false);
  });

  it('a diagnostic carries the clause range when rangeOf knows it', () => {
    const bad = { script: {} };
    const q = compile({ bool: { filter: [bad] } }, { rangeOf: (c) => (c === bad ? { start: 3, end: 9 } : undefined) });
    expect(q.diagnostics[0].range).toEqual({ start: 3, end: 9 });
    expect(q.diagnostics[0].message).toContain('query.bool.filter[0].script');
  });

  it('10,000 nested bools: a diagnostic, no stack overflow', () => {
    let dsl: unknown = term('kw', 'a');
    for (let i = 0; i < 10_000; i++) dsl = { bool: { must_not: dsl } };
    const q = compile(dsl);
    expect(q.diagnostics.some((d) => d.message.includes(String(MAX_DSL_DEPTH)))).toBe(true);
    expect(() => q.matches({ kw: 'a' })).not.toThrow();
    expect(() => q.explain({ kw: 'a' })).not.toThrow();
  });
});

describe('explain', () => {
  const kibanaLeaf = (clause: object) => ({ bool: { should: [clause], minimum_should_match: 1 } });

  it('bool becomes and/or/not; a Kibana leaf wrapper collapses into its clause, with the KQL label and range', () => {
    const l1 = kibanaLeaf(term('kw', 'a'));
    const l2 = kibanaLeaf(term('kw', 'b'));
    const dsl = { bool: { filter: [l1, { bool: { must_not: l2 } }] } };
    const labels = new Map<object, string>([
      [l1, 'kw: a'],
      [l2, 'kw: b'],
    ]);
    const ranges = new Map<object, { start: number; end: number }>([
      [l1, { start: 0, end: 5 }],
      [l2, { start: 14, end: 19 }],
    ]);
    const q = compile(dsl, { label: (c) => labels.get(c), rangeOf: (c) => ranges.get(c) });
    const tree = q.explain({ kw: 'a' });
    expect(tree).toMatchObject({ kind: 'and', truth: true });
    expect(tree.children[0]).toMatchObject({
      kind: 'leaf',
      label: 'kw: a',
      truth: true,
      range: { start: 0, end: 5 },
      values: [{ field: 'kw', value: 'a', missing: false }],
    });
    expect(tree.children[1]).toMatchObject({ kind: 'not', truth: true });
    expect(tree.children[1].children[0]).toMatchObject({ kind: 'leaf', label: 'kw: b', truth: false, range: { start: 14, end: 19 } });
  });

  it('without label/rangeOf: a short DSL rendering and an empty range; a missing field is marked', () => {
    const tree = compile({ range: { bytes: { gt: '10', lte: 20 } } }).explain({});
    expect(tree).toMatchObject({ kind: 'leaf', label: 'range bytes > "10" and <= 20', range: { start: 0, end: 0 }, truth: false });
    expect(tree.values).toEqual([{ field: 'bytes', value: null, missing: true }]);
  });

  it('nested shows the inner query on the matching object', () => {
    const mapping = { properties: { u: { type: 'nested', properties: { n: { type: 'keyword' } } } } };
    const tree = compile({ nested: { path: 'u', query: term('u.n', 'b') } }, { mapping }).explain({ u: [{ n: 'a' }, { n: 'b' }] });
    expect(tree).toMatchObject({ label: 'nested u', truth: true });
    expect(tree.children[0]).toMatchObject({ truth: true, values: [{ field: 'u.n', value: 'b' }] });
  });
});

describe('clause order chosen on a sample of events', () => {
  /** An event whose fields count their reads. */
  function counted(values: Record<string, string>) {
    const reads: Record<string, number> = {};
    const ev = {};
    for (const [k, v] of Object.entries(values)) {
      reads[k] = 0;
      Object.defineProperty(ev, k, { enumerable: true, get: () => (reads[k]++, v) });
    }
    return { ev, reads };
  }
  const both = { bool: { filter: [term('a', 'x'), term('b', 'rare')] } };
  const fieldType = (): FieldTypeInfo => ({ type: 'keyword' });
  const sample = Array.from({ length: 20 }, (_, i) => ({ a: 'x', b: i === 0 ? 'rare' : 'common' }));

  it('a conjunction tries first the clause that rejects most sample events (Lucene leads with the most selective)', () => {
    const q = compileQueryDsl(both, { fieldType, sample });
    const { ev, reads } = counted({ a: 'x', b: 'common' });
    expect(q.matches(ev)).toBe(false);
    expect(reads).toEqual({ a: 0, b: 1 });
    // Without a sample, the query's order.
    const plain = counted({ a: 'x', b: 'common' });
    expect(compileQueryDsl(both, { fieldType }).matches(plain.ev)).toBe(false);
    expect(plain.reads).toEqual({ a: 1, b: 1 });
  });

  it('a wildcard counts as twice the work of a term: it goes first only when it rejects over twice as many', () => {
    const wild = (field: string, value: string) => ({ wildcard: { [field]: { value } } });
    // b = "common*" rejects 15 of 20, a = "x" rejects 10: 15 / 2 < 10 / 1, the term goes first.
    const mixed = Array.from({ length: 20 }, (_, i) => ({ a: i < 10 ? 'x' : 'y', b: i < 15 ? 'rare' : 'common' }));
    const q = compileQueryDsl({ bool: { filter: [wild('b', 'common*'), term('a', 'x')] } }, { fieldType, sample: mixed });
    const { ev, reads } = counted({ a: 'y', b: 'common' });
    expect(q.matches(ev)).toBe(false);
    expect(reads).toEqual({ a: 1, b: 0 });
    // With the wildcard rejecting 19 of 20 and the term 6 (19 / 2 > 6 / 1 by more than 25%), the wildcard first.
    const rarer = Array.from({ length: 20 }, (_, i) => ({ a: i < 14 ? 'x' : 'y', b: i === 0 ? 'common' : 'rare' }));
    const q2 = compileQueryDsl({ bool: { filter: [wild('b', 'common*'), term('a', 'x')] } }, { fieldType, sample: rarer });
    const second = counted({ a: 'y', b: 'rare' });
    expect(q2.matches(second.ev)).toBe(false);
    expect(second.reads).toEqual({ a: 0, b: 1 });
  });

  it('a near tie (within 25%) keeps the query order', () => {
    // a rejects 10 of 20, b 11: b does not jump ahead.
    const close = Array.from({ length: 20 }, (_, i) => ({ a: i < 10 ? 'x' : 'y', b: i < 9 ? 'rare' : 'common' }));
    const q = compileQueryDsl(both, { fieldType, sample: close });
    const { ev, reads } = counted({ a: 'y', b: 'common' });
    expect(q.matches(ev)).toBe(false);
    expect(reads).toEqual({ a: 1, b: 0 });
  });

  it('a disjunction tries first the clause that accepts most; Why keeps the query order', () => {
    const either = { bool: { should: [term('b', 'rare'), term('a', 'x')], minimum_should_match: 1 } };
    const q = compileQueryDsl(either, { fieldType, sample });
    const { ev, reads } = counted({ a: 'x', b: 'common' });
    expect(q.matches(ev)).toBe(true);
    expect(reads).toEqual({ a: 1, b: 0 });
    expect(q.explain({ a: 'x', b: 'common' }).children.map((c) => c.label)).toEqual(['term b "rare"', 'term a "x"']);
  });
});
