import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.ts';
import { parseQuery } from './parser.ts';
import { formatQuery, printExpr, printQuery, quoteString } from './printer.ts';
import { stripRanges } from './strip-ranges.ts';

function condOf(text: string): Expr {
  const q = parseQuery(text).ast.query;
  if (q.kind !== 'event') throw new Error('not an event query');
  return q.filter.condition;
}

/** Formats a condition through the AST and back. */
function fmtCond(cond: string): string {
  return printExpr(condOf(`a where ${cond}`));
}

describe('printExpr', () => {
  it('keeps parentheses precedence needs', () => {
    expect(fmtCond('(a or b) and c')).toBe('(a or b) and c');
    expect(fmtCond('a - (b - c)')).toBe('a - (b - c)');
    expect(fmtCond('(a + b) * c')).toBe('(a + b) * c');
    expect(fmtCond('not (a and b)')).toBe('not (a and b)');
    expect(fmtCond('(a + b) : "x"')).toBe('(a + b) : "x"');
    expect(fmtCond('-(a + b)')).toBe('-(a + b)');
  });
  it('drops parentheses precedence does not need', () => {
    expect(fmtCond('(a and b) or c')).toBe('a and b or c');
    expect(fmtCond('((a))')).toBe('a');
    expect(fmtCond('(a - b) - c')).toBe('a - b - c');
    expect(fmtCond('(a * b) + c')).toBe('a * b + c');
    expect(fmtCond('(a and b) and c')).toBe('a and b and c');
  });
  it('prints every operator form', () => {
    for (const c of [
      'x : "a"',
      'x like~ ("a", "b")',
      'x regex """a.*"""',
      'x regex~ "a"',
      'x in (1, 2)',
      'x not in~ ("a")',
      'x in~ ("a")',
      'x not in (1)',
      'f~(x, 1)',
      'f()',
      '?x.`a b`.`c``d` != null',
      'x >= 1.5e3',
      '-x % 2 <= +y',
    ]) {
      expect(fmtCond(c)).toBe(c);
    }
  });
  it('backquotes reserved words and odd names', () => {
    expect(fmtCond('`sequence`.`with-dash`')).toBe('`sequence`.`with-dash`');
  });
  it('keeps literals as written', () => {
    expect(fmtCond('x == "a\\tb" and y == 1e5 and z == """C:\\x"""')).toBe('x == "a\\tb" and y == 1e5 and z == """C:\\x"""');
  });
});

describe('quoteString', () => {
  it('escapes what a string cannot hold', () => {
    expect(quoteString('a"b\\c\nd\u0001')).toBe('"a\\"b\\\\c\\nd\\u{01}"');
    expect(condOf(`a where ${quoteString('a"b\\c\nd\u0001')}`)).toMatchObject({ value: 'a"b\\c\nd\u0001' });
  });
});

describe('printQuery', () => {
  it('puts sequence keys and maxspan on the header and stages on their own lines', () => {
    const q = 'sequence by host.id with maxspan=1m [process where true] by a with runs=2 ![file where x == 1] until [any where false] | head 5';
    expect(formatQuery(q)).toBe(
      ['sequence by host.id with maxspan=1m', '  [process where true] by a with runs=2', '  ![file where x == 1]', 'until [any where false]', '| head 5'].join(
        '\n',
      ),
    );
  });
  it('prints a sample', () => {
    expect(formatQuery('sample by h [a where true] [b where true] by x')).toBe('sample by h\n  [a where true]\n  [b where true] by x');
  });
  it('keeps a short event query with pipes on one line', () => {
    expect(formatQuery('process   where  true|head 1|tail 2')).toBe('process where true | head 1 | tail 2');
  });
  it('quotes a category that is not an identifier', () => {
    expect(formatQuery('"my-cat" where true')).toBe('"my-cat" where true');
    expect(formatQuery('"process" where true')).toBe('process where true');
  });
  it('wraps a long condition at and/or, one operand per line', () => {
    const long = Array.from({ length: 6 }, (_, i) => `process.name == "some-long-value-${i}"`).join(' and ');
    const out = formatQuery(`process where ${long}`)!;
    expect(out.split('\n')).toHaveLength(6);
    expect(out.split('\n')[1]).toBe('  process.name == "some-long-value-1" and');
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
  it('wraps a long list inside its parentheses', () => {
    const items = Array.from({ length: 20 }, (_, i) => `"value-number-${i}"`).join(', ');
    const out = formatQuery(`process where process.name in (${items})`)!;
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(stripRanges(parseQuery(out).ast)).toEqual(stripRanges(parseQuery(`process where process.name in (${items})`).ast));
  });
  it('round-trips a formatted query to the same AST', () => {
    const q = 'sequence by a [x where (a or b) and not c : ("x*", "y") and d - (e - f) > 2] [y where ?g in~ ("a")]';
    expect(stripRanges(parseQuery(printQuery(parseQuery(q).ast)).ast)).toEqual(stripRanges(parseQuery(q).ast));
  });
});

describe('formatQuery', () => {
  it('returns null when the text has errors', () => {
    expect(formatQuery('process where a = 1')).toBeNull();
  });
  it('keeps comments before and after the query on their own lines', () => {
    expect(formatQuery('/* a */ process where true // why')).toBe('/* a */\nprocess where true\n// why');
  });
  it('keeps comments between and/or operands, each on its own line', () => {
    expect(formatQuery('process where a and // first\n b and /* second */ c')).toBe('process where a and\n  // first\n  b and\n  /* second */\n  c');
  });
  it('keeps comments between stages and before until', () => {
    expect(formatQuery('sequence [a where true] // x\n [b where true] /* y */ until [c where true]')).toBe(
      'sequence\n  [a where true]\n  // x\n  [b where true]\n/* y */\nuntil [c where true]',
    );
  });
  it('keeps a comment written right after where', () => {
    expect(formatQuery('process where /* why */ a')).toBe('process where /* why */\n  a');
  });
  it('returns null rather than drop a comment it has no place for', () => {
    expect(formatQuery('process where x in ("a", /* b */ "b")')).toBeNull();
    expect(formatQuery('sequence by a /* k */ [x where true] [y where true]')).toBe('sequence by a\n  /* k */\n  [x where true]\n  [y where true]');
    expect(formatQuery('sequence by a /* k */ with maxspan=1s [x where true] [y where true]')).toBeNull();
  });
  it('does not mistake comment-like text in strings for comments', () => {
    expect(formatQuery('process where "//" == x')).toBe('process where "//" == x');
  });
  it('parenthesizes and-groups of an or that spans lines', () => {
    const long = (n: number) => `process.name == "process-name-${n}"`;
    const out = formatQuery(`process where ${long(1)} and ${long(2)} or ${long(3)} and ${long(4)}`)!;
    expect(out).toBe(`process where (${long(1)} and ${long(2)}) or\n  (${long(3)} and ${long(4)})`);
  });
  it('is idempotent', () => {
    const once = formatQuery('sequence with maxspan=5s [a where x==1 and y:"a"] [b where true]')!;
    expect(formatQuery(once)).toBe(once);
  });
});
