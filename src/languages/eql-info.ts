/**
 * What the page knows of EQL: its names, the characters that open completion and signature help,
 * folding, and where a value is being written. Small on purpose: the page bundles it, while the
 * service and the evaluator (src/languages/eql.ts) run in the workers.
 */
import { valueFieldAt } from '../eql/check/value-completion.ts';
import { foldingRanges } from '../eql/syntax/folding.ts';
import type { QueryLanguageInfo } from './language.ts';

export const EQL_INFO: QueryLanguageInfo = {
  id: 'eql',
  label: 'EQL',
  monacoId: 'eql',
  // `.` opens a field's children, `[`/`(` a list or call, `"` a value, operators their operand.
  completionTriggers: ['.', '[', '(', ' ', '"', '=', ':', '~'],
  signatureTriggers: ['(', ','],
  signatureRetriggers: [','],
  folding: foldingRanges,
  valueFieldAt,
  // The leaves of eql/run/near-miss.ts.
  nearMissConditions: 'a comparison, a function call, :, like, regex, in, or the event category. In a sequence or sample each stage counts on its own',
};
