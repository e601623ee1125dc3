import { describe, expect, it } from 'vitest';
import type { Expr, Query, SequenceQuery, Statement } from './ast.ts';
import { parseQuery } from './parser.ts';

/** Parses text that must be error-free and returns the statement. */
function ok(text: string): Statement {
  const { ast, diagnostics } = parseQuery(text);
  expect(diagnostics).toEqual([]);
  return ast;
}

function cond(text: string): Expr {
  const q = ok(text).query;
  if (q.kind !== 'event') throw new Error('not an event query');
  return q.filter.condition;
}

function seq(text: string): SequenceQuery {
  const q: Query = ok(text).query;
  if (q.kind !== 'sequence') throw new Error('not a sequence');
  return q;
}

describe('event queries', () => {
  it('reads the category and condition', () => {
    const q = ok('process where true').query;
    expect(q).toMatchObject({ kind: 'event', filter: { category: 'process', categoryRange: { start: 0, end: 7 } } });
  });
  it('reads `any` as a null category', () => {
    expect(ok('any where true').query).toMatchObject({ filter: { category: null } });
  });
  it('unquotes a quoted category', () => {
    expect(ok('"my-cat" where true').query).toMatchObject({ filter: { category: 'my-cat', categoryRange: { start: 0, end: 8 } } });
  });
});

describe('literals', () => {
  it('classifies integers by size', () => {
    expect(cond('a where 2147483647')).toMatchObject({ type: 'integer', value: 2147483647 });
    expect(cond('a where 2147483648')).toMatchObject({ type: 'long' });
    expect(cond('a where 9223372036854775807')).toMatchObject({ type: 'long' });
    expect(cond('a where 9223372036854775808')).toMatchObject({ type: 'double' });
  });
  it('reads decimals and exponents as doubles', () => {
    for (const raw of ['1.5', '1.', '.5', '1e5', '1.5E-3']) {
      expect(cond(`a where ${raw}`)).toMatchObject({ type: 'double', value: Number(raw), raw });
    }
  });
  it('unescapes strings', () => {
    expect(cond('a where "x\\n\\r\\t\\\\\\"y"')).toMatchObject({ value: 'x\n\r\t\\"y' });
    expect(cond('a where "\\u{41}\\u{1F600}"')).toMatchObject({ value: 'A\u{1F600}' });
  });
  it('keeps raw strings verbatim', () => {
    expect(cond('a where """C:\\x\\"""')).toMatchObject({ value: 'C:\\x\\', raw: '"""C:\\x\\"""' });
    expect(cond('a where """a""""')).toMatchObject({ value: 'a"' });
  });
  it('reads booleans and null', () => {
    expect(cond('a where null')).toMatchObject({ type: 'null', value: null });
    expect(cond('a where false')).toMatchObject({ type: 'boolean', value: false });
  });
});

describe('fields', () => {
  it('splits dotted paths', () => {
    expect(cond('a where process.parent.name')).toMatchObject({
      kind: 'field',
      path: ['process', 'parent', 'name'],
      name: 'process.parent.name',
      optional: false,
      range: { start: 8, end: 27 },
    });
  });
  it('reads optional fields', () => {
    expect(cond('a where ?process.pid')).toMatchObject({ kind: 'field', name: 'process.pid', optional: true, range: { start: 8, end: 20 } });
  });
  it('reads backquoted names with a doubled backquote', () => {
    expect(cond('a where `my-field`.`a``b`')).toMatchObject({ path: ['my-field', 'a`b'] });
  });
  it('reads @timestamp unquoted', () => {
    expect(cond('a where @timestamp')).toMatchObject({ name: '@timestamp' });
  });
});

describe('operators', () => {
  it('reads every comparison', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) {
      expect(cond(`a where x ${op} 1`)).toMatchObject({ kind: 'compare', op, opRange: { start: 10, end: 10 + op.length } });
    }
  });
  it('reads : like regex and their ~ forms', () => {
    expect(cond('a where x : "a*"')).toMatchObject({ kind: 'match', op: ':', caseInsensitive: false, list: false });
    expect(cond('a where x like~ ("a", "b")')).toMatchObject({
      kind: 'match',
      op: 'like',
      caseInsensitive: true,
      list: true,
      patterns: [{ value: 'a' }, { value: 'b' }],
    });
    expect(cond('a where x regex """.*"""')).toMatchObject({ kind: 'match', op: 'regex', caseInsensitive: false });
    expect(cond('a where x regex~ "a"')).toMatchObject({ kind: 'match', op: 'regex', caseInsensitive: true });
  });
  it('reads in, in~, not in, not in~', () => {
    expect(cond('a where x in (1, 2)')).toMatchObject({ kind: 'in', negated: false, caseInsensitive: false, values: [{ value: 1 }, { value: 2 }] });
    expect(cond('a where x in~ ("a")')).toMatchObject({ kind: 'in', negated: false, caseInsensitive: true });
    expect(cond('a where x not in ("a")')).toMatchObject({ kind: 'in', negated: true, caseInsensitive: false });
    expect(cond('a where x not in~ ("a")')).toMatchObject({ kind: 'in', negated: true, caseInsensitive: true });
  });
  it('gives * precedence over +, and unary minus over both', () => {
    expect(cond('a where -x + 2 * 3 == 0')).toMatchObject({
      kind: 'compare',
      left: { kind: 'arith', op: '+', left: { kind: 'unary', op: '-' }, right: { kind: 'arith', op: '*' } },
    });
  });
  it('is left-associative', () => {
    expect(cond('a where 1 - 2 - 3')).toMatchObject({ kind: 'arith', op: '-', left: { kind: 'arith', op: '-' }, right: { value: 3 } });
  });
  it('keeps and/or chains flat, and binds and tighter than or', () => {
    expect(cond('a where x or y and z or w')).toMatchObject({
      kind: 'logical',
      op: 'or',
      operands: [{ kind: 'field' }, { kind: 'logical', op: 'and' }, { kind: 'field' }],
    });
    const e = cond('a where x and y and z and w');
    expect(e).toMatchObject({ kind: 'logical', op: 'and' });
    expect((e as { operands: unknown[] }).operands).toHaveLength(4);
  });
  it('merges a parenthesized chain of the same operator', () => {
    expect(cond('a where (x and y) and z')).toMatchObject({ kind: 'logical', op: 'and', operands: [{ name: 'x' }, { name: 'y' }, { name: 'z' }] });
  });
  it('binds not tighter than and', () => {
    expect(cond('a where not x and y')).toMatchObject({ kind: 'logical', operands: [{ kind: 'not' }, { kind: 'field' }] });
  });
  it('reads function calls, including name~(…)', () => {
    expect(cond('a where startsWith~(x, "a")')).toMatchObject({ kind: 'call', name: 'startsWith', caseInsensitive: true, nameRange: { start: 8, end: 18 } });
    expect(cond('a where length(x) > 1')).toMatchObject({ left: { kind: 'call', name: 'length', caseInsensitive: false, args: [{ name: 'x' }] } });
  });
});

describe('ranges', () => {
  it('cover the source text of each node, parentheses of a first operand included', () => {
    const text = 'a where (x + 1) * 2 == 3 and (y) : "a"';
    const e = cond(text);
    expect(e).toMatchObject({
      kind: 'logical',
      range: { start: 8, end: text.length },
      operands: [
        {
          kind: 'compare',
          range: { start: 8, end: 24 },
          left: { kind: 'arith', range: { start: 8, end: 19 }, left: { kind: 'arith', range: { start: 9, end: 14 } } },
        },
        { kind: 'match', range: { start: 29, end: text.length }, operand: { range: { start: 30, end: 31 } } },
      ],
    });
  });
});

describe('comments', () => {
  it('skips line and nested block comments', () => {
    expect(cond('a where /* x /* y */ z */ true // end')).toMatchObject({ value: true });
  });
});

describe('sequences', () => {
  it('reads by, maxspan, stages, runs, missing events and until', () => {
    const q = seq('sequence by host.id with maxspan=5m [process where true] by a with runs=2 ![file where true] until [any where true]');
    expect(q.by.map((f) => f.name)).toEqual(['host.id']);
    expect(q.maxspan).toMatchObject({ value: 5, unit: 'm', millis: 300000 });
    expect(q.stages).toHaveLength(2);
    expect(q.stages[0]).toMatchObject({ runs: 2, missing: false, by: [{ name: 'a' }] });
    expect(q.stages[1]).toMatchObject({ runs: 1, missing: true });
    expect(q.until).toMatchObject({ filter: { category: null } });
  });
  it('reads every time unit', () => {
    const millis = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };
    for (const [unit, ms] of Object.entries(millis)) {
      expect(seq(`sequence with maxspan=2${unit} [a where true] [b where true]`).maxspan).toMatchObject({ unit, millis: 2 * ms });
    }
  });
  it('accepts a single stage repeated with runs', () => {
    expect(seq('sequence [a where true] with runs=3').stages[0].runs).toBe(3);
  });
});

describe('samples and pipes', () => {
  it('reads a sample', () => {
    expect(ok('sample by h [a where true] by x [b where true]').query).toMatchObject({
      kind: 'sample',
      by: [{ name: 'h' }],
      stages: [{ by: [{ name: 'x' }] }, {}],
    });
  });
  it('reads head and tail', () => {
    expect(ok('a where true | head 5 | tail 2').pipes).toMatchObject([
      { name: 'head', args: [{ value: 5 }] },
      { name: 'tail', args: [{ value: 2 }] },
    ]);
  });
});

describe('recovery', () => {
  it('stands in an error node for a missing operand', () => {
    const { ast, diagnostics } = parseQuery('process where a == ');
    expect(diagnostics).toHaveLength(1);
    expect(ast.query).toMatchObject({ filter: { condition: { kind: 'compare', right: { kind: 'error', range: { start: 19, end: 19 } } } } });
  });
  it('stands in an error-query when there is no query', () => {
    expect(parseQuery('| head 1').ast).toMatchObject({ query: { kind: 'error-query' }, pipes: [{ name: 'head' }] });
  });
  it('keeps the good stages of a sequence with a broken one', () => {
    const { ast } = parseQuery('sequence [a where x ==] [b where true] [c where y]');
    expect(ast.query).toMatchObject({
      kind: 'sequence',
      stages: [{ filter: { category: 'a' } }, { filter: { category: 'b' } }, { filter: { category: 'c' } }],
    });
  });
  it('reads = as == after reporting it', () => {
    expect(parseQuery('a where x = 1').ast.query).toMatchObject({ filter: { condition: { kind: 'compare', op: '==' } } });
  });
  it('names lowercase keywords when uppercase ones are the problem', () => {
    const { diagnostics } = parseQuery('process WHERE true');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].message).toContain('keywords are lowercase: [where]');
  });
});
