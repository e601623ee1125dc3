/**
 * Checks on untrusted TOML that the parser lets through but the rest of the program cannot
 * take: values nested deeper than any walk over rule data should recurse, and integers that a
 * JS number cannot hold exactly (@iarna/toml wraps them at 64 bits: 2^64 + 1 reads as 1).
 *
 * Both are errors at their position; the loader then gives no data, as for a syntax error, so
 * no validator, formatter or form ever sees the value and no writer can save a different one.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { KeySpan } from './types.ts';
import { formatPath, type PathSegment } from './toml-path.ts';
import { LineIndex } from '../line-index.ts';

/**
 * Deepest nesting of tables and arrays accepted in a rule. Real rules reach 8 (Kibana filters
 * a few more); walks over data this deep are safe in any JS stack.
 */
export const MAX_NESTING = 64;

/** Parsed TOML as @iarna/toml returns it (null-prototype tables, bigint integers). */
type Parsed = unknown;

/**
 * The path to the first value nested deeper than `limit` tables and arrays, or null. Iterative,
 * so it answers for any depth.
 */
export function pathTooDeep(value: Parsed, limit = MAX_NESTING): PathSegment[] | null {
  interface Frame {
    value: unknown;
    depth: number;
    parent: Frame | null;
    segment: PathSegment | null;
  }
  const stack: Frame[] = [{ value, depth: 0, parent: null, segment: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (v === null || typeof v !== 'object' || v instanceof Date) continue;
    if (frame.depth >= limit) {
      const path: PathSegment[] = [];
      for (let f: Frame | null = frame; f && f.segment !== null; f = f.parent) path.push(f.segment);
      return path.reverse();
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth: frame.depth + 1, parent: frame, segment: i });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        stack.push({ value: (v as Record<string, unknown>)[k], depth: frame.depth + 1, parent: frame, segment: k });
      }
    }
  }
  return null;
}

/**
 * Offset of the first `[` or `{` inside a value that opens more than `limit` levels, skipping
 * strings and comments; -1 when there is none. Table headers (`[a]`, `[[a]]`) open and close
 * on their line, so they never reach the limit.
 */
export function deepBracketOffset(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return i;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (depth > 0) depth--;
    } else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? len : nl;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      i = endOfString(text, i) - 1;
    }
  }
  return -1;
}

/** Index one past the string starting at `start` (basic, literal, or multi-line of either). */
function endOfString(text: string, start: number): number {
  const q = text.charCodeAt(start);
  const triple = text.charCodeAt(start + 1) === q && text.charCodeAt(start + 2) === q;
  const len = text.length;
  let i = start + (triple ? 3 : 1);
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */ && q === 34) i += 2;
    else if (c === q && (!triple || (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q))) {
      return i + (triple ? 3 : 1);
    } else if (c === 10 && !triple)
      return i; // unterminated: the parser has said so already
    else i++;
  }
  return len;
}

/** The 'toml/too-deep' diagnostic for the value at `path`, reported at `offset`. */
export function tooDeepDiagnostic(text: string, path: PathSegment[], offset: number, limit = MAX_NESTING): Diagnostic {
  const shown = shownPath(path);
  const { line } = new LineIndex(text).position(offset);
  return {
    severity: 'error',
    code: 'toml/too-deep',
    source: 'toml',
    message: `Value nested too deep (more than ${limit} levels of tables and arrays) at ${shown}, line ${line}; the rule cannot be read.`,
    path: shown,
    range: { start: offset, end: Math.min(offset + 1, text.length) },
  };
}

/** The path to the key holding the deep value: its leading keys, without the chain of indices. */
function shownPath(path: PathSegment[]): string {
  let keys = 0;
  let end = 0;
  for (let i = 0; i < path.length && keys < 8; i++) {
    if (typeof path[i] === 'string') {
      keys++;
      end = i + 1;
    }
  }
  const head = formatPath(path.slice(0, Math.max(end, 1)));
  return head === '' ? '(top level)' : head;
}

const INTEGER = /^[+-]?(?:0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9_]+)$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** 'toml/integer-range' for every integer literal a JS number cannot hold exactly. */
export function integerRangeDiagnostics(text: string, spans: Map<string, KeySpan>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const span of spans.values()) {
    const { start, end } = span.valueRange;
    // Under 16 characters every integer literal is safe; strings, arrays and tables start with
    // a quote or bracket and are skipped at the first character.
    if (end - start < 16) continue;
    const first = text.charCodeAt(start);
    if (!((first >= 48 && first <= 57) || first === 43 || first === 45)) continue;
    const literal = text.slice(start, end);
    if (!INTEGER.test(literal)) continue;
    if (!outOfRange(literal)) continue;
    out.push({
      severity: 'error',
      code: 'toml/integer-range',
      source: 'toml',
      message: `The integer ${literal} at ${span.path} is outside the range that can be kept exactly (±${Number.MAX_SAFE_INTEGER}); it would be read as a different number.`,
      path: span.path,
      range: { start, end },
    });
  }
  return out;
}

function outOfRange(literal: string): boolean {
  let digits = literal.replaceAll('_', '');
  let negative = false;
  if (digits[0] === '+' || digits[0] === '-') {
    negative = digits[0] === '-';
    digits = digits.slice(1);
  }
  let n: bigint;
  try {
    n = BigInt(digits);
  } catch {
    return false;
  }
  return (negative ? -n : n) > MAX_SAFE || (negative ? -n : n) < -MAX_SAFE;
}
