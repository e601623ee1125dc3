/**
 * Java's rendering of values, which Elasticsearch uses for `string()`, `concat()` and
 * `join_keys`: doubles print as `1.0`, `1.0E10`, `1.0E-4`; integers and longs as digits.
 */

/** `Double.toString(d)`. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    // String() may still use exponent form for tiny values in this range? It does not: JS
    // switches to exponents below 1e-6 only; the range above is always positional.
    return s.includes('.') ? s : s + '.0';
  }
  // Shortest round-trip digits, Java's E notation: mantissa always has a fraction part. Java
  // (JDK 19+) never picks a one-digit decimal: it takes the two-digit one closest to the value,
  // which differs from "d.0" only for the coarsest subnormals (Double.MIN_VALUE is 4.9E-324).
  let [mantissa, exp] = d.toExponential().split('e');
  if (!mantissa.includes('.')) [mantissa, exp] = d.toExponential(1).split('e');
  const m = mantissa.includes('.') ? mantissa : mantissa + '.0';
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/**
 * Java `toString` of a value whose numeric kind is known (`isDouble`) or inferred. A list is
 * `[a, b]`; lists nested in it are written with a stack of their own, not by recursion: an
 * event's field may nest them arbitrarily deep.
 */
export function javaToString(v: unknown, isDouble = false): string {
  if (!Array.isArray(v)) return scalarToString(v, isDouble);
  let out = '[';
  const lists: unknown[][] = [v];
  const next: number[] = [0];
  while (lists.length > 0) {
    const top = lists.length - 1;
    if (next[top] === lists[top].length) {
      out += ']';
      lists.pop();
      next.pop();
      continue;
    }
    if (next[top] > 0) out += ', ';
    const x = lists[top][next[top]++];
    if (Array.isArray(x)) {
      out += '[';
      lists.push(x);
      next.push(0);
    } else out += scalarToString(x, isDouble);
  }
  return out;
}

function scalarToString(v: unknown, isDouble: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') {
    if (isDouble || !Number.isInteger(v)) return javaDoubleToString(v);
    return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}
