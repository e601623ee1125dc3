/**
 * A small declarative schema for TOML tables: the load layer's types, required keys, patterns,
 * enums, ranges and unknown keys, checked the way detection-rules' marshmallow schemas check
 * them (each key on its own, every problem reported, no stop at the first one).
 */
import { getOwn } from '../own-key.ts';
import type { TomlTable, TomlValue } from '../types.ts';
import type { Reporter } from './report.ts';
import { describeType, isTable, show } from './values.ts';
import { childPath } from '../toml-path.ts';

/** A regex a string must match, with the code suffix and the wording of what it expects. */
export interface PatternSpec {
  re: RegExp;
  /** Appended to 'rule/load/': 'date-format', 'uuid', 'url'… */
  code: string;
  /** Completes "must be …": 'a date written YYYY/MM/DD'. */
  expected: string;
}

interface Common {
  required?: boolean;
}
export interface StringSpec extends Common {
  kind: 'string';
  pattern?: PatternSpec;
  enum?: readonly string[];
  nonEmpty?: boolean;
}
export interface IntSpec extends Common {
  kind: 'int';
  min?: number;
  max?: number;
}
export interface BoolSpec extends Common {
  kind: 'bool';
}
export interface StringListSpec extends Common {
  kind: 'strings';
  item?: StringSpec;
  minItems?: number;
  maxItems?: number;
}
/** A string or a list of strings (`metadata.integration`, `machine_learning_job_id`). */
export interface StringOrListSpec extends Common {
  kind: 'string-or-strings';
}
export interface TableSpec extends Common {
  kind: 'table';
  /** Omitted: a free-form table (only its type is checked). */
  fields?: Fields;
  /** Keys beyond `fields` are allowed (the schema is only partly known). */
  open?: boolean;
}
export interface TableListSpec extends Common {
  kind: 'tables';
  fields?: Fields;
  open?: boolean;
  minItems?: number;
  maxItems?: number;
}
/** Anything goes (free-form lists such as `actions`). */
export interface AnySpec extends Common {
  kind: 'any';
}
export type FieldSpec = StringSpec | IntSpec | BoolSpec | StringListSpec | StringOrListSpec | TableSpec | TableListSpec | AnySpec;
export type Fields = Readonly<Record<string, FieldSpec>>;

const EXPECTED: Record<FieldSpec['kind'], string> = {
  string: 'a string',
  int: 'an integer',
  bool: 'a boolean (true or false)',
  strings: 'a list of strings',
  'string-or-strings': 'a string or a list of strings',
  table: 'a table',
  tables: 'a list of tables',
  any: 'a value',
};

/** Describes where a table's keys come from, for messages: 'in [rule] of an eql rule'. */
export interface TableContext {
  label: string;
}

export function validateTable(table: TomlTable, fields: Fields, path: string, r: Reporter, ctx: TableContext, open = false): void {
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && getOwn(table, key) === undefined) {
      r.error('rule/load/missing-field', childPath(path, key), `Required field \`${key}\` is missing ${ctx.label}; add it.`, 'key');
    }
  }
  for (const [key, value] of Object.entries(table)) {
    // Own keys only: a user's `constructor` or `toString` is not a field spec inherited from
    // Object.prototype, it is an unknown field.
    const spec = getOwn(fields, key);
    const keyPath = childPath(path, key);
    if (!spec) {
      if (open) continue;
      const hint = closest(key, Object.keys(fields));
      r.error(
        'rule/load/unknown-field',
        keyPath,
        `Unknown field \`${key}\` ${ctx.label}; ${hint ? `did you mean \`${hint}\`?` : 'remove it or check its spelling.'}`,
        'key',
      );
      continue;
    }
    validateValue(value, spec, keyPath, r);
  }
}

export function validateValue(value: TomlValue, spec: FieldSpec, path: string, r: Reporter): void {
  switch (spec.kind) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') return wrongType(value, spec, path, r);
      return checkString(value, spec, path, r);
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType(value, spec, path, r);
      return checkRange(value, spec, path, r);
    case 'bool':
      if (typeof value !== 'boolean') return wrongType(value, spec, path, r);
      return;
    case 'string-or-strings':
      if (typeof value === 'string') return;
      if (!Array.isArray(value)) return wrongType(value, spec, path, r);
      value.forEach((item, i) => {
        if (typeof item !== 'string') wrongType(item, { kind: 'string' }, `${path}[${i}]`, r);
      });
      return;
    case 'strings':
      if (!Array.isArray(value)) return wrongType(value, spec, path, r);
      checkCount(value.length, spec, path, r);
      value.forEach((item, i) => {
        if (typeof item !== 'string') wrongType(item, { kind: 'string' }, `${path}[${i}]`, r);
        else if (spec.item) checkString(item, spec.item, `${path}[${i}]`, r);
      });
      return;
    case 'table':
      if (!isTable(value)) return wrongType(value, spec, path, r);
      if (spec.fields) validateTable(value, spec.fields, path, r, { label: `in \`${path}\`` }, spec.open);
      return;
    case 'tables':
      if (!Array.isArray(value)) return wrongType(value, spec, path, r);
      checkCount(value.length, spec, path, r);
      value.forEach((item, i) => {
        const itemPath = `${path}[${i}]`;
        if (!isTable(item)) wrongType(item, { kind: 'table' }, itemPath, r);
        else if (spec.fields) validateTable(item, spec.fields, itemPath, r, { label: `in \`${itemPath}\`` }, spec.open);
      });
      return;
  }
}

function checkString(value: string, spec: StringSpec, path: string, r: Reporter): void {
  if (spec.nonEmpty && value.trim() === '') {
    r.error('rule/load/empty', path, `\`${path}\` is empty; give it a value or remove the key.`);
    return;
  }
  if (spec.enum && !spec.enum.includes(value)) {
    const hint = closest(value, spec.enum);
    const choices = spec.enum.length === 1 ? `must be ${show(spec.enum[0])}` : `must be one of ${spec.enum.join(', ')}`;
    r.error('rule/load/enum', path, `\`${path}\` is ${show(value)} but ${choices}${hint ? `; did you mean ${show(hint)}?` : '.'}`);
    return;
  }
  if (spec.pattern && !spec.pattern.re.test(value)) {
    r.error(`rule/load/${spec.pattern.code}`, path, `\`${path}\` is ${show(value)} but must be ${spec.pattern.expected}; rewrite it in that form.`);
  }
}

function checkRange(value: number, spec: IntSpec, path: string, r: Reporter): void {
  const { min, max } = spec;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const bounds = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
    r.error('rule/load/range', path, `\`${path}\` is ${value} but must be ${bounds}; change it to a value in that range.`);
  }
}

function checkCount(count: number, spec: { minItems?: number; maxItems?: number }, path: string, r: Reporter): void {
  const { minItems: min, maxItems: max } = spec;
  if ((min !== undefined && count < min) || (max !== undefined && count > max)) {
    const bounds = min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
    r.error('rule/load/length', path, `\`${path}\` has ${count} item${count === 1 ? '' : 's'} but needs ${bounds}; add or remove items.`);
  }
}

function wrongType(value: TomlValue, spec: FieldSpec, path: string, r: Reporter): void {
  const fix = spec.kind === 'string' && value instanceof Date ? 'wrap it in double quotes' : `change it to ${EXPECTED[spec.kind]}`;
  r.error('rule/load/type', path, `\`${path}\` must be ${EXPECTED[spec.kind]} but is ${describeType(value)}; ${fix}.`);
}

/** The candidate within a small edit distance of `word`, to suggest for a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
