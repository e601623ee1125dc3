/**
 * What an Elasticsearch index mapping changes for EQL: aliases, `null_value`, field types
 * (dates become millis, ip and version compare specially, numbers coerce), the exact
 * sub-field of `text` fields (with its `ignore_above`), and dynamic mapping of fields that
 * only appear in documents.
 */
import type { IndexMapping } from './types.ts';
import { dateParsers } from './dates.ts';

export type FieldType =
  | 'keyword'
  | 'wildcard'
  | 'constant_keyword'
  | 'text'
  | 'long'
  | 'integer'
  | 'short'
  | 'byte'
  | 'unsigned_long'
  | 'double'
  | 'float'
  | 'half_float'
  | 'scaled_float'
  | 'date'
  | 'date_nanos'
  | 'ip'
  | 'version'
  | 'boolean'
  | 'object'
  | 'unknown';

export interface FieldInfo {
  /** Dotted name after alias resolution. */
  name: string;
  path: string[];
  type: FieldType;
  nullValue?: unknown;
  /** Date parsers from every mapping that maps this field (indices may differ). */
  dateFormats?: string[];
  /** Values longer than this are not indexed in the exact (keyword) field. */
  ignoreAbove?: number;
  /** The type as the mapping writes it (`type` reads a text field as its exact sub-field, for EQL). */
  mappedType?: string;
  /** A keyword field's `normalizer`. */
  normalizer?: string;
  /** For a multi-field (`message.keyword`): the field whose value it indexes (`message`). */
  multiFieldOf?: string;
}

export interface FieldCatalog {
  /** Field info by dotted name (aliases resolved). */
  get(name: string): FieldInfo | undefined;
  /** True when a mapping was supplied (otherwise every field is dynamic). */
  readonly hasMapping: boolean;
}

interface RawField {
  type?: string;
  normalizer?: string;
  path?: string;
  null_value?: unknown;
  format?: string;
  ignore_above?: number;
  properties?: Record<string, RawField>;
  fields?: Record<string, RawField>;
}

const INTEGER_TYPES = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);
const FLOAT_TYPES = new Set(['double', 'float', 'half_float', 'scaled_float']);
const STRING_TYPES = new Set(['keyword', 'wildcard', 'constant_keyword', 'text', 'match_only_text']);

export function isIntegerType(t: FieldType | undefined): boolean {
  return t !== undefined && INTEGER_TYPES.has(t);
}
export function isFloatType(t: FieldType | undefined): boolean {
  return t !== undefined && FLOAT_TYPES.has(t);
}
export function isStringType(t: FieldType | undefined): boolean {
  return t !== undefined && STRING_TYPES.has(t);
}

/**
 * The `properties` of a mapping in any of its usual shapes: `{properties}`, `{mappings:{properties}}`
 * or a `GET a,b/_mapping` response `{"a":{"mappings":…},"b":{"mappings":…}}` (several indices).
 */
function propertiesOf(m: IndexMapping): Record<string, RawField>[] {
  const direct = (m as { properties?: Record<string, RawField> }).properties;
  if (direct) return [direct];
  const inner = (m as { mappings?: { properties?: Record<string, RawField> } }).mappings;
  if (inner?.properties) return [inner.properties];
  const out: Record<string, RawField>[] = [];
  for (const v of Object.values(m)) {
    const p = (v as { mappings?: { properties?: Record<string, RawField> } } | null)?.mappings?.properties;
    if (p) out.push(p);
  }
  return out;
}

/** Builds the catalog from one or several mappings (several = several indices searched together). */
export function buildCatalog(mapping: IndexMapping | IndexMapping[] | undefined): FieldCatalog {
  const fields = new Map<string, FieldInfo>();
  const aliases = new Map<string, string>();
  const list = mapping === undefined ? [] : Array.isArray(mapping) ? mapping : [mapping];

  const add = (name: string, raw: RawField, parent?: string): void => {
    const type = (raw.type ?? (raw.properties ? 'object' : 'unknown')) as FieldType;
    if (type === ('alias' as FieldType)) {
      if (raw.path) aliases.set(name, raw.path);
      return;
    }
    let info = fields.get(name);
    if (!info) {
      info = { name, path: name.split('.'), type };
      fields.set(name, info);
    }
    if (raw.null_value !== undefined && info.nullValue === undefined) info.nullValue = raw.null_value;
    info.mappedType ??= raw.type ?? (raw.properties ? 'object' : undefined);
    if (raw.normalizer !== undefined) info.normalizer ??= raw.normalizer;
    if (parent !== undefined) info.multiFieldOf ??= parent;
    if (type === 'date' || type === 'date_nanos') {
      // Each index may parse the field with its own format; keep them all.
      (info.dateFormats ??= []).push(raw.format ?? '');
    }
    if (type === 'text' && raw.fields) {
      // EQL works on the exact sub-field of a text field.
      for (const sub of Object.values(raw.fields)) {
        if (sub.type && sub.type !== 'text' && STRING_TYPES.has(sub.type)) {
          info.type = sub.type as FieldType;
          if (sub.ignore_above !== undefined) info.ignoreAbove = sub.ignore_above;
          break;
        }
      }
    } else if (raw.ignore_above !== undefined) {
      info.ignoreAbove = raw.ignore_above;
    }
    for (const [sub, subRaw] of Object.entries(raw.fields ?? {})) add(`${name}.${sub}`, subRaw, name);
  };

  const walk = (props: Record<string, RawField>, prefix: string): void => {
    for (const [key, raw] of Object.entries(props)) {
      const name = prefix + key;
      if (raw.properties) walk(raw.properties, name + '.');
      add(name, raw);
    }
  };
  for (const m of list) {
    for (const props of propertiesOf(m)) walk(props, '');
  }

  return {
    hasMapping: list.length > 0,
    get(name: string): FieldInfo | undefined {
      const target = aliases.get(name);
      if (target !== undefined) {
        const t = fields.get(target);
        return t ?? { name: target, path: target.split('.'), type: 'unknown' };
      }
      return fields.get(name);
    },
  };
}

/** Parsers for a date field: the union of its indices' formats. */
export function dateParsersOf(info: FieldInfo | undefined): ReturnType<typeof dateParsers> | undefined {
  if (!info?.dateFormats) return undefined;
  const all = info.dateFormats.flatMap((f) => dateParsers(f || undefined));
  return all;
}

/**
 * The type Elasticsearch's dynamic mapping would give a field first seen with `value`:
 * strings become text+keyword (or date when they look like one), whole numbers long,
 * other numbers float, booleans boolean.
 */
export function dynamicType(value: unknown): FieldType {
  const v = Array.isArray(value) ? value.find((x) => x !== null && x !== undefined) : value;
  if (typeof v === 'string')
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.test(v) || /^\d{4}\/\d{2}\/\d{2}( \d{2}:\d{2}:\d{2})?$/.test(v)
      ? 'date'
      : 'keyword';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'float';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'object' && v !== null) return 'object';
  return 'unknown';
}
