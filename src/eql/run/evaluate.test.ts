import { describe, expect, it } from 'vitest';
import type { Statement } from '../syntax/ast.ts';
import { parseQuery } from '../syntax/parser.ts';
import { compileQuery, evaluate } from './evaluate.ts';
import type { EvalOptions } from './types.ts';

const R = { start: 0, end: 0 };
const ids = (q: string, events: object[], options: EvalOptions = {}) => {
  const r = evaluate(q, events, options);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.matches.map((m) => (m.events.length === 1 ? m.events[0] : m.events));
};
const ev = (n: number, extra: Record<string, unknown>) => ({ '@timestamp': n, ...extra });

describe('event queries', () => {
  // Beyond the first 1,024 events the evaluator may test a comparison before the category
  // (the test rejecting more events first); the answer is the conjunction either way.
  it('gives the same matches whichever of category and condition rejects more events', () => {
    const cats = ['process', 'file', 'network', ['process', 'host']];
    const events = Array.from({ length: 5000 }, (_, i) =>
      ev(i, { event: { category: cats[i % 4] }, process: { name: i % 7 === 0 ? 'cmd.exe' : 'x', pid: i % 3 === 0 ? null : i } }),
    );
    const expected = (pred: (i: number) => boolean) => events.map((_, i) => i).filter((i) => (i % 4 === 0 || i % 4 === 3) && pred(i));
    expect(ids('process where process.name == "cmd.exe"', events)).toEqual(expected((i) => i % 7 === 0));
    expect(ids('process where process.name != "cmd.exe"', events)).toEqual(expected((i) => i % 7 !== 0));
    expect(ids('process where process.pid != null and not process.name in ("x")', events)).toEqual(expected((i) => i % 3 !== 0 && i % 7 === 0));
  });

  // A conjunction of Lucene queries (no script) leads with the operand that rejected most of its
  // first 256 events, as Lucene leads a conjunction with its most selective clause; the answer —
  // true, false, or null under `not` — is the same in any order.
  it('gives the same answers after a conjunction reorders its operands, also when selectivity changes mid-way', () => {
    const events = Array.from({ length: 3000 }, (_, i) =>
      ev(i, {
        event: { category: 'process' },
        // a rejects early events, b rejects late ones; c is missing (null) on every fifth event.
        a: i < 1500 ? (i % 10 === 0 ? 1 : 0) : 1,
        b: i < 1500 ? 2 : i % 10 === 0 ? 2 : 0,
        ...(i % 5 === 0 ? {} : { c: i % 2 }),
      }),
    );
    const all = events.map((_, i) => i);
    const a = (i: number) => (i < 1500 ? i % 10 === 0 : true);
    const b = (i: number) => (i < 1500 ? true : i % 10 === 0);
    // c == 1: null when c is missing.
    const c = (i: number): boolean | null => (i % 5 === 0 ? null : i % 2 === 1);
    const and = (...xs: (boolean | null)[]) => (xs.includes(false) ? false : xs.includes(null) ? null : true);
    expect(ids('process where a == 1 and b == 2', events)).toEqual(all.filter((i) => a(i) && b(i)));
    expect(ids('process where b == 2 and a == 1 and c == 1', events)).toEqual(all.filter((i) => and(b(i), a(i), c(i)) === true));
    // not (null) is null, never a match; not (false) is true.
    expect(ids('process where not (c == 1 and a == 1)', events)).toEqual(all.filter((i) => and(c(i), a(i)) === false));
  });

  // Elasticsearch runs a script only on the documents the category's term query matched, so a
  // Java exception (here integer division by zero) cannot come from events of other categories.
  it('never runs a script condition on events of other categories', () => {
    const events = Array.from({ length: 3000 }, (_, i) =>
      ev(i, i % 2 ? { event: { category: 'file' }, process: { pid: 5 } } : { event: { category: 'process' } }),
    );
    const r = evaluate('process where process.pid / 0 == 1', events);
    expect(r.diagnostics).toEqual([]);
    expect(r.matches).toEqual([]);
  });

  it('runs a hand-built AST (the parser contract)', () => {
    const ast: Statement = {
      kind: 'statement',
      range: R,
      pipes: [],
      query: {
        kind: 'event',
        range: R,
        filter: {
          kind: 'filter',
          range: R,
          category: 'process',
          categoryRange: R,
          condition: {
            kind: 'compare',
            op: '>',
            opRange: R,
            range: R,
            left: { kind: 'field', path: ['process', 'pid'], name: 'process.pid', optional: false, range: R },
            right: { kind: 'literal', value: 1, type: 'integer', raw: '1', range: R },
          },
        },
      },
    };
    const events = [ev(1, { event: { category: 'process' }, process: { pid: 2 } }), ev(2, { event: { category: 'process' }, process: { pid: 1 } })];
    expect(evaluate(ast, events).matches).toEqual([{ events: [0], joinKeys: [] }]);
  });

  it('"==" is case-sensitive and ":" is not', () => {
    const events = [ev(1, { a: 'Cmd.exe' })];
    expect(ids('any where a == "cmd.exe"', events)).toEqual([]);
    expect(ids('any where a : "cmd.exe"', events)).toEqual([0]);
  });

  it('":" expands wildcards only when the pattern has * or ?; "==" never does', () => {
    const events = [ev(1, { a: 'cmd.exe' }), ev(2, { a: 'c*' })];
    expect(ids('any where a : "C*"', events)).toEqual([0, 1]);
    expect(ids('any where a == "c*"', events)).toEqual([1]);
    expect(ids('any where a in~ ("C*")', events)).toEqual([1]);
  });

  it('like has no escape: % _ and \\ are literal', () => {
    const events = [ev(1, { a: '50%_x\\y' }), ev(2, { a: '50ab' })];
    expect(ids('any where a like "50%_*"', events)).toEqual([0]);
    expect(ids('any where a like~ "50?X*"', events)).toEqual([]);
    expect(ids('any where a like~ "50%?X*"', events)).toEqual([0]);
  });

  it('regex is Lucene syntax, anchored at both ends', () => {
    const events = [ev(1, { a: 'net1 localgroup' }), ev(2, { a: 'xnet localgroup' })];
    expect(ids('any where a regex """net[0-9]? localgroup"""', events)).toEqual([0]);
    expect(ids('any where a regex """net"""', events)).toEqual([]);
    expect(ids('any where a regex~ """NET.*"""', events)).toEqual([0]);
  });

  it('a field holding an array matches when any element does', () => {
    const events = [ev(1, { tags: ['a', 'b'] }), ev(2, { tags: ['c'] })];
    expect(ids('any where tags == "b"', events)).toEqual([0]);
    expect(ids('any where tags : "B"', events)).toEqual([0]);
    expect(ids('any where tags in ("x", "c")', events)).toEqual([1]);
    expect(ids('any where tags != "b"', events)).toEqual([1]);
  });

  it('comparisons with a missing field are null (no match), except == null / != null', () => {
    const events = [ev(1, { x: 1 }), ev(2, {}), ev(3, { x: null })];
    expect(ids('any where x != 1', events)).toEqual([]);
    expect(ids('any where not x == 1', events)).toEqual([]);
    expect(ids('any where x == null', events)).toEqual([1, 2]);
    expect(ids('any where x != null', events)).toEqual([0]);
    expect(ids('any where null == (x > 0)', events)).toEqual([1, 2]);
  });

  it('three-valued logic: null or true is true, null and false is false', () => {
    const events = [ev(1, {})];
    expect(ids('any where x == 1 or true', events)).toEqual([0]);
    expect(ids('any where not (x == 1 and false)', events)).toEqual([0]);
    expect(ids('any where not (x == 1 and true)', events)).toEqual([]);
  });

  it('integer arithmetic follows Java: truncating division, dividend-signed remainder', () => {
    const events = [ev(1, { n: 83 }), ev(2, { n: -10 })];
    expect(ids('any where n / 2 == 41', events)).toEqual([0]);
    expect(ids('any where n % -6 == -4', events)).toEqual([1]);
    expect(ids('any where 167.0 / n == 2', events)).toEqual([]);
    expect(ids('any where 167 / n == 2', events)).toEqual([0]);
    expect(ids('any where modulo(n, -6) == 5', events)).toEqual([0]);
  });

  it('category matches event.category exactly, on a string or an array', () => {
    const events = [ev(1, { event: { category: ['network', 'process'] } }), ev(2, { event: { category: 'Process' } }), ev(3, {})];
    expect(ids('process where true', events)).toEqual([0]);
    expect(ids('any where true', events)).toEqual([0, 1, 2]);
  });

  it('orders by timestamp (ISO or epoch millis), then tiebreaker, then input order', () => {
    const events = [
      ev(0, { '@timestamp': '2024-01-01T00:00:02Z', t: 2 }),
      ev(0, { '@timestamp': 1704067201000, t: 9 }),
      ev(0, { '@timestamp': '1704067201000', t: 1 }),
      ev(0, { '@timestamp': '2024-01-01T00:00:00.500Z', t: 0 }),
    ];
    expect(ids('any where true', events)).toEqual([3, 1, 2, 0]);
    expect(ids('any where true', events, { tiebreakerField: 't' })).toEqual([3, 2, 1, 0]);
  });

  it('size keeps the tail by default; head and tail pipes compose', () => {
    const events = [1, 2, 3, 4, 5, 6].map((n) => ev(n, {}));
    expect(ids('any where true', events, { size: 2 })).toEqual([4, 5]);
    expect(ids('any where true', events, { size: 2, resultPosition: 'head' })).toEqual([0, 1]);
    expect(ids('any where true | head 4 | tail 2', events)).toEqual([2, 3]);
    expect(ids('any where true | tail 2 | head 1', events)).toEqual([4]);
    expect(ids('any where true | head 3', events, { size: 2 })).toEqual([0, 1]);
  });

  it('functions give null on null input; indexOf not found is null', () => {
    const events = [ev(1, { s: 'explorer.exe' }), ev(2, {})];
    expect(ids('any where indexOf(s, "zzz") == null', events)).toEqual([0, 1]);
    expect(ids('any where concat(s, 1.5, true) == "explorer.exe1.5true"', events)).toEqual([0]);
    expect(ids('any where string(2.0) == "2.0" and length(s) == 12', events)).toEqual([0]);
    expect(ids('any where between~(s, "EX", ".") == "plorer"', events)).toEqual([0]);
    expect(ids('any where substring(s, -3) == "exe" and number("0x10") == 16', events)).toEqual([0]);
    expect(ids('any where cidrMatch("10.1.2.3", "10.0.0.0/8") and cidrMatch("fe80::1", "fe80::/10")', events)).toEqual([0, 1]);
  });

  it('reports unknown functions, bad pipes and bad regexes as errors, with no results', () => {
    const bad = (q: string) => evaluate(q, [ev(1, { a: 'x' })]).diagnostics.map((d) => d.code);
    expect(bad('any where nope(a)')).toContain('eql/unknown-function');
    expect(bad('any where true | sort a')).toEqual(['eql/syntax-unsupported']); // the parser's
    // The engine checks pipes itself too, for ASTs that did not come from the parser.
    expect(compileQuery(parseQuery('any where true | sort a').ast).diagnostics.map((d) => d.code)).toEqual(['eql/unsupported-pipe']);
    expect(bad('any where a regex "(x"')).toContain('eql/regex-syntax');
    expect(bad('any where a == a')).toContain('eql/field-comparison');
    expect(bad('any where length(a) < length(a)')).toContain('eql/field-comparison');
    expect(bad('any where a in ("x", a)')).toContain('eql/field-comparison');
  });
});

describe('mapping', () => {
  const mapping = {
    properties: {
      event_type: { type: 'keyword' },
      event: { properties: { category: { type: 'alias', path: 'event_type' } } },
      opt: { type: 'keyword', null_value: 'NULL' },
      v: { type: 'version' },
      d: { type: 'date', format: 'dd-MM-yyyy' },
      ip: { type: 'ip' },
      name: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 5 } } },
    },
  };
  const events = [
    { '@timestamp': 1, event_type: 'x', opt: null, v: '1.11.3', d: '02-01-2024', ip: '10.0.0.1', name: 'short' },
    { '@timestamp': 2, event_type: 'x', v: '1.2.4-SNAPSHOT', d: '01-01-2024', ip: '::ffff:10.0.0.2', name: 'much longer' },
  ];
  const q = (text: string) => ids(text, events, { mapping });

  it('resolves aliases for the category field', () => expect(q('x where true')).toEqual([0, 1]));
  it('applies null_value to explicit nulls', () => {
    expect(q('x where opt == "NULL"')).toEqual([0]);
    expect(q('x where opt == null')).toEqual([1]);
  });
  it('compares versions in semver order', () => expect(q('x where v > "1.5.0"')).toEqual([0]));
  it('parses custom date formats', () => expect(q('x where d < "2024-01-02"')).toEqual([1]));
  it('normalises ip values', () => expect(q('x where ip == "10.0.0.2"')).toEqual([1]));
  it('does not index values above ignore_above', () => expect(q('x where name : "*"')).toEqual([0]));
  it('reports unknown columns, and ?field of an unknown column is null', () => {
    expect(evaluate('x where nope == 1', events, { mapping }).diagnostics[0]).toMatchObject({ code: 'eql/unknown-field', message: 'Unknown column [nope].' });
    expect(q('x where ?nope == ?other')).toEqual([0, 1]);
  });
});

describe('sequences', () => {
  const e = (t: number, cat: string, extra: Record<string, unknown> = {}) => ({ '@timestamp': t, event: { category: cat }, ...extra });

  it('keeps one partial per stage per key: a newer start replaces the older one', () => {
    const events = [e(1, 'a', { k: 1 }), e(2, 'a', { k: 1 }), e(3, 'b', { k: 1 })];
    expect(ids('sequence by k [a where true] [b where true]', events)).toEqual([[1, 2]]);
  });

  it('outputs sequences in order of completion, with typed join keys', () => {
    const events = [e(1, 'a', { k: 'x' }), e(2, 'a', { k: 'y' }), e(3, 'b', { k: 'y' }), e(4, 'b', { k: 'x' })];
    const r = evaluate('sequence by k [a where true] [b where true]', events);
    expect(r.matches.map((m) => [m.events, m.joinKeys])).toEqual([
      [[1, 2], ['y']],
      [[0, 3], ['x']],
    ]);
  });

  it('maxspan is inclusive', () => {
    const events = [e(0, 'a'), e(1000, 'b'), e(5000, 'a'), e(6001, 'b')];
    expect(ids('sequence with maxspan=1s [a where true] [b where true]', events)).toEqual([[0, 1]]);
  });

  it('until discards pending partials of its key', () => {
    const events = [e(1, 'a', { k: 1 }), e(2, 'a', { k: 2 }), e(3, 'stop', { k: 1 }), e(4, 'b', { k: 1 }), e(5, 'b', { k: 2 })];
    expect(ids('sequence by k [a where true] [b where true] until [stop where true]', events)).toEqual([[1, 4]]);
  });

  it('fans out multi-valued keys and drops null keys unless optional', () => {
    const events = [e(1, 'a', { k: ['x', 'y'] }), e(2, 'a', {}), e(3, 'b', { k: 'y' }), e(4, 'b', {})];
    expect(ids('sequence by k [a where true] [b where true]', events)).toEqual([[0, 2]]);
    expect(ids('sequence by ?k [a where true] [b where true]', events)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('runs=N repeats a stage; missing stages give null placeholders', () => {
    const events = [e(1, 'a'), e(2, 'a'), e(3, 'b')];
    expect(ids('sequence [a where true] with runs=2 [b where true]', events)).toEqual([[0, 1, 2]]);
    expect(ids('sequence with maxspan=1h [a where true] ![c where true] [b where true]', events)).toEqual([[1, null, 2]]);
    expect(ids('sequence with maxspan=1h [a where true] ![b where true] [b where true]', events)).toEqual([[1, null, 2]]);
  });

  it('traces partials: started, replaced, advanced, expired, completed', () => {
    const events = [e(0, 'a'), e(1, 'a'), e(5000, 'b'), e(6000, 'a'), e(6500, 'b')];
    const r = evaluate('sequence with maxspan=1s [a where true] [b where true]', events, { trace: true });
    expect(r.matches.map((m) => m.events)).toEqual([[3, 4]]);
    expect(r.trace!.map((t) => `${t.kind}@${t.event}`)).toEqual(['started@0', 'replaced@1', 'started@1', 'expired@2', 'started@3', 'completed@4']);
  });
});

describe('samples', () => {
  it('groups by key across filters, ordered by key, one event per filter', () => {
    const events = [
      { h: 'b', event: { category: 'x' } },
      { h: 'a', event: { category: 'y' } },
      { h: 'b', event: { category: 'y' } },
      { h: 'a', event: { category: 'x' } },
    ];
    const r = evaluate('sample by h [x where true] [y where true]', events);
    expect(r.kind).toBe('samples');
    expect(r.matches.map((m) => [m.events, m.joinKeys])).toEqual([
      [[3, 1], ['a']],
      [[0, 2], ['b']],
    ]);
  });
});
