/**
 * Which type a queried field has and where its value is read: the caller's types first (ECS
 * schema), then the index mapping, else Elasticsearch's dynamic mapping decided per value
 * (a string is `text` with a `.keyword` sub-field, ignore_above 256; see
 * https://www.elastic.co/guide/en/elasticsearch/reference/current/dynamic-field-mapping.html).
 */
import { buildCatalog, type FieldCatalog } from '../../eql/run/mapping.ts';
import type { IndexMapping } from '../../eql/run/types.ts';
import { compileFieldAccessor, splitFieldName, type FieldAccessor } from '../../events/field.ts';

/** A field's mapping as the evaluator needs it. */
export interface FieldTypeInfo {
  /** Elasticsearch mapping type: keyword, text, match_only_text, wildcard, long, date, ip, boolean, nested… */
  type: string;
  /** Keyword values longer than this are not indexed. */
  ignoreAbove?: number;
  /** Keyword normalizer; `lowercase` is applied, others are ignored. */
  normalizer?: string;
  /** Date format (`yyyy-MM-dd||epoch_millis`); default strict_date_optional_time||epoch_millis. */
  format?: string;
  /** What a JSON null is indexed as. */
  nullValue?: unknown;
  /** A multi-field indexes the value of this field (`message` for `message.keyword`). */
  sourceField?: string;
}

export type FieldTypeLookup = (field: string) => FieldTypeInfo | undefined;

/** A queried field, ready to read from events. */
export interface ResolvedField {
  name: string;
  read: FieldAccessor;
  /** Undefined: not mapped, typed per value as dynamic mapping would. */
  info?: FieldTypeInfo;
  /** Dynamic `x.keyword` with no such key in the event: the keyword sub-field of `x`. */
  keywordOf?: FieldAccessor;
  /** Inside a `nested` mapping but queried from outside a nested query: ES sees no value. */
  hidden?: boolean;
}

/** The keyword sub-field dynamic mapping adds to strings. */
export const DYNAMIC_KEYWORD_IGNORE_ABOVE = 256;

const absent: FieldAccessor = () => undefined;

export class FieldResolver {
  private readonly catalog: FieldCatalog | undefined;
  private readonly cache = new Map<string, ResolvedField>();

  constructor(
    private readonly lookup: FieldTypeLookup | undefined,
    mapping: IndexMapping | IndexMapping[] | undefined,
  ) {
    this.catalog = mapping === undefined ? undefined : buildCatalog(mapping);
  }

  /** The type info of `name` (caller, then mapping), or undefined when unmapped. */
  typeOf(name: string): FieldTypeInfo | undefined {
    const own = this.lookup?.(name);
    if (own) return own;
    const info = this.catalog?.get(name);
    if (!info) return undefined;
    const formats = info.dateFormats?.filter(Boolean);
    return {
      type: info.mappedType ?? info.type,
      ignoreAbove: info.mappedType === 'text' ? undefined : info.ignoreAbove,
      normalizer: info.normalizer,
      format: formats?.length ? formats.join('||') : undefined,
      nullValue: info.nullValue,
      // An alias resolves to its target; a multi-field reads its parent.
      sourceField: info.multiFieldOf ?? (info.name !== name ? info.name : undefined),
    };
  }

  /** `name` as read inside the nested object at `base` ('' = the document). */
  resolve(name: string, base: string): ResolvedField {
    const key = `${base}\u0000${name}`;
    let field = this.cache.get(key);
    if (!field) {
      field = this.build(name, base);
      this.cache.set(key, field);
    }
    return field;
  }

  private build(name: string, base: string): ResolvedField {
    // A key inside a flattened field is a keyword of its own (`labels.env` of the flattened `labels`).
    const info = this.typeOf(name) ?? (this.underFlattened(name) ? { type: 'keyword' } : undefined);
    const source = info?.sourceField ?? (info ? this.multiFieldParent(name) : undefined) ?? name;
    const read = this.accessor(source, base);
    const field: ResolvedField = { name, read, info };
    // A nested object (or a field in one) is not part of the document outside a nested query on it.
    if (this.underNested(name, base) || (info?.type === 'nested' && name !== base)) field.hidden = true;
    if (!info && name.endsWith('.keyword')) {
      const parent = name.slice(0, -'.keyword'.length);
      if (!this.typeOf(parent)) field.keywordOf = this.accessor(parent, base);
    }
    return field;
  }

  /**
   * A typed field under a typed leaf field is one of its multi-fields (`process.name.text` of the
   * keyword `process.name`): only multi-fields sit below a leaf, and they index the parent's value.
   */
  private multiFieldParent(name: string): string | undefined {
    const dot = name.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const parent = name.slice(0, dot);
    const type = this.typeOf(parent)?.type;
    return type === undefined || type === 'object' || type === 'nested' || type === 'flattened' ? undefined : parent;
  }

  private accessor(name: string, base: string): FieldAccessor {
    if (base === '') return compileFieldAccessor(splitFieldName(name));
    if (!name.startsWith(base + '.')) return absent;
    return compileFieldAccessor(splitFieldName(name.slice(base.length + 1)));
  }

  private underFlattened(name: string): boolean {
    for (let dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      if (this.typeOf(name.slice(0, dot))?.type === 'flattened') return true;
    }
    return false;
  }

  /** True when a prefix of `name` below `base` is mapped `nested`: its values live in nested documents. */
  private underNested(name: string, base: string): boolean {
    const parts = splitFieldName(name);
    let prefix = '';
    for (let i = 0; i < parts.length - 1; i++) {
      prefix = i === 0 ? parts[0] : `${prefix}.${parts[i]}`;
      if (prefix.length <= base.length) continue;
      if (this.typeOf(prefix)?.type === 'nested') return true;
    }
    return false;
  }
}

const MAX_DEPTH = 100;

/**
 * The leaf field names of an event (`a.b` for `{"a":{"b":1}}`; arrays of objects flattened), as
 * `index.query.default_field: *` sees them. Iterative, depth-capped.
 */
export function eventFieldNames(event: unknown): string[] {
  const names = new Set<string>();
  const stack: { value: unknown; prefix: string; depth: number }[] = [{ value: event, prefix: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, prefix, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], prefix, depth: depth + 1 });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        stack.push({ value: (value as Record<string, unknown>)[k], prefix: prefix ? `${prefix}.${k}` : k, depth: depth + 1 });
      }
    } else if (prefix) {
      names.add(prefix);
    }
  }
  return [...names];
}

/** True when `value` holds at least one non-null leaf (an object field "exists" through its sub-fields). */
export function hasLeafValue(value: unknown): boolean {
  const stack: unknown[] = [value];
  let steps = 0;
  while (stack.length > 0 && steps++ < 100_000) {
    const v = stack.pop();
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object') return true;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else for (const x of Object.values(v)) stack.push(x);
  }
  return false;
}

/** A field pattern of `fields` (`process.*`, `title^3`): the boost is dropped. */
export function fieldPattern(spec: string): { name: string; wildcard: boolean } {
  const caret = spec.lastIndexOf('^');
  const name = caret > 0 && /^\d+(\.\d+)?$/.test(spec.slice(caret + 1)) ? spec.slice(0, caret) : spec;
  return { name, wildcard: name.includes('*') };
}

/** `*` matches any run of characters (dots included), as ES expands field patterns. */
export function fieldPatternMatcher(pattern: string): (name: string) => boolean {
  if (pattern === '*') return () => true;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (name) => re.test(name);
}
