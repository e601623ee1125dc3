/**
 * EQL functions with Elasticsearch's semantics: names are case-insensitive, `~` makes the
 * string functions case-insensitive, and a null argument gives null.
 */
import { javaToString } from './java.ts';
import { cidrContains, parseCidr, parseIp } from './ip.ts';
import type { Cidr } from './ip.ts';
import { isNullish } from './values.ts';

/** What the compiler knows about an argument when it builds the call. */
export interface ArgInfo {
  /** The value when it is a compile-time constant. */
  constant?: { value: unknown };
  /** True when the argument is statically a double (prints as `1.0`). */
  isDouble: boolean;
}

/** A function implementation over evaluated (scalar) arguments. */
export type FunctionImpl = (args: unknown[]) => unknown;

export interface FunctionSpec {
  name: string;
  minArgs: number;
  maxArgs: number; // -1 = unbounded
  /** Accepts the `~` suffix. */
  caseAware: boolean;
  /** Boolean result that matches any value of a multi-valued first argument (pushed down to Lucene). */
  matchAny?: boolean;
  /** Static result type. */
  result: 'boolean' | 'string' | 'int' | 'number';
  build(args: ArgInfo[], caseInsensitive: boolean): FunctionImpl | string;
}

function str(v: unknown): string | null {
  if (isNullish(v)) return null;
  return typeof v === 'string' ? v : javaToString(v);
}

function lowerIf(s: string, ci: boolean): string {
  return ci ? s.toLowerCase() : s;
}

/** Java integer arithmetic (truncating division, dividend-signed remainder) unless a double is involved. */
export function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: number, b: number, isDouble: boolean): number | null {
  const ints = !isDouble && Number.isInteger(a) && Number.isInteger(b);
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (ints) return b === 0 ? null : Math.trunc(a / b);
      return a / b;
    case '%':
      if (ints) return b === 0 ? null : (a % b) + 0;
      return a % b;
  }
}

function arithSpec(name: string, op: '+' | '-' | '*' | '/' | '%'): FunctionSpec {
  return {
    name, minArgs: 2, maxArgs: 2, caseAware: false, result: 'number',
    build(args) {
      const isDouble = args.some((a) => a.isDouble);
      return ([a, b]) => (typeof a === 'number' && typeof b === 'number' ? arithmetic(op, a, b, isDouble) : null);
    },
  };
}

function pythonIndex(i: number, len: number): number {
  if (i < 0) return Math.max(0, len + i);
  return Math.min(i, len);
}

/** `number(s[, base])`: Java Long.parseLong, falling back to Double.parseDouble in base 10. */
export function parseNumber(s: string, base: number | null): number | null {
  let t = s.trim();
  let sign = 1;
  if (t.startsWith('+') || t.startsWith('-')) {
    if (t.startsWith('-')) sign = -1;
    t = t.slice(1);
  }
  let radix = base ?? 10;
  if ((base === null || base === 16) && /^0x/i.test(t)) {
    radix = 16;
    t = t.slice(2);
  }
  if (t === '') return null;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  const lower = t.toLowerCase();
  let isInt = radix >= 2 && radix <= 36;
  for (let i = 0; isInt && i < lower.length; i++) if (!digits.includes(lower[i])) isInt = false;
  if (isInt) return sign * parseInt(lower, radix);
  if (radix !== 10) return null;
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(t)) return null;
  return sign * parseFloat(t);
}

const SPECS: FunctionSpec[] = [
  arithSpec('add', '+'),
  arithSpec('subtract', '-'),
  arithSpec('multiply', '*'),
  arithSpec('divide', '/'),
  arithSpec('modulo', '%'),
  {
    name: 'between', minArgs: 3, maxArgs: 4, caseAware: true, result: 'string',
    build(args, ci) {
      const greedyArg = args[3]?.constant;
      if (args[3] && !greedyArg) return 'the fourth argument of [between] must be a boolean literal';
      const greedy = greedyArg?.value === true;
      return ([src, left, right]) => {
        const s = str(src);
        const l = str(left);
        const r = str(right);
        if (s === null || l === null || r === null) return null;
        const hay = lowerIf(s, ci);
        let start = hay.indexOf(lowerIf(l, ci));
        if (start < 0) return '';
        start += l.length;
        const needle = lowerIf(r, ci);
        const end = greedy ? hay.lastIndexOf(needle) : hay.indexOf(needle, start);
        if (end < 0 || end < start) return '';
        return s.slice(start, end);
      };
    },
  },
  {
    name: 'cidrMatch', minArgs: 2, maxArgs: -1, caseAware: false, matchAny: true, result: 'boolean',
    build(args) {
      const blocks: (Cidr | null)[] = [];
      for (const a of args.slice(1)) {
        if (!a.constant) return 'the CIDR arguments of [cidrMatch] must be literals';
        const v = a.constant.value;
        if (isNullish(v)) blocks.push(null);
        else {
          const c = parseCidr(String(v));
          if (!c) return `[${String(v)}] is not a valid CIDR block`;
          blocks.push(c);
        }
      }
      return ([ip]) => {
        if (isNullish(ip) || blocks.includes(null)) return null;
        const bytes = parseIp(String(ip));
        if (!bytes) return false;
        for (const b of blocks) if (cidrContains(b!, bytes)) return true;
        return false;
      };
    },
  },
  {
    name: 'concat', minArgs: 1, maxArgs: -1, caseAware: false, result: 'string',
    build(args) {
      const doubles = args.map((a) => a.isDouble);
      return (vals) => {
        let out = '';
        for (let i = 0; i < vals.length; i++) {
          if (isNullish(vals[i])) return null;
          out += javaToString(vals[i], doubles[i]);
        }
        return out;
      };
    },
  },
  {
    name: 'endsWith', minArgs: 2, maxArgs: 2, caseAware: true, matchAny: true, result: 'boolean',
    build(_args, ci) {
      return ([a, b]) => {
        const s = str(a), t = str(b);
        return s === null || t === null ? null : lowerIf(s, ci).endsWith(lowerIf(t, ci));
      };
    },
  },
  {
    name: 'indexOf', minArgs: 2, maxArgs: 3, caseAware: true, result: 'int',
    build(_args, ci) {
      return ([a, b, c]) => {
        const s = str(a), t = str(b);
        if (s === null || t === null) return null;
        let start = 0;
        if (c !== undefined && c !== null) {
          if (typeof c !== 'number') return null;
          start = Math.max(0, Math.trunc(c));
        }
        if (start > s.length) return null;
        const i = lowerIf(s, ci).indexOf(lowerIf(t, ci), start);
        return i < 0 ? null : i;
      };
    },
  },
  {
    name: 'length', minArgs: 1, maxArgs: 1, caseAware: false, result: 'int',
    build() {
      return ([a]) => {
        const s = str(a);
        return s === null ? null : s.length;
      };
    },
  },
  {
    name: 'number', minArgs: 1, maxArgs: 2, caseAware: false, result: 'number',
    build(args) {
      if (args[1] && !args[1].constant) return 'the base of [number] must be a literal';
      const baseValue = args[1]?.constant?.value;
      if (baseValue !== undefined && baseValue !== null && (typeof baseValue !== 'number' || !Number.isInteger(baseValue) || baseValue < 2 || baseValue > 36)) {
        return `invalid base [${String(baseValue)}] for [number]`;
      }
      const base = typeof baseValue === 'number' ? baseValue : null;
      return ([a]) => {
        const s = str(a);
        return s === null ? null : parseNumber(s, base);
      };
    },
  },
  {
    name: 'startsWith', minArgs: 2, maxArgs: 2, caseAware: true, matchAny: true, result: 'boolean',
    build(_args, ci) {
      return ([a, b]) => {
        const s = str(a), t = str(b);
        return s === null || t === null ? null : lowerIf(s, ci).startsWith(lowerIf(t, ci));
      };
    },
  },
  {
    name: 'string', minArgs: 1, maxArgs: 1, caseAware: false, result: 'string',
    build(args) {
      const isDouble = args[0].isDouble;
      return ([a]) => (isNullish(a) ? null : javaToString(a, isDouble));
    },
  },
  {
    name: 'stringContains', minArgs: 2, maxArgs: 2, caseAware: true, matchAny: true, result: 'boolean',
    build(_args, ci) {
      return ([a, b]) => {
        const s = str(a), t = str(b);
        return s === null || t === null ? null : lowerIf(s, ci).includes(lowerIf(t, ci));
      };
    },
  },
  {
    name: 'substring', minArgs: 2, maxArgs: 3, caseAware: false, result: 'string',
    build() {
      return ([a, b, c]) => {
        const s = str(a);
        if (s === null) return null;
        if (typeof b !== 'number') return null;
        const start = pythonIndex(Math.trunc(b), s.length);
        const end = c === undefined || c === null ? s.length : typeof c === 'number' ? pythonIndex(Math.trunc(c), s.length) : s.length;
        return start >= end ? '' : s.slice(start, end);
      };
    },
  },
];

const BY_NAME = new Map(SPECS.map((s) => [s.name.toLowerCase(), s]));

export function lookupFunction(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export function functionNames(): string[] {
  return SPECS.map((s) => s.name);
}
