/**
 * What the page knows of KQL (the rule language `kuery`): its names, the characters that open
 * completion, and where a value is being written (the page fetches that field's sample values
 * first). Small on purpose: the service and the evaluator (kql.ts) run in the workers.
 */
import { cursorContext } from '../kql/service/context.ts';
import type { QueryLanguageInfo } from './language.ts';

/**
 * The field whose value follows the cursor: after `field:` or `field >`, or at the start of a
 * value in `field:( … )` — the same reading of the tokens completeKql makes to offer values.
 */
function kqlValueFieldAt(text: string, offset: number): string | undefined {
  const { tokens, frames } = cursorContext(text, offset).reading;
  const prev = tokens[tokens.length - 1];
  const kind = prev?.token.kind;
  if (kind === 'colon' || kind === 'range') return prev.field;
  const top = frames[frames.length - 1];
  const clauseStart = !prev || prev.role === 'keyword' || kind === 'lparen' || kind === 'lbrace';
  return top?.kind === 'list' && clauseStart ? top.field : undefined;
}

export const KQL_INFO: QueryLanguageInfo = {
  id: 'kuery',
  label: 'KQL',
  monacoId: 'kql',
  // A field's children after `.`, operators after a field, values after `:`/`>`/`(`/`"`, clauses after `{`.
  completionTriggers: ['.', ' ', ':', '(', '"', '{', '<', '>', '='],
  signatureTriggers: [],
  signatureRetriggers: [],
  folding: () => [],
  valueFieldAt: kqlValueFieldAt,
};
