/**
 * The Elasticsearch EQL function registry (eql-semantics §7): arity, parameter types, result
 * type, whether `~` is allowed, and documentation for hover and signature help.
 */

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

export interface FunctionDef {
  /** Canonical spelling (the registry is case-insensitive). */
  name: string;
  params: ParamDef[];
  result: ResultType;
  /** A `~` suffix (case-insensitive variant) is allowed. */
  caseAware: boolean;
  doc: string;
  nulls: string;
}

const s = (name: string, doc: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, kind: 'string', doc, ...extra });
const n = (name: string, doc: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, kind: 'number', doc, ...extra });

const arithmetic = (name: string, op: string, extra = ''): FunctionDef => ({
  name,
  params: [n('a', 'A number.'), n('b', 'A number.')],
  result: 'number',
  caseAware: false,
  doc: `Returns a ${op} b.${extra}`,
  nulls: 'Returns null if either argument is null.',
});

export const FUNCTIONS: readonly FunctionDef[] = [
  arithmetic('add', '+'),
  arithmetic('subtract', '−'),
  arithmetic('multiply', '×'),
  arithmetic('divide', '÷', ' Integer division (truncated toward zero) when both are integers; b must not be 0.'),
  arithmetic('modulo', '%', ' Java remainder: takes the sign of a.'),
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
  },
  {
    name: 'cidrMatch',
    params: [
      { name: 'ip', kind: 'ip', doc: 'An IP field.' },
      s('cidr', 'One or more CIDR blocks, e.g. "10.0.0.0/8".', { variadic: true }),
    ],
    result: 'boolean',
    caseAware: false,
    doc: 'True if the IP address is in any of the CIDR blocks (IPv4 and IPv6).',
    nulls: 'Returns null if the IP or a CIDR block is null.',
  },
  {
    name: 'concat',
    params: [{ name: 'value', kind: 'value', variadic: true, doc: 'Values to join, converted with Java toString.' }],
    result: 'string',
    caseAware: false,
    doc: 'Concatenates the string form of every argument.',
    nulls: 'Returns null if any argument is null.',
  },
  {
    name: 'endsWith',
    params: [s('source', 'The string to test.'), s('substring', 'The suffix.')],
    result: 'boolean',
    caseAware: true,
    doc: 'True if `source` ends with `substring`.',
    nulls: 'Returns null if either argument is null.',
  },
  {
    name: 'indexOf',
    params: [
      s('source', 'The string to search.'),
      s('substring', 'The text to find.'),
      n('start', 'Where to start (default 0; negative counts as 0).', { optional: true }),
    ],
    result: 'number',
    caseAware: true,
    doc: 'The first index of `substring` at or after `start`.',
    nulls: 'Returns null if not found (not −1), or if any argument is null.',
  },
  {
    name: 'length',
    params: [s('source', 'A string.')],
    result: 'number',
    caseAware: false,
    doc: 'The number of characters (UTF-16 units) in the string.',
    nulls: 'Returns null if the argument is null.',
  },
  {
    name: 'number',
    params: [s('source', 'A string holding a number; a 0x prefix means hex.'), { name: 'base', kind: 'literal-integer', optional: true, doc: 'The radix, as a literal (not a field).' }],
    result: 'number',
    caseAware: false,
    doc: 'Parses a string as an integer or a float.',
    nulls: 'Returns null if the argument is null.',
  },
  {
    name: 'startsWith',
    params: [s('source', 'The string to test.'), s('substring', 'The prefix.')],
    result: 'boolean',
    caseAware: true,
    doc: 'True if `source` starts with `substring`.',
    nulls: 'Returns null if either argument is null.',
  },
  {
    name: 'string',
    params: [{ name: 'value', kind: 'value', doc: 'Any value (not a text field).' }],
    result: 'string',
    caseAware: false,
    doc: 'Converts a value to a string (Java toString: doubles print as 1.0). The idiom for `:` on numbers: string(pid) : "4*".',
    nulls: 'Returns null if the argument is null.',
  },
  {
    name: 'stringContains',
    params: [s('source', 'The string to search.'), s('substring', 'The text to find.')],
    result: 'boolean',
    caseAware: true,
    doc: 'True if `source` contains `substring`.',
    nulls: 'Returns null if either argument is null.',
  },
  {
    name: 'substring',
    params: [s('source', 'A string.'), n('start', 'Start offset; negative counts from the end.'), n('end', 'End offset (exclusive); negative counts from the end.', { optional: true })],
    result: 'string',
    caseAware: false,
    doc: 'A Python-style slice of the string.',
    nulls: 'Returns null if `source` is null.',
  },
];

const BY_LOWER = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

/** Functions are looked up case-insensitively, as the Elasticsearch registry does. */
export function lookupFunction(name: string): FunctionDef | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

/** Functions of the Python eql library (and old Elasticsearch) that Elasticsearch rejects today. */
export const UNSUPPORTED_FUNCTIONS: ReadonlyMap<string, string> = new Map(
  ['arrayContains', 'arrayCount', 'arraySearch', 'match', 'matchLite', 'safe', 'wildcard'].map((f) => [f.toLowerCase(), f]),
);

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

export function signatureLabel(def: FunctionDef): string {
  const params = def.params.map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.kind === 'literal-integer' ? 'integer' : p.kind}${p.variadic ? ', …' : ''}`);
  return `${def.name}(${params.join(', ')}): ${def.result}`;
}
