/**
 * Where a value is being written, read once for completion (complete.ts) and for the page
 * (languages/kql-info.ts, which fetches the field's sample values before completion asks):
 * after `field:` or `field >`, or at the start of a value in `field:( … )`. Only the tolerant
 * token reading (context.ts) is needed, so the page bundles no schema.
 */
import { cursorContext, literalName, type CursorContext } from './context.ts';

export interface KqlValueSlot {
  /** The field the value is for (nested path included), when known. */
  field: string | undefined;
  /** After a range operator: one literal bound; no `*`. */
  range: boolean;
  /** Values already written in the same `field:( … )` list (unquoted, unescaped): not offered again. */
  written: string[];
}

export function kqlValueSlotOf(ctx: CursorContext): KqlValueSlot | null {
  const { tokens, frames } = ctx.reading;
  const prev = tokens[tokens.length - 1];
  const kind = prev?.token.kind;
  if (kind === 'colon' || kind === 'range') return { field: prev.field, range: kind === 'range', written: [] };
  const top = frames[frames.length - 1];
  const clauseStart = !prev || prev.role === 'keyword' || kind === 'lparen' || kind === 'lbrace';
  if (top?.kind !== 'list' || !clauseStart) return null;
  const written: string[] = [];
  // The list's own values: after its `(` (top.open), of its field; `*` is exists, not a value.
  for (let i = (top.open ?? tokens.length) + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.role === 'value' && t.field === top.field && (t.token.kind === 'unquoted' || t.token.kind === 'quoted')) written.push(literalName(t.token));
  }
  return { field: top.field, range: false, written };
}

/** The field whose values completion at `offset` would offer: what to fetch sample values for. */
export function kqlValueFieldAt(text: string, offset: number): string | undefined {
  return kqlValueSlotOf(cursorContext(text, offset))?.field;
}
