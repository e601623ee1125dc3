/**
 * THE Elasticsearch EQL function registry (eql-semantics §7; Elasticsearch's
 * `EqlFunctionRegistry`). Each function is one entry: name, parameters (which give the arity and
 * the argument types), result type, whether `~` is allowed, documentation with an example, and
 * the implementation. Every consumer derives from this table:
 *   - the checker (src/eql/check/analyze.ts): unknown functions, arity, argument types, `~`;
 *   - completion, hover and signature help (src/eql/check/service.ts);
 *   - the evaluator (src/eql/run/compile.ts `compileCall`).
 *
 * Adding a function touches this file only (one entry in FUNCTIONS) plus its tests:
 * src/eql/functions/registry.test.ts runs every entry's example through the checker and the
 * evaluator, and checks that completion, hover and signature help offer it. Nothing else lists
 * function names; that test fails if another module starts to.
 */
import { cidrContains, parseCidr, parseIp } from '../run/ip.ts';
import type { Cidr } from '../run/ip.ts';
import { javaToString } from '../run/java.ts';
import { isNullish } from '../run/values.ts';
import { arithmeticFn, parseEqlNumber, widen } from './numbers.ts';
import type { ArithOp, Fail, NumKind } from './numbers.ts';

/** What a parameter accepts. 'value' is anything but text/object; 'literal-integer' must be written as a number. */
export type ParamKind = 'string' | 'number' | 'ip' | 'boolean' | 'value' | 'literal-integer';
export type ResultType = 'string' | 'number' | 'boolean';

export interface ParamDef {
  name: string;
  kind: ParamKind;
  optional?: boolean;
  /** The last parameter may repeat (cidrMatch, concat). */
  variadic?: boolean;
  doc: string;
}

/** What the evaluator knows about an argument when it builds the call. */
export interface ArgInfo {
  /** The value when it is a compile-time constant. */
  constant?: { value: unknown };
  /** The argument's Java number kind ('unknown' for non-numbers and values decided per event). */
  num: NumKind;
}

/** An implementation over evaluated (scalar) arguments. */
export type FunctionImpl = (args: unknown[]) => unknown;

export interface FunctionDef {
  /** Canonical spelling (lookups are case-insensitive, as in Elasticsearch). */
  name: string;
  params: ParamDef[];
  result: ResultType;
  /** The Java kind of a number result, from what is known of the arguments. */
  numKind?: (args: readonly ArgInfo[]) => NumKind;
  /** A `~` suffix (case-insensitive variant) is allowed. */
  caseAware: boolean;
  /** Description for hover, completion and signature help. */
  doc: string;
  nulls: string;
  /**
   * A call and its result as EQL literals, shown in the docs and checked by the registry test
   * (fields it reads come from EXAMPLE_EVENT).
   */
  example: { call: string; result: string };
  /** Boolean result that matches any value of a multi-valued first argument (pushed down to Lucene). */
  matchAny?: boolean;
  /**
   * Builds the implementation for one call site, or returns an error message (a literal that
   * must be a literal, a bad CIDR block…). `fail` reports a Java exception that fails the query.
   */
  build(args: readonly ArgInfo[], caseInsensitive: boolean, fail: Fail): FunctionImpl | string;
}

/** The event the examples' fields are read from. */
export const EXAMPLE_EVENT = {
  '@timestamp': 0,
  event: { category: 'process' },
  process: { name: 'cmd.exe', pid: 4321, executable: 'C:\\Windows\\System32\\cmd.exe' },
  source: { ip: '10.1.2.3' },
} as const;

// ---------------------------------------------------------------------------------------------
// Helpers shared by the entries

const s = (name: string, doc: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, kind: 'string', doc, ...extra });
const n = (name: string, doc: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, kind: 'number', doc, ...extra });

function str(v: unknown): string | null {
  if (isNullish(v)) return null;
  return typeof v === 'string' ? v : javaToString(v);
}

/** The `~` functions compare lower-cased strings, as Elasticsearch's scripts do (`toLowerCase(Locale.ROOT)`). */
function lowerIf(text: string, ci: boolean): string {
  return ci ? text.toLowerCase() : text;
}

function pythonIndex(i: number, len: number): number {
  if (i < 0) return Math.max(0, len + i);
  return Math.min(i, len);
}

const intResult = (): NumKind => 'int';

function arithmeticEntry(name: string, op: ArithOp, sign: string, example: FunctionDef['example'], extra = ''): FunctionDef {
  return {
    name,
    params: [n('a', 'A number.'), n('b', 'A number.')],
    result: 'number',
    numKind: (args) => widen(args[0].num, args[1].num),
    caseAware: false,
    doc: `Returns a ${sign} b.${extra} Integer overflow fails the query, as in Elasticsearch.`,
    nulls: 'Returns null if either argument is null.',
    example,
    build(args, _ci, fail) {
      const apply = arithmeticFn(op, widen(args[0].num, args[1].num), fail);
      return ([a, b]) => (typeof a === 'number' && typeof b === 'number' ? apply(a, b) : null);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The functions

export const FUNCTIONS: readonly FunctionDef[] = [
  arithmeticEntry('add', '+', '+', { call: 'add(4, 5)', result: '9' }),
  arithmeticEntry('subtract', '-', '−', { call: 'subtract(10, 2.5)', result: '7.5' }),
  arithmeticEntry('multiply', '*', '×', { call: 'multiply(process.pid, 2)', result: '8642' }),
  arithmeticEntry(
    'divide',
    '/',
    '÷',
    { call: 'divide(7, 2)', result: '3' },
    ' Integer division (truncated toward zero) when both are integers; an integer division by 0 fails the query.',
  ),
  arithmeticEntry('modulo', '%', '%', { call: 'modulo(-10, 6)', result: '-4' }, ' Java remainder: takes the sign of a.'),
  {
    name: 'between',
    params: [
      s('source', 'The string to search.'),
      s('left', 'The text before the substring.'),
      s('right', 'The text after the substring.'),
      { name: 'greedy', kind: 'boolean', optional: true, doc: 'Take up to the last `right` instead of the first (default false).' },
    ],
    result: 'string',
    caseAware: true,
    doc: 'Extracts the substring between `left` and `right`; "" if either is not found.',
    nulls: 'Returns null if `source` is null.',
    example: { call: 'between(process.executable, "System32\\\\", ".exe")', result: '"cmd"' },
    build(args, ci) {
      const greedyArg = args[3]?.constant;
      if (args[3] && !greedyArg) return 'the fourth argument of [between] must be a boolean literal';
      const greedy = greedyArg?.value === true;
      return ([src, left, right]) => {
        const text = str(src);
        const l = str(left);
        const r = str(right);
        if (text === null || l === null || r === null) return null;
        const hay = lowerIf(text, ci);
        let start = hay.indexOf(lowerIf(l, ci));
        if (start < 0) return '';
        start += l.length;
        const needle = lowerIf(r, ci);
        const end = greedy ? hay.lastIndexOf(needle) : hay.indexOf(needle, start);
        if (end < 0 || end < start) return '';
        return text.slice(start, end);
      };
    },
  },
  {
    name: 'cidrMatch',
    params: [{ name: 'ip', kind: 'ip', doc: 'An IP field.' }, s('cidr', 'One or more CIDR blocks, e.g. "10.0.0.0/8".', { variadic: true })],
    result: 'boolean',
    caseAware: false,
    matchAny: true,
    doc: 'True if the IP address is in any of the CIDR blocks (IPv4 and IPv6).',
    nulls: 'Returns null if the IP or a CIDR block is null.',
    example: { call: 'cidrMatch(source.ip, "10.0.0.0/8", "192.168.0.0/16")', result: 'true' },
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
    name: 'concat',
    params: [{ name: 'value', kind: 'value', variadic: true, doc: 'Values to join, converted with Java toString.' }],
    result: 'string',
    caseAware: false,
    doc: 'Concatenates the string form of every argument (doubles print as Java does: 2.0, 1.0E10).',
    nulls: 'Returns null if any argument is null.',
    example: { call: 'concat(process.name, ":", process.pid, " ", 2.0)', result: '"cmd.exe:4321 2.0"' },
    build(args) {
      const doubles = args.map((a) => a.num === 'double');
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
    name: 'endsWith',
    params: [s('source', 'The string to test.'), s('substring', 'The suffix.')],
    result: 'boolean',
    caseAware: true,
    matchAny: true,
    doc: 'True if `source` ends with `substring`.',
    nulls: 'Returns null if either argument is null.',
    example: { call: 'endsWith~(process.name, ".EXE")', result: 'true' },
    build(_args, ci) {
      return ([a, b]) => {
        const x = str(a),
          y = str(b);
        return x === null || y === null ? null : lowerIf(x, ci).endsWith(lowerIf(y, ci));
      };
    },
  },
  {
    name: 'indexOf',
    params: [
      s('source', 'The string to search.'),
      s('substring', 'The text to find.'),
      n('start', 'Where to start (default 0; negative counts as 0).', { optional: true }),
    ],
    result: 'number',
    numKind: intResult,
    caseAware: true,
    doc: 'The first index of `substring` at or after `start`.',
    nulls: 'Returns null if not found (not −1), or if any argument is null.',
    example: { call: 'indexOf(process.name, ".")', result: '3' },
    build(_args, ci) {
      return ([a, b, c]) => {
        const x = str(a),
          y = str(b);
        if (x === null || y === null) return null;
        let start = 0;
        if (c !== undefined && c !== null) {
          if (typeof c !== 'number') return null;
          start = Math.max(0, Math.trunc(c));
        }
        if (start > x.length) return null;
        const i = lowerIf(x, ci).indexOf(lowerIf(y, ci), start);
        return i < 0 ? null : i;
      };
    },
  },
  {
    name: 'length',
    params: [s('source', 'A string.')],
    result: 'number',
    numKind: intResult,
    caseAware: false,
    doc: 'The number of characters (UTF-16 units) in the string.',
    nulls: 'Returns null if the argument is null.',
    example: { call: 'length(process.name)', result: '7' },
    build() {
      return ([a]) => {
        const x = str(a);
        return x === null ? null : x.length;
      };
    },
  },
  {
    name: 'number',
    params: [
      s('source', 'A string holding a number; a 0x prefix means hex.'),
      { name: 'base', kind: 'literal-integer', optional: true, doc: 'The radix, as a literal (not a field).' },
    ],
    result: 'number',
    // A long when Long.valueOf accepts the text, else a double: known when the text is a
    // literal; otherwise decided per value (an integral double from a field then reads as a long).
    numKind: ([source, base]) => {
      const text = source.constant?.value;
      const radix = base?.constant ? base.constant.value : null;
      if (typeof text !== 'string' || (radix !== null && typeof radix !== 'number')) return 'unknown';
      const r = parseEqlNumber(text, radix);
      return 'error' in r ? 'unknown' : r.kind;
    },
    caseAware: false,
    doc: 'Parses a string as Java does: a long, else (base 10) a double — "2.50" is 2.5, "NaN" and "Infinity" are accepted. Text that does not parse fails the query, as in Elasticsearch.',
    nulls: 'Returns null if the argument is null.',
    example: { call: 'number("0x1F")', result: '31' },
    build(args, _ci, fail) {
      if (args[1] && !args[1].constant) return 'the base of [number] must be a literal';
      const baseValue = args[1]?.constant?.value;
      if (baseValue !== undefined && baseValue !== null && (typeof baseValue !== 'number' || !Number.isInteger(baseValue))) {
        return `invalid base [${String(baseValue)}] for [number]`;
      }
      const base = typeof baseValue === 'number' ? baseValue : null;
      return ([a]) => {
        if (isNullish(a)) return null;
        const r = parseEqlNumber(str(a)!, base);
        return 'error' in r ? fail(r.error) : r.value;
      };
    },
  },
  {
    name: 'startsWith',
    params: [s('source', 'The string to test.'), s('substring', 'The prefix.')],
    result: 'boolean',
    caseAware: true,
    matchAny: true,
    doc: 'True if `source` starts with `substring`.',
    nulls: 'Returns null if either argument is null.',
    example: { call: 'startsWith(process.executable, "C:\\\\Windows")', result: 'true' },
    build(_args, ci) {
      return ([a, b]) => {
        const x = str(a),
          y = str(b);
        return x === null || y === null ? null : lowerIf(x, ci).startsWith(lowerIf(y, ci));
      };
    },
  },
  {
    name: 'string',
    params: [{ name: 'value', kind: 'value', doc: 'Any value (not a text field).' }],
    result: 'string',
    caseAware: false,
    doc: 'Converts a value to a string as Java toString does: doubles print as 2.0, 1.0E10, 1.0E-5. The idiom for `:` on numbers: string(pid) : "4*".',
    nulls: 'Returns null if the argument is null.',
    example: { call: 'string(1e10)', result: '"1.0E10"' },
    build(args) {
      const isDouble = args[0].num === 'double';
      return ([a]) => (isNullish(a) ? null : javaToString(a, isDouble));
    },
  },
  {
    name: 'stringContains',
    params: [s('source', 'The string to search.'), s('substring', 'The text to find.')],
    result: 'boolean',
    caseAware: true,
    matchAny: true,
    doc: 'True if `source` contains `substring`.',
    nulls: 'Returns null if either argument is null.',
    example: { call: 'stringContains~(process.executable, "system32")', result: 'true' },
    build(_args, ci) {
      return ([a, b]) => {
        const x = str(a),
          y = str(b);
        return x === null || y === null ? null : lowerIf(x, ci).includes(lowerIf(y, ci));
      };
    },
  },
  {
    name: 'substring',
    params: [
      s('source', 'A string.'),
      n('start', 'Start offset; negative counts from the end.'),
      n('end', 'End offset (exclusive); negative counts from the end.', { optional: true }),
    ],
    result: 'string',
    caseAware: false,
    doc: 'A Python-style slice of the string.',
    nulls: 'Returns null if `source` is null.',
    example: { call: 'substring(process.name, -4)', result: '".exe"' },
    build() {
      return ([a, b, c]) => {
        const x = str(a);
        if (x === null) return null;
        if (typeof b !== 'number') return null;
        const start = pythonIndex(Math.trunc(b), x.length);
        const end = c === undefined || c === null ? x.length : typeof c === 'number' ? pythonIndex(Math.trunc(c), x.length) : x.length;
        return start >= end ? '' : x.slice(start, end);
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Lookups derived from the table

const BY_LOWER = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

/** Functions are looked up case-insensitively, as the Elasticsearch registry does. */
export function lookupFunction(name: string): FunctionDef | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/** Functions of the Python eql library (and old Elasticsearch) that Elasticsearch rejects today. */
export const UNSUPPORTED_FUNCTIONS: ReadonlyMap<string, string> = new Map(
  ['arrayContains', 'arrayCount', 'arraySearch', 'match', 'matchLite', 'safe', 'wildcard'].map((f) => [f.toLowerCase(), f]),
);

/** The functions that take `~`, for messages: "between, endsWith, … and stringContains". */
export function caseAwareNames(): string {
  const names = FUNCTIONS.filter((f) => f.caseAware)
    .map((f) => f.name)
    .sort((a, b) => a.localeCompare(b));
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function arityRange(def: FunctionDef): { min: number; max: number } {
  const min = def.params.filter((p) => !p.optional).length;
  const max = def.params.some((p) => p.variadic) ? Infinity : def.params.length;
  return { min, max };
}

/** The parameter an argument at `index` binds to (the variadic tail repeats). */
export function paramAt(def: FunctionDef, index: number): ParamDef | undefined {
  if (index < def.params.length) return def.params[index];
  const last = def.params[def.params.length - 1];
  return last?.variadic ? last : undefined;
}

export function paramLabel(p: ParamDef): string {
  return `${p.name}${p.optional ? '?' : ''}: ${p.kind === 'literal-integer' ? 'integer' : p.kind}`;
}

export function signatureLabel(def: FunctionDef): string {
  const params = def.params.map((p) => `${paramLabel(p)}${p.variadic ? ', …' : ''}`);
  return `${def.name}(${params.join(', ')}): ${def.result}`;
}

/** The Markdown shown by hover and completion. */
export function functionMarkdown(def: FunctionDef, caseInsensitive: boolean): string {
  const lines = [`\`${signatureLabel(def)}\``, def.doc, `Nulls: ${def.nulls}`];
  lines.push(`Example: \`${def.example.call}\` → \`${def.example.result}\``);
  if (def.caseAware)
    lines.push(caseInsensitive ? 'Called with `~`: case-insensitive.' : 'Case-sensitive; add `~` (`' + def.name + '~(…)`) for case-insensitive.');
  return lines.join('\n\n');
}
