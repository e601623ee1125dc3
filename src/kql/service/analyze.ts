/**
 * Schema checks of a parsed KQL query: every field against the rule's schema (the same one the
 * EQL checks use) and every value against its field's type. Runs only on a query without syntax
 * errors. The walk is iterative: a query of 10,000 nested parentheses does not grow the stack.
 */
import type { Diagnostic, TextRange } from '../../diagnostic.ts';
import type { FieldInfo, FieldSchema } from '../../eql/schema/index.ts';
import type { KqlField, KqlNode, KqlValue, RangeOperator } from '../syntax/ast.ts';
import { formatKqlMessage, KqlMessages, type KqlCheckMessage } from './messages.ts';
import { EXPECTED, isParsedFamily, valueFitsFamily } from './values.ts';
import { ecsVersionOf } from '../../eql/schema/index.ts';

/** Longer names are never a field's (ECS names stay under 100 characters). */
export const MAX_FIELD_NAME = 256;

export const RANGE_SPELLING: Readonly<Record<RangeOperator, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** What a field name stands for in the schema, after nested paths and wildcards. */
export type ResolvedField =
  | { kind: 'field'; name: string; info: FieldInfo }
  | { kind: 'object'; name: string }
  | { kind: 'pattern'; name: string; matches: FieldInfo[] }
  | { kind: 'all' }
  | { kind: 'unknown'; name: string };

/** `*` in a field name matches any run of characters (dots included), as Kibana expands it. */
export function fieldPatternRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** The full name of `field` inside the nested `path` (or at the top when `path` is empty). */
export function fullFieldName(path: string, field: KqlField): string {
  return path ? `${path}.${field.name}` : field.name;
}

export function resolveField(schema: FieldSchema, name: string, wildcard: boolean): ResolvedField {
  if (wildcard) {
    if (/^\**$/.test(name)) return { kind: 'all' };
    const re = fieldPatternRegExp(name);
    return { kind: 'pattern', name, matches: schema.allFields().filter((f) => re.test(f.name)) };
  }
  const info = schema.lookup(name);
  if (info) return { kind: 'field', name, info };
  if (schema.isObjectPath(name)) return { kind: 'object', name };
  return { kind: 'unknown', name };
}

interface Frame {
  node: KqlNode;
  /** The nested path the node's field names are relative to ('' at the top). */
  path: string;
  /** Inside a nested block whose path is unknown: its fields were reported with it, once. */
  unknownPath?: boolean;
}

export function analyzeKql(text: string, root: KqlNode, schema: FieldSchema): Diagnostic[] {
  return new Analyzer(text, schema).run(root);
}

class Analyzer {
  private readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly text: string,
    private readonly schema: FieldSchema,
  ) {}

  run(root: KqlNode): Diagnostic[] {
    const stack: Frame[] = [{ node: root, path: '' }];
    while (stack.length > 0) {
      const { node, path, unknownPath } = stack.pop()!;
      switch (node.type) {
        case 'and':
        case 'or':
          for (let i = node.args.length - 1; i >= 0; i--) stack.push({ node: node.args[i], path, unknownPath });
          break;
        case 'not':
          stack.push({ node: node.arg, path, unknownPath });
          break;
        case 'nested': {
          const full = fullFieldName(path, node.path);
          const known = unknownPath || this.nestedPath(node.path, full);
          stack.push({ node: node.query, path: full, unknownPath: unknownPath || !known });
          break;
        }
        case 'is':
          if (node.field && !unknownPath) this.is(node.field, fullFieldName(path, node.field), node.value);
          break;
        case 'range':
          if (!unknownPath) this.range(node.field, fullFieldName(path, node.field), node.operator, node.value.value, node.value.range);
          break;
        case 'match_all':
        case 'error':
          break;
      }
    }
    return this.diagnostics.sort((a, b) => (a.range?.start ?? -1) - (b.range?.start ?? -1));
  }

  /** `code start end` of each report: `f:(a or b)` gives one node per value, all with the same field. */
  private readonly reported = new Set<string>();

  private report(def: KqlCheckMessage, range: TextRange, args: readonly (string | number)[], fix?: Diagnostic['fix']): void {
    const key = `${def.code} ${range.start} ${range.end}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const d: Diagnostic = { severity: def.severity, code: def.code, message: formatKqlMessage(def, args), source: def.source, range: { ...range } };
    if (fix) d.fix = fix;
    this.diagnostics.push(d);
  }

  private src(range: TextRange): string {
    return this.text.slice(range.start, range.end);
  }

  /** Resolves and reports the field; returns its schema entry when it is one exact field. */
  private field(field: KqlField, name: string, exists: boolean): FieldInfo | undefined {
    const resolved = resolveField(this.schema, name, field.wildcard);
    switch (resolved.kind) {
      case 'all':
        return undefined;
      case 'pattern':
        if (resolved.matches.length === 0) {
          // An integration whose fields we do not ship may still have some: say so, as for a name.
          const excuse = this.schema.unknownFieldExcuse(name.replace(/\*/g, 'x'));
          if (excuse) this.report(KqlMessages.unknownFieldMaybe, field.range, [name, excuse, '']);
          else this.report(KqlMessages.unknownFieldPattern, field.range, [name]);
        }
        return undefined;
      case 'unknown':
        this.unknownField(field, name);
        return undefined;
      case 'object':
        // `process.parent:*` asks whether any sub-field has a value: Elasticsearch answers it.
        if (!exists) this.report(KqlMessages.objectField, field.range, [name, this.firstSubField(name)]);
        return undefined;
      case 'field': {
        const info = resolved.info;
        if (info.missingInStacks.length > 0) {
          const stack = info.missingInStacks[0];
          this.report(KqlMessages.fieldNotInStack, field.range, [name, ecsVersionOf(stack), info.missingInStacks.join(', ')]);
        }
        if (info.family === 'object' && info.type !== 'flattened' && !exists) {
          this.report(KqlMessages.objectField, field.range, [name, this.firstSubField(name)]);
        }
        return info;
      }
    }
  }

  private firstSubField(name: string): string {
    return this.schema.fieldsWithPrefix(`${name}.`)[0]?.name ?? `${name}.…`;
  }

  private unknownField(field: KqlField, name: string): void {
    // A name this long is no typo of a field (hundreds of nested blocks): skip the costly look-ups.
    const plausible = name.length <= MAX_FIELD_NAME;
    const suggestions = plausible ? this.schema.similar(name, 3) : [];
    const excuse = plausible ? this.schema.unknownFieldExcuse(name) : null;
    // The fix rewrites the name as written: relative to the nested path it sits in.
    const relativeTo = name.slice(0, name.length - field.name.length);
    const fixable = suggestions.length === 1 && suggestions[0].startsWith(relativeTo);
    const fix = fixable
      ? { title: `Change to ${suggestions[0]}`, edits: [{ range: { ...field.range }, text: kqlFieldText(suggestions[0].slice(relativeTo.length)) }] }
      : undefined;
    if (excuse) {
      const hint = suggestions.length ? `, or did you mean [${suggestions.join(', ')}]?` : '';
      this.report(KqlMessages.unknownFieldMaybe, field.range, [name, excuse, hint], fix);
    } else if (suggestions.length === 0) this.report(KqlMessages.unknownField, field.range, [name]);
    else if (suggestions.length === 1) this.report(KqlMessages.unknownFieldSuggest, field.range, [name, suggestions[0]], fix);
    else this.report(KqlMessages.unknownFieldSuggestMany, field.range, [name, suggestions.join(', ')]);
  }

  /** Reports a nested path that is not a nested field; false when the path is unknown (or a pattern). */
  private nestedPath(field: KqlField, name: string): boolean {
    if (field.wildcard) return false;
    const info = this.schema.lookup(name);
    if (info?.type === 'nested') return true;
    if (info || this.schema.isObjectPath(name)) {
      this.report(KqlMessages.notNested, field.range, [name]);
      return true;
    }
    this.unknownField(field, name);
    return false;
  }

  private is(field: KqlField, name: string, value: KqlValue): void {
    const lone = value.kind === 'wildcard' && value.parts.every((p) => p === '');
    const info = this.field(field, name, lone);
    if (!info || lone) return;
    const family = info.family;
    if (value.kind === 'wildcard') {
      if (isParsedFamily(family)) this.report(KqlMessages.wildcardOnType, value.range, [name, info.type, this.src(value.range)]);
      else if (info.type === 'keyword' && value.parts[0] === '') {
        this.report(KqlMessages.leadingWildcard, value.range, [this.src(value.range), name]);
      }
      return;
    }
    if (value.value === null || !isParsedFamily(family)) return;
    if (!valueFitsFamily(value.value, family, true)) {
      this.report(KqlMessages.typeMismatch, value.range, [name, info.type, this.src(value.range), EXPECTED[family]]);
    }
  }

  private range(field: KqlField, name: string, operator: RangeOperator, value: string | boolean | null, valueRange: TextRange): void {
    const info = this.field(field, name, false);
    if (!info) return;
    const family = info.family;
    if (family === 'string' || family === 'text') {
      this.report(KqlMessages.rangeOnString, { start: field.range.start, end: valueRange.end }, [name, info.type, RANGE_SPELLING[operator]]);
      return;
    }
    if (value === null || !isParsedFamily(family)) return;
    if (!valueFitsFamily(value, family, false)) {
      this.report(KqlMessages.typeMismatch, valueRange, [name, info.type, this.src(valueRange), EXPECTED[family]]);
    }
  }
}

/** A field name as KQL must write it: quoted when it holds a character the grammar reserves. */
export function kqlFieldText(name: string): string {
  return /[\s\\():<>"*{}]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}
