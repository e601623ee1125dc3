/**
 * The "Why" label of a DSL clause, as the user wrote it in KQL: the query text of the clause
 * (kqlToDsl's rangeOf), whitespace outside quotes collapsed to one space. A value of a list
 * (`process.name:(sh or bash)`) names its field: `process.name: sh`. Clauses with no text of
 * their own (an empty query) keep the evaluator's DSL rendering.
 */
import type { TextRange } from '../../diagnostic.ts';
import { scanKql } from '../syntax/scanner.ts';
import type { KqlDslResult } from './to-dsl.ts';

/** The text of a range, each run of whitespace (never inside quotes) one space. */
function sourceText(text: string, range: TextRange): string {
  let out = '';
  for (const t of scanKql(text.slice(range.start, range.end))) out += t.kind === 'whitespace' ? ' ' : t.text;
  return out.trim();
}

export function kqlSourceLabel(text: string, dsl: Pick<KqlDslResult, 'rangeOf' | 'fieldRangeOf'>): (clause: object) => string | undefined {
  // Explain asks for the same leaves of every event: one slice and scan per clause.
  const labels = new WeakMap<object, string | undefined>();
  return (clause) => {
    if (labels.has(clause)) return labels.get(clause);
    const range = dsl.rangeOf(clause);
    const written = range && sourceText(text, range);
    const field = dsl.fieldRangeOf(clause);
    const label = !written ? undefined : field ? `${sourceText(text, field)}: ${written}` : written;
    labels.set(clause, label);
    return label;
  };
}
