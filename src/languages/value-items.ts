/**
 * The values completion offers for a field, in every query language: the sample events' values
 * of the field (most frequent first, with their counts), then the schema's allowed values. A
 * language gives only how a value is written as a literal of its syntax (or null where it cannot
 * be), and decides where the items go.
 */
import type { FieldValueTable, SampleValue } from '../events/field-values.ts';
import type { FieldInfo, FieldSchema, TypeFamily } from '../eql/schema/index.ts';
import type { CompletionItem } from './language.ts';

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
