/**
 * Completion of the value a field is compared with: after `field : `, `field == `, `field in (`,
 * `field : (`, `field like `, inside an open string, after a list's comma. It offers the values the
 * sample events hold for the field (most frequent first, with their counts), the field's ECS
 * allowed values, then `true`/`false` for a boolean and `null` where `==`/`!=` accept it. Every
 * value is written as the EQL literal the field's type wants (quoted and escaped strings, bare
 * numbers and booleans). Pure: the tables of sample values come from the events worker.
 */
import type { TextRange } from '../../diagnostic.ts';
import { sampleAndAllowedValues, typedSampleValue } from '../../languages/value-items.ts';
import type { FieldValueTable, SampleValue } from '../../events/field-values.ts';
import type { FieldSchema, TypeFamily } from '../schema/index.ts';
import { TokenKind, type Token } from '../syntax/scanner.ts';
import { quoteString } from '../syntax/printer.ts';
import { cursorContext, pathBefore, type CursorContext } from './context.ts';
import { KEYWORD_DOCS } from './docs.ts';
import type { CompletionItem } from './service.ts';
import { escapeLuceneRegex } from '../regex/index.ts'; // a sample value must match itself literally

/** How the value is compared, which decides what may be written there. */
export type ValueOperator = 'equals' | 'order' | 'in' | 'match' | 'like' | 'regex';

export interface ValueSlot {
  /** The field on the left (undefined for a function call or an expression). */
  field: string | undefined;
  operator: ValueOperator;
  /** Literals already written in the list (`in ("a", |`): not offered again. */
  written: string[];
}

const OPERATORS = new Map<TokenKind, ValueOperator>([
  [TokenKind.Eq, 'equals'],
  [TokenKind.Neq, 'equals'],
  [TokenKind.Lt, 'order'],
  [TokenKind.Le, 'order'],
  [TokenKind.Gt, 'order'],
  [TokenKind.Ge, 'order'],
  [TokenKind.In, 'in'],
  [TokenKind.InInsensitive, 'in'],
  [TokenKind.Colon, 'match'],
  [TokenKind.Like, 'like'],
  [TokenKind.LikeInsensitive, 'like'],
  [TokenKind.Regex, 'regex'],
  [TokenKind.RegexInsensitive, 'regex'],
]);

const LITERALS = new Set<TokenKind>([TokenKind.String, TokenKind.Integer, TokenKind.Decimal, TokenKind.True, TokenKind.False, TokenKind.Null]);

/** Is the cursor where a value goes, and for which field and operator? */
export function valueSlotOf(text: string, ctx: CursorContext): ValueSlot | null {
  const { tokens } = ctx;
  const prev = tokens[tokens.length - 1];
  if (!prev) return null;
  const direct = OPERATORS.get(prev.kind);
  if (direct && direct !== 'in') return { field: pathBefore(tokens, tokens.length - 1)?.name, operator: direct, written: [] };
  const frame = ctx.parens[ctx.parens.length - 1];
  if (frame?.kind === 'list' && (prev.kind === TokenKind.LParen || prev.kind === TokenKind.Comma)) {
    const operator = (frame.operator === undefined ? undefined : OPERATORS.get(frame.operator)) ?? 'in';
    return { field: frame.field, operator, written: writtenLiterals(text, tokens.slice(frame.open + 1)) };
  }
  return null;
}

/** The field whose values completion at `offset` would offer: what to fetch sample values for. */
export function valueFieldAt(text: string, offset: number): string | undefined {
  return valueSlotOf(text, cursorContext(text, offset))?.field;
}

/** As `literalFor` would write them, so the comparison is of like with like. */
function writtenLiterals(text: string, tokens: Token[]): string[] {
  return tokens.filter((t) => LITERALS.has(t.kind)).map((t) => (t.kind === TokenKind.String ? quoteString(t.value) : text.slice(t.start, t.end)));
}

const STRINGS_ONLY = new Set<ValueOperator>(['match', 'like', 'regex']);
/** The EQL literal for a value after `operator`, or null when none can be written there. */
function literalFor(value: SampleValue, family: TypeFamily | undefined, operator: ValueOperator): string | null {
  const v = typedSampleValue(value, family, false);
  if (v === null) return null;
  if (typeof v === 'string') return quoteString(operator === 'regex' ? escapeLuceneRegex(v) : v);
  return STRINGS_ONLY.has(operator) ? null : String(v); // `:`, like and regex compare strings only
}

export interface ValueCompletionInput {
  slot: ValueSlot;
  schema: FieldSchema;
  /** Tables of sample values; the one for `slot.field` is used. */
  sampleValues?: readonly FieldValueTable[];
  /** The range the items replace; `inString` when it starts at an open quote. */
  range: TextRange;
  inString: boolean;
}

export function valueCompletions({ slot, schema, sampleValues, range, inString }: ValueCompletionInput): CompletionItem[] {
  const { field, operator } = slot;
  const info = field ? schema.lookup(field) : undefined;
  const family = info?.family;
  const items: CompletionItem[] = [];
  const offered = new Set(slot.written);
  const offer = (item: Omit<CompletionItem, 'range' | 'filterText'>, raw: string) => {
    if (offered.has(item.insertText)) return;
    // Inside an open string the user's text starts with the quote; outside it is the bare word.
    if (inString && !item.insertText.startsWith('"')) return;
    offered.add(item.insertText);
    items.push({ ...item, range, filterText: inString ? item.insertText : raw });
  };

  for (const { item, raw } of sampleAndAllowedValues(field, info, schema, sampleValues, (value, family) => literalFor(value, family, operator)))
    offer(item, raw);
  const table = field ? sampleValues?.find((t) => t.field === field) : undefined;

  const sampleBooleans = table?.values.some((c) => typeof c.value === 'boolean') && !info;
  if ((family === 'boolean' || sampleBooleans) && (operator === 'equals' || operator === 'in')) {
    ['true', 'false'].forEach((b, i) =>
      offer({ label: b, kind: 'keyword', detail: 'boolean', documentation: KEYWORD_DOCS[b], insertText: b, sortText: `2${i}` }, b),
    );
  }
  // `== null` / `!= null` test whether the field is missing or null; elsewhere null never matches.
  if (operator === 'equals') offer({ label: 'null', kind: 'keyword', documentation: KEYWORD_DOCS.null, insertText: 'null', sortText: '3null' }, 'null');
  return items;
}
