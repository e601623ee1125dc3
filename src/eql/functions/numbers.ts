/**
 * Java number semantics as Elasticsearch's EQL applies them (eql-semantics §5 "Arithmetic", §7).
 *
 * - Arithmetic follows QL's `Arithmetics` (x-pack/plugin/ql/.../predicate/operator/arithmetic/
 *   Arithmetics.java): JLS 5.6.2 widening to double, then long, then int; integer `+ - *` use
 *   `Math.addExact/subtractExact/multiplyExact`, so an overflow throws `ArithmeticException`
 *   ("integer overflow", "long overflow"); integer `/` and `%` by zero throw "/ by zero". Any such
 *   exception fails the whole query in Elasticsearch.
 * - `number()` is `ToNumberFunctionProcessor`: `Long.valueOf`, falling back to `Double.valueOf`
 *   in base 10; `Long.parseLong(s, radix)` otherwise; a `0x` prefix means base 16; anything else
 *   fails the query ("Unable to convert [s] to number of base [r]").
 *
 * JavaScript has one number type, so the Java kind of a value travels beside it: `int` (EQL
 * integer literals that fit 32 bits, `length`, `indexOf`), `long` (integer fields: scripts read
 * doc values as longs, larger literals, `number` of an integer), `double`, or `unknown` (decided
 * per value: an integral number is a long, any other a double).
 */

export type NumKind = 'int' | 'long' | 'double' | 'unknown';

export type ArithOp = '+' | '-' | '*' | '/' | '%';

/** Reports a Java exception that fails the query; returns null so callers can `return fail(…)`. */
export type Fail = (message: string) => null;

/** JLS 5.6.2 binary numeric promotion, as far as it is known before the values are. */
export function widen(a: NumKind, b: NumKind): NumKind {
  if (a === 'double' || b === 'double') return 'double';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  if (a === 'long' || b === 'long') return 'long';
  return 'int';
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const LONG_SPAN = 2n ** 64n;

/** Java's long arithmetic, exactly, through BigInt (only off the fast path). */
function longSlow(op: ArithOp, a: number, b: number, fail: Fail): number | null {
  // A long field holding a fraction (Elasticsearch would have coerced it when indexing).
  if (!Number.isInteger(a) || !Number.isInteger(b)) return doubleOp(op, a, b);
  const x = BigInt(a);
  const y = BigInt(b);
  let r: bigint;
  switch (op) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      // Long.MIN_VALUE / -1 wraps to Long.MIN_VALUE in Java (no exception).
      r = x / y;
      if (r > LONG_MAX) r -= LONG_SPAN;
      return Number(r);
    case '%':
      return Number(x % y);
  }
  if (r < LONG_MIN || r > LONG_MAX) return fail('long overflow');
  return Number(r);
}

/** 2^63: one past Long.MAX_VALUE (a double holds it exactly). */
const TWO_63 = 2 ** 63;

/** A value of unknown kind is a long when integral and within the long range (else a double, e.g. 1e300). */
function isLongValue(v: number): boolean {
  return Number.isInteger(v) && v < TWO_63 && v >= -TWO_63;
}

/** A binary operation over two numbers, specialised once per call site. */
export type BinaryFn = (a: number, b: number) => number | null;

const TWO_53 = 9007199254740992;

/** IEEE 754 double arithmetic (no exceptions: `1.0 / 0` is Infinity, `1.0 % 0` NaN). */
function doubleOp(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
  }
}

/** Java long arithmetic over two integral values. */
function longOp(op: ArithOp, a: number, b: number, fail: Fail): number | null {
  if ((op === '/' || op === '%') && b === 0) return fail('/ by zero');
  const r = op === '/' ? Math.trunc(a / b) : doubleOp(op, a, b);
  // An exact integer result below 2^53 is what the double operation gives (it is representable,
  // so correctly rounded means exact); `/` is exact that way only for 32-bit operands.
  if (r > -TWO_53 && r < TWO_53 && (op !== '/' || (a <= INT_MAX && a >= INT_MIN && b <= INT_MAX && b >= INT_MIN))) return r + 0;
  return longSlow(op, a, b, fail);
}

/** Java int arithmetic over two 32-bit values (their double result is exact when it fits 32 bits). */
function intOp(op: ArithOp, a: number, b: number, fail: Fail): number | null {
  if ((op === '/' || op === '%') && b === 0) return fail('/ by zero');
  if (op === '/') {
    const q = Math.trunc(a / b);
    // Integer.MIN_VALUE / -1 wraps to itself in Java (JLS 15.17.2).
    return q === 2147483648 ? INT_MIN : q + 0;
  }
  const r = doubleOp(op, a, b);
  if (op === '%') return r + 0;
  return r < INT_MIN || r > INT_MAX ? fail('integer overflow') : r;
}

/**
 * The operation for operands whose static kinds widen to `kind`. Integer overflow and integer
 * division by zero call `fail` (the query fails, as in Elasticsearch); doubles follow IEEE 754.
 * With kind 'unknown' each pair of values decides: two integral numbers are longs.
 */
export function arithmeticFn(op: ArithOp, kind: NumKind, fail: Fail): BinaryFn {
  if (kind === 'double') return (a, b) => doubleOp(op, a, b);
  if (kind === 'int') return (a, b) => intOp(op, a, b, fail);
  // long, or unknown (two integral values are longs). For + - * a double result strictly
  // inside ±2^53 is also the exact long result, so the hot path is one operation and one test.
  const beyond = (r: number, a: number, b: number): number | null => (isLongValue(a) && isLongValue(b) ? longSlow(op, a, b, fail) : r);
  switch (op) {
    case '+':
      return (a, b) => {
        const r = a + b;
        return r > -TWO_53 && r < TWO_53 ? r : beyond(r, a, b);
      };
    case '-':
      return (a, b) => {
        const r = a - b;
        return r > -TWO_53 && r < TWO_53 ? r : beyond(r, a, b);
      };
    case '*':
      return (a, b) => {
        const r = a * b;
        return r > -TWO_53 && r < TWO_53 ? r : beyond(r, a, b);
      };
    default:
      if (kind === 'long') return (a, b) => longOp(op, a, b, fail);
      return (a, b) => (isLongValue(a) && isLongValue(b) ? longOp(op, a, b, fail) : doubleOp(op, a, b));
  }
}

/** One operation, unspecialised (tests, constant folding). */
export function arithmetic(op: ArithOp, a: number, b: number, kind: NumKind, fail: Fail): number | null {
  return arithmeticFn(op, kind, fail)(a, b);
}

/**
 * Unary minus, QL's `Arithmetics.negate`: `Math.negateExact` for int and long. For doubles it
 * throws "double overflow" on `Double.MIN_VALUE` (the smallest positive double) — a quirk of
 * that source, kept so answers agree.
 */
export function negate(v: number, kind: NumKind, fail: Fail): number | null {
  return negateFn(kind, fail)(v);
}

/** `negate` specialised once per call site. */
export function negateFn(kind: NumKind, fail: Fail): (v: number) => number | null {
  switch (kind) {
    case 'double':
      return (v) => (v === Number.MIN_VALUE ? fail('double overflow') : -v);
    case 'int':
      return (v) => (v === INT_MIN ? fail('integer overflow') : 0 - v);
    case 'long':
      return (v) => (v <= -TWO_63 ? fail('long overflow') : 0 - v);
    case 'unknown':
      return (v) => {
        if (v > -TWO_53 && v < TWO_53 && Number.isInteger(v)) return 0 - v;
        if (!isLongValue(v)) return v === Number.MIN_VALUE ? fail('double overflow') : -v;
        return v <= -TWO_63 ? fail('long overflow') : 0 - v;
      };
  }
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/** The value of a Unicode decimal digit (Nd digits come in runs of ten from zero), else -1. */
function unicodeDigit(code: number): number {
  if (!DECIMAL_DIGIT.test(String.fromCharCode(code))) return -1;
  let k = 0;
  while (k < 40 && DECIMAL_DIGIT.test(String.fromCharCode(code - k - 1))) k++;
  return k % 10;
}

/**
 * `Character.digit(ch, radix)` on one UTF-16 unit, as Long.parseLong calls it: ASCII digits and
 * letters, the fullwidth Latin letters, and any Unicode decimal digit (`"١٢"` is 12).
 */
function digitOf(code: number, radix: number): number {
  let d = -1;
  if (code >= 48 && code <= 57) d = code - 48;
  else if (code >= 97 && code <= 122) d = code - 87;
  else if (code >= 65 && code <= 90) d = code - 55;
  else if (code >= 0xff21 && code <= 0xff3a) d = code - 0xff21 + 10;
  else if (code >= 0xff41 && code <= 0xff5a) d = code - 0xff41 + 10;
  else if (code > 127) d = unicodeDigit(code);
  return d < radix ? d : -1;
}

/**
 * `Long.parseLong(s, radix)`: an optional sign then at least one digit, nothing else (no
 * whitespace, no `_`, no suffix); null when that is not the form or the value leaves the long
 * range. Digits are read per UTF-16 unit, as Java does (so no supplementary-plane digits).
 */
export function parseJavaLong(s: string, radix: number): number | null {
  let i = 0;
  let negative = false;
  if (s[0] === '+' || s[0] === '-') {
    negative = s[0] === '-';
    i = 1;
  }
  if (i >= s.length) return null;
  // Up to 15 decimal digits stay below 2^53: exact without BigInt.
  if (radix === 10 && s.length - i <= 15) {
    let n = 0;
    for (; i < s.length; i++) {
      const d = digitOf(s.charCodeAt(i), 10);
      if (d < 0) return null;
      n = n * 10 + d;
    }
    return negative ? 0 - n : n;
  }
  let n = 0n;
  const r = BigInt(radix);
  for (; i < s.length; i++) {
    const d = digitOf(s.charCodeAt(i), radix);
    if (d < 0) return null;
    n = n * r + BigInt(d);
    if (n > LONG_MAX + 1n) return null;
  }
  if (negative) n = -n;
  return n < LONG_MIN || n > LONG_MAX ? null : Number(n);
}

// Double.valueOf's grammar (java.lang.Double#valueOf javadoc), decimal part; hex floating point
// (`0x1.8p1`) is handled apart. Leading and trailing characters <= U+0020 are trimmed first.
const JAVA_DECIMAL = /^[+-]?(?:(NaN|Infinity)|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const JAVA_HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  return s.slice(start, end);
}

/** `Double.valueOf(s)`; null where Java throws NumberFormatException. */
export function parseJavaDouble(s: string): number | null {
  const t = javaTrim(s);
  const m = JAVA_DECIMAL.exec(t);
  if (m) {
    const special = m[1];
    const negative = t[0] === '-';
    if (special === 'NaN') return NaN;
    if (special === 'Infinity') return negative ? -Infinity : Infinity;
    // Number() reads the same decimal grammar once the type suffix is gone; Double.valueOf
    // treats `f`/`d` as syntax only and still parses the digits as a double.
    const v = Number(t.replace(/[fFdD]$/, ''));
    return Object.is(v, 0) && negative ? -0 : v;
  }
  const h = JAVA_HEX_FLOAT.exec(t);
  if (h) {
    const [, sign, whole, frac = '', exp] = h;
    if (whole === '' && frac === '') return null;
    const mantissa = parseInt(whole + frac || '0', 16);
    const v = mantissa * 2 ** (Number(exp) - 4 * frac.length);
    return sign === '-' ? -v : v;
  }
  return null;
}

export type NumberParse = { value: number; kind: 'long' | 'double' } | { error: string };

/**
 * EQL `number(s[, base])`, as `ToNumberFunctionProcessor.doProcess`: a `0x` prefix (lower-case
 * x, at the very start) selects base 16 when no base is given and is stripped in base 16;
 * base 10 is `Long.valueOf` then `Double.valueOf`; other bases are `Long.parseLong(s, base)`.
 */
export function parseEqlNumber(s: string, base: number | null): NumberParse {
  const hexPrefix = s.startsWith('0x');
  const radix = base ?? (hexPrefix ? 16 : 10);
  const text = hexPrefix && radix === 16 ? s.slice(2) : s;
  if (radix === 10) {
    const asLong = parseJavaLong(text, 10);
    if (asLong !== null) return { value: asLong, kind: 'long' };
    const asDouble = parseJavaDouble(text);
    if (asDouble !== null) return { value: asDouble, kind: 'double' };
  } else if (radix >= 2 && radix <= 36) {
    const asLong = parseJavaLong(text, radix);
    if (asLong !== null) return { value: asLong, kind: 'long' };
  }
  return { error: `Unable to convert [${text}] to number of base [${radix}]` };
}
