/**
 * The values completion offers for a field, in every query language: the sample events' values
 * of the field (most frequent first, with their counts), then the schema's allowed values. A
 * language gives only how a value is written as a literal of its syntax (or null where it cannot
 * be), and decides where the items go.
 */
import type { FieldValueTable, SampleValue } from '../events/field-values.ts';
import type { FieldInfo, FieldSchema, TypeFamily } from '../eql/schema/index.ts';
import type { CompletionItem } from './language.ts';

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * A sample value as the field's type wants it: a keyword field that holds a number in one
 * document still compares with a string, a long field read from a string with a number. Null
 * when it cannot be written for that type, or the field cannot be searched at all — `text`
 * fields are searchable by KQL (`textSearchable`), not by EQL.
 */
export function typedSampleValue(value: SampleValue, family: TypeFamily | undefined, textSearchable: boolean): SampleValue | null {
  switch (family) {
    case 'string':
    case 'ip':
    case 'version':
      return String(value);
    case 'text':
      return textSearchable ? String(value) : null;
    case 'number':
      return typeof value === 'number' ? value : typeof value === 'string' && NUMBER.test(value) ? Number(value) : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;
    case 'object':
    case 'other':
      return null;
    default:
      return value; // dates and fields the schema does not know: as the events hold them
  }
}

export interface ValueItem {
  item: Omit<CompletionItem, 'range' | 'filterText'>;
  /** The value as the user types it without quotes (what completion filters on outside a string). */
  raw: string;
}

export function sampleAndAllowedValues(
  field: string | undefined,
  info: FieldInfo | undefined,
  schema: FieldSchema,
  sampleValues: readonly FieldValueTable[] | undefined,
  literal: (value: SampleValue, family: TypeFamily | undefined) => string | null,
): ValueItem[] {
  const out: ValueItem[] = [];
  const table = field ? sampleValues?.find((t) => t.field === field) : undefined;
  const allowed = new Set(info?.allowedValues ?? []);
  table?.values.forEach(({ value, count }, rank) => {
    const text = literal(value, info?.family);
    if (text === null) return;
    const events = `${count} event${count === 1 ? '' : 's'}`;
    const isAllowed = typeof value === 'string' && allowed.has(value);
    out.push({
      item: {
        label: text,
        kind: 'value',
        detail: events,
        description: events,
        documentation: isAllowed
          ? schema.allowedValueDoc(field!, value)
          : `${count} of the ${table.eventsWithField} sample events that have \`${field}\` hold this value.`,
        insertText: text,
        sortText: `0${String(rank).padStart(4, '0')}`,
      },
      raw: String(value),
    });
  });
  for (const v of info?.allowedValues ?? []) {
    const text = literal(v, 'string');
    if (text === null) continue;
    out.push({
      item: {
        label: text,
        kind: 'value',
        detail: `ECS allowed value of ${field}`,
        documentation: schema.allowedValueDoc(field!, v),
        insertText: text,
        sortText: `1${v}`,
      },
      raw: v,
    });
  }
  return out;
}
