/**
 * Numbers as Elasticsearch's EQL computes them. Each expectation cites where it comes from:
 *  [ToNumber]  x-pack/plugin/eql/.../function/scalar/math/ToNumberFunctionProcessor.java:
 *              base 10 is `Long.valueOf(s)`, falling back to `Double.valueOf(s)`; other bases
 *              `Long.parseLong(s, radix)`; `value.startsWith("0x")` picks base 16 when none is
 *              given and is stripped in base 16; a NumberFormatException becomes
 *              "Unable to convert [s] to number of base [r]" (the query fails).
 *  [Long]      java.lang.Long#parseLong javadoc: optional sign, digits only, long range.
 *  [Double]    java.lang.Double#valueOf javadoc: whitespace trimmed, NaN, Infinity, decimal and
 *              hexadecimal floating point, optional f/F/d/D suffix.
 *  [Arith]     x-pack/plugin/ql/.../predicate/operator/arithmetic/Arithmetics.java: widen to
 *              double, then long, then int (JLS 5.6.2); Math.addExact/subtractExact/multiplyExact/
 *              negateExact for int and long ("integer overflow" / "long overflow"); integer
 *              `/` and `%` are Java's, so a zero divisor throws "/ by zero" (JLS 15.17.2-3).
 *  [Literal]   EQL ExpressionBuilder.visitIntegerLiteral: a literal that fits 32 bits is an
 *              Integer, else a Long. Scripts read integer fields' doc values as longs;
 *              length() and indexOf() return Integer.
 *  [toString]  java.lang.Double#toString javadoc (JDK 19+ shortest-digits, JDK-4511638):
 *              positional for 1e-3 <= |d| < 1e7 with at least one fraction digit, else
 *              computerized scientific notation d.dddE±n.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../run/evaluate.ts';
import { javaDoubleToString } from '../run/java.ts';
import { arithmetic, negate, parseEqlNumber, parseJavaDouble, parseJavaLong } from './numbers.ts';
import type { NumKind } from './numbers.ts';

const fails = (message: string) => {
  throw new Error(message);
};
const errorOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('number() parses as ToNumberFunctionProcessor does', () => {
  it.each([
    // [ToNumber] Long.valueOf first: integers are longs
    ['42', null, 42, 'long'],
    ['+7', null, 7, 'long'], // [Long] a leading + is allowed
    ['-0', null, 0, 'long'],
    ['9223372036854775807', null, 9223372036854775807, 'long'],
    // [ToNumber] then Double.valueOf: the example, "2.50" is the double 2.5
    ['2.50', null, 2.5, 'double'],
    ['2.0', null, 2, 'double'],
    ['1e3', null, 1000, 'double'],
    ['.5', null, 0.5, 'double'],
    ['5.', null, 5, 'double'],
    ['1.5f', null, 1.5, 'double'], // [Double] type suffix is syntax only
    ['2d', null, 2, 'double'],
    [' 17 ', null, 17, 'double'], // [Long] no trimming, [Double] trims: a double
    ['9223372036854775808', null, 9223372036854775808, 'double'], // past Long.MAX_VALUE: a double
    ['NaN', null, NaN, 'double'], // [Double] special values
    ['-Infinity', null, -Infinity, 'double'],
    ['+Infinity', null, Infinity, 'double'],
    // [ToNumber] hex: a 0x prefix selects base 16 and is stripped
    ['0x1F', null, 31, 'long'],
    ['0x1F', 16, 31, 'long'],
    ['1f', 16, 31, 'long'],
    ['0x32', null, 50, 'long'],
    ['31', 13, 40, 'long'],
    ['zz', 36, 1295, 'long'],
    ['-ff', 16, -255, 'long'],
    ['7fffffffffffffff', 16, 9223372036854775807, 'long'],
    // [Long] Character.digit: any Unicode decimal digit, and fullwidth Latin letters
    ['\u0661\u0662', null, 12, 'long'], // Arabic-Indic digits
    ['\uff11\uff10', null, 10, 'long'], // fullwidth digits
    ['\uff26\uff26', 16, 255, 'long'], // fullwidth FF
    // [ToNumber] base 10 given: the prefix stays, so Double.valueOf reads a hex float
    ['0x1.8p1', 10, 3, 'double'],
  ] as const)('number(%j, %s) = %s (%s)', (text, base, value, kind) => {
    const r = parseEqlNumber(text, base);
    expect(r).toEqual({ value, kind });
  });

  it.each([
    ['zz', null, 'Unable to convert [zz] to number of base [10]'],
    ['', null, 'Unable to convert [] to number of base [10]'],
    ['1_000', null, 'Unable to convert [1_000] to number of base [10]'], // [Long][Double] no separators
    ['12L', null, 'Unable to convert [12L] to number of base [10]'],
    ['nan', null, 'Unable to convert [nan] to number of base [10]'], // [Double] case-sensitive
    ['Infinityd', null, 'Unable to convert [Infinityd] to number of base [10]'],
    ['0X1F', null, 'Unable to convert [0X1F] to number of base [10]'], // [ToNumber] only "0x" is a prefix
    ['-0x1F', null, 'Unable to convert [-0x1F] to number of base [10]'], // the prefix must come first
    ['0x1.8p1', null, 'Unable to convert [1.8p1] to number of base [16]'], // stripped, then Long.parseLong
    ['8000000000000000', 16, 'Unable to convert [8000000000000000] to number of base [16]'], // [Long] out of range
    ['12', 8, null],
    ['19', 8, 'Unable to convert [19] to number of base [8]'],
    ['1', 37, 'Unable to convert [1] to number of base [37]'], // [Long] radix above Character.MAX_RADIX
    ['\u0661.5', null, 'Unable to convert [\u0661.5] to number of base [10]'], // [Double] ASCII digits only
    ['\u{1D7CF}', null, 'Unable to convert [\u{1D7CF}] to number of base [10]'], // Long.parseLong reads chars: no surrogate pairs
  ] as const)('number(%j, %s) fails with %j', (text, base, message) => {
    const r = parseEqlNumber(text, base);
    expect('error' in r ? r.error : null).toBe(message);
  });

  it('Long.parseLong and Double.valueOf alone', () => {
    expect(parseJavaLong('-9223372036854775808', 10)).toBe(-9223372036854775808);
    expect(parseJavaLong('9223372036854775808', 10)).toBeNull();
    expect(parseJavaLong(' 1', 10)).toBeNull();
    expect(parseJavaLong('+', 10)).toBeNull();
    expect(parseJavaDouble('\t-0.0 ')).toBe(-0);
    expect(parseJavaDouble('1e400')).toBe(Infinity);
    expect(parseJavaDouble('0x.8p0')).toBe(0.5);
    expect(parseJavaDouble('0xp0')).toBeNull();
  });
});

describe('arithmetic follows QL Arithmetics', () => {
  const op = (o: '+' | '-' | '*' | '/' | '%', a: number, b: number, k: NumKind) => arithmetic(o, a, b, k, fails);

  it.each([
    ['+', 2147483646, 1, 'int', 2147483647],
    ['-', -2147483647, 1, 'int', -2147483648],
    ['*', 46340, 46340, 'int', 2147395600],
    ['/', 7, 2, 'int', 3], // JLS 15.17.2: truncation toward zero
    ['/', -7, 2, 'int', -3],
    ['%', -10, 6, 'int', -4], // eql-function-ref: modulo(-10, 6) is -4; the dividend's sign
    ['%', 10, -6, 'int', 4],
    ['/', -2147483648, -1, 'int', -2147483648], // JLS 15.17.2: MIN_VALUE / -1 overflows to itself, no exception
    ['%', -2147483648, -1, 'int', 0],
    ['+', 2147483647, 1, 'long', 2147483648], // a long operand widens: no int overflow
    ['/', 9007199254740992, 3, 'long', 3002399751580330], // past 2^53: exact through BigInt
    ['/', -9223372036854775808, -1, 'long', -9223372036854775808], // JLS: wraps, no exception
    ['+', 0.1, 0.2, 'double', 0.30000000000000004],
    ['/', 7, 2, 'double', 3.5],
    ['/', 1, 0, 'double', Infinity], // IEEE 754: double division by zero does not throw
    ['%', 1, 0, 'double', NaN],
    ['+', 1, 0.5, 'unknown', 1.5], // decided per value: a fraction means a double
    ['/', 7, 2, 'unknown', 3], // two integral values of unknown kind: long division
    ['+', 9007199254740992, 2, 'unknown', 9007199254740994], // past 2^53: exact through BigInt
    ['*', 1e300, 1e10, 'unknown', 1e310], // beyond the long range it can only be a double (Infinity)
    ['*', 2.5, 4, 'long', 10], // a long field holding a fraction is computed, not thrown on
  ] as const)('%s %s %s as %s', (o, a, b, k, expected) => {
    expect(op(o, a, b, k)).toBe(expected);
  });

  it.each([
    ['+', 2147483647, 1, 'int', 'integer overflow'], // Math.addExact(int, int)
    ['-', -2147483648, 1, 'int', 'integer overflow'], // Math.subtractExact
    ['*', 65536, 65536, 'int', 'integer overflow'], // Math.multiplyExact
    ['+', 9223372036854774784, 1024, 'long', 'long overflow'], // Math.addExact(long, long); 2^63 - 1024 is the largest double below 2^63
    ['*', 4611686018427387904, 2, 'long', 'long overflow'],
    ['-', -9223372036854775808, 1, 'long', 'long overflow'],
    ['/', 1, 0, 'int', '/ by zero'], // JLS 15.17.2: integer division by zero throws ArithmeticException
    ['%', 1, 0, 'int', '/ by zero'], // JLS 15.17.3
    ['/', 1, 0, 'long', '/ by zero'],
    ['/', 5, 0, 'unknown', '/ by zero'],
    ['+', 9223372036854774784, 1024, 'unknown', 'long overflow'], // the largest double below 2^63, plus 1024
    ['*', 4294967296, 4294967296, 'unknown', 'long overflow'],
  ] as const)('%s %s %s as %s throws %j', (o, a, b, k, message) => {
    expect(errorOf(() => op(o, a, b, k))).toBe(message);
  });

  it('negation is Math.negateExact; Double.MIN_VALUE is QL\'s "double overflow"', () => {
    expect(negate(5, 'int', fails)).toBe(-5);
    expect(errorOf(() => negate(-2147483648, 'int', fails))).toBe('integer overflow');
    expect(negate(-2147483648, 'long', fails)).toBe(2147483648);
    expect(errorOf(() => negate(-9223372036854775808, 'long', fails))).toBe('long overflow');
    expect(negate(1.5, 'double', fails)).toBe(-1.5);
    expect(errorOf(() => negate(Number.MIN_VALUE, 'double', fails))).toBe('double overflow');
  });
});

describe('Double.toString', () => {
  it.each([
    [2, '2.0'],
    [1e10, '1.0E10'],
    [1e-5, '1.0E-5'],
    [0.001, '0.001'], // the lower bound of positional notation
    [0.002, '0.002'], // JDK 19+; older JDKs printed 0.0020
    [9999999, '9999999.0'],
    [1e7, '1.0E7'], // the upper bound: scientific from 10^7
    [123456789, '1.23456789E8'],
    [-1.5e-7, '-1.5E-7'],
    [0.30000000000000004, '0.30000000000000004'],
    [-0, '-0.0'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
    [Number.MIN_VALUE, '4.9E-324'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [1e21, '1.0E21'],
  ])('%s prints as %s', (d, text) => {
    expect(javaDoubleToString(d)).toBe(text);
  });
});

describe('in queries', () => {
  const event = (extra: object) => ({ '@timestamp': 0, event: { category: 'process' }, ...extra });
  const run = (q: string, events: object[]) => evaluate(q, events);
  const errors = (q: string, events: object[]) => run(q, events).diagnostics.filter((d) => d.severity === 'error');

  it('number() is a double when the text is one, and the double prints as Java prints it', () => {
    const events = [event({ v: '2.50' }), event({ v: '7' })];
    expect(run('any where number(v) == 2.5', events).matches.map((m) => m.events)).toEqual([[0]]);
    expect(run('any where string(number("2.50")) == "2.5"', events).matches.length).toBe(2);
    expect(run('any where string(number("1e10")) == "1.0E10"', events).matches.length).toBe(2);
    expect(run('any where string(1.0 * 3) == "3.0"', events).matches.length).toBe(2); // [Arith] double widening
    expect(run('any where string(6 / 4) == "1"', events).matches.length).toBe(2);
    expect(run('any where string(6 / 4.0) == "1.5"', events).matches.length).toBe(2);
  });

  it('number() of text that is not a number fails the query, even when one event holds it', () => {
    const events = [event({ v: '1' }), event({ v: 'abc' })];
    const r = run('any where number(v) > 0', events);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([['eql/runtime-error', 'error']]);
    expect(r.diagnostics[0].message).toMatch(/^Unable to convert \[abc\] to number of base \[10\]/);
    expect(r.diagnostics[0].range).toEqual({ start: 'any where '.length, end: 'any where number(v)'.length });
  });

  it('integer overflow in a field expression fails the query; a long field does not overflow at 32 bits', () => {
    const events = [event({ n: 2147483647 }), event({ n: 4611686018427387904 })];
    // [Literal] the field is a long in scripts: 2147483647 + 1 is fine…
    expect(errors('any where n + 1 == 2147483648', events.slice(0, 1))).toEqual([]);
    expect(run('any where n + 1 == 2147483648', events.slice(0, 1)).matches.length).toBe(1);
    // …but 2^62 * 2 leaves the long range.
    const r = run('any where n * 2 > 0', events);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'eql/runtime-error')?.message).toMatch(/^long overflow/);
  });

  it('length() is an int: length(x) * 1000000000 overflows int', () => {
    const r = run('any where length(s) * 1000000000 > 0', [event({ s: 'abcdefg' })]);
    expect(r.diagnostics.find((d) => d.code === 'eql/runtime-error')?.message).toMatch(/^integer overflow/);
    expect(r.matches).toEqual([]);
  });

  it('integer division by zero fails the query (it used to give null); double division does not', () => {
    const events = [event({ n: 0 }), event({ n: 4 })];
    const r = run('any where 8 / n == 2', events);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'eql/runtime-error')?.message).toMatch(/^\/ by zero/);
    expect(run('any where modulo(8, n) == 0', events).diagnostics.map((d) => d.code)).toContain('eql/runtime-error');
    expect(run('any where 8.0 / n > 1', events).matches.map((m) => m.events)).toEqual([[0], [1]]); // Infinity > 1
  });

  it('an overflow between literals fails when the query is compiled', () => {
    const r = run('any where 2147483647 + 1 > 0', [event({})]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['eql/runtime-error']);
    expect(r.diagnostics[0].message).toMatch(/^integer overflow/);
    // A long literal widens: no overflow.
    expect(run('any where 2147483648 + 1 == 2147483649', [event({})]).matches.length).toBe(1);
  });

  it('the next run of a compiled query starts clean', () => {
    expect(run('any where 8 / n == 2', [event({ n: 4 })]).diagnostics).toEqual([]);
  });
});
