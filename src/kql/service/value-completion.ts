/**
 * Completion of the value after `field:`, `field:(… or `, `field >`: the values the sample events
 * hold for the field (most frequent first, with their counts), the field's ECS allowed values,
 * `true`/`false` for a boolean, `*` (exists), and date math for a date bound. Each value is written
 * as the KQL literal the field's type wants: numbers and booleans bare, strings bare when the
 * grammar allows it and quoted (escaped) otherwise.
 */
import type { TextRange } from '../../diagnostic.ts';
import { sampleAndAllowedValues, typedSampleValue } from '../../languages/value-items.ts';
import type { FieldValueTable, SampleValue } from '../../events/field-values.ts';
import type { FieldSchema, TypeFamily } from '../../eql/schema/index.ts';
import type { CompletionItem } from '../../eql/check/service.ts';
import { KQL_DOCS } from './docs.ts';
import type { KqlValueSlot } from './value-slot.ts';

export interface KqlValueInput {
  slot: KqlValueSlot;
  schema: FieldSchema;
  sampleValues?: readonly FieldValueTable[];
  range: TextRange;
  /** The items replace an open `"…` string: write every value quoted. */
  inString: boolean;
}

/** What an unquoted literal cannot hold unescaped, or must not look like (a keyword, a boolean). */
const NEEDS_QUOTES = /[\s\\():<>"*{}]|^$|^(?:true|false|null|and|or|not)$/i;

/** A string in KQL double quotes: only `"`, `\` and control characters need escapes there. */
export function quoteKql(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** The KQL literal for a value of the family. */
export function kqlLiteral(value: SampleValue, family: TypeFamily | undefined, inString: boolean): string | null {
  const v = typedSampleValue(value, family, true);
  if (v === null) return null;
  if (typeof v !== 'string') return inString ? null : String(v);
  return inString || NEEDS_QUOTES.test(v) ? quoteKql(v) : v;
}

export function kqlValueCompletions({ slot, schema, sampleValues, range, inString }: KqlValueInput): CompletionItem[] {
  const { field } = slot;
  const info = field ? schema.lookup(field) : undefined;
  const family = info?.family;
  const items: CompletionItem[] = [];
  const offered = new Set<string>();
  // A value the list already holds (`field:(a or |)`) is not offered again, written either way.
  const written = new Set(slot.written);
  const offer = (item: Omit<CompletionItem, 'range' | 'filterText'>, raw: string) => {
    if (offered.has(item.insertText) || written.has(raw)) return;
    offered.add(item.insertText);
    // Inside an open string the typed text starts with the quote; outside it is the bare word.
    items.push({ ...item, range, filterText: inString ? item.insertText : raw });
  };

  for (const { item, raw } of sampleAndAllowedValues(field, info, schema, sampleValues, (value, family) => kqlLiteral(value, family, inString)))
    offer(item, raw);
  const table = field ? sampleValues?.find((t) => t.field === field) : undefined;

  if (inString) return items;
  const sampleBooleans = table?.values.some((c) => typeof c.value === 'boolean') && !info;
  if (family === 'boolean' || sampleBooleans) {
    (['true', 'false'] as const).forEach((b, i) =>
      offer({ label: b, kind: 'keyword', detail: 'boolean', documentation: KQL_DOCS[b], insertText: b, sortText: `2${i}` }, b),
    );
  }
  if (family === 'date' && slot.range) {
    ['now', 'now-1h', 'now-1d/d', 'now-7d/d'].forEach((m, i) =>
      offer({ label: m, kind: 'value', detail: 'date math', documentation: KQL_DOCS['>'], insertText: m, sortText: `2${i}` }, m),
    );
  }
  if (!slot.range) offer({ label: '*', kind: 'keyword', detail: 'exists', documentation: KQL_DOCS.exists, insertText: '*', sortText: '3*' }, '*');
  return items;
}
