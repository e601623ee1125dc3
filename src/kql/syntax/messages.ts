/**
 * Every KQL syntax diagnostic, in one table: stable code, message template with `{0}`, `{1}`…
 * placeholders (as src/eql/syntax/messages.ts does for EQL).
 */
import { formatMessage, type MessageTemplate } from '../../diagnostic.ts';

export type KqlMessageDef = MessageTemplate;

export const KqlMessages = {
  expectedOperand: { code: 'kql/syntax', text: 'Expected a field name, a value, [(] or [not] {0}but found {1}.' },
  expectedListValue: { code: 'kql/syntax', text: 'Expected a value, [(] or [not] {0}but found {1}.' },
  notAfterColon: { code: 'kql/syntax', text: '[not] cannot come right after [:]; write [not {0}:…] or [{0}:(not …)].' },
  expectedValue: { code: 'kql/syntax', text: 'Expected a value after [{0}] but found {1}.' },
  expectedRangeValue: { code: 'kql/syntax', text: 'Expected a value after [{0}] but found {1}; a range compares with one value, e.g. bytes > 1000.' },
  expectedAfterOperand: { code: 'kql/syntax', text: 'Expected [and], [or] or {0} but found {1}.' },
  colonAfterValue: {
    code: 'kql/syntax',
    text: 'Unexpected [:] after the value [{0}]; join conditions with [and] or [or], and quote a value that contains [:] (e.g. "{0}:…") or escape it as [\\:].',
  },
  notInsideValue: {
    code: 'kql/syntax',
    text: '[{0}] followed by a space starts a negation, so it cannot stand inside a value; put the value in double quotes to search for the word.',
  },
  notAfterNot: { code: 'kql/syntax', text: '[not] cannot follow [not] directly; write [not (not …)].' },
  unclosed: { code: 'kql/syntax', text: 'This [{0}] is not closed: expected [{1}] before the end of the query.' },
  unmatchedClose: { code: 'kql/syntax', text: 'Unexpected [{0}]: there is no [{1}] before it to close.' },
  emptyGroup: { code: 'kql/syntax', text: 'Expected a query inside [{0}{1}].' },
  unterminatedString: { code: 'kql/syntax', text: 'Unterminated string: add the closing ["].' },
  invalidEscape: {
    code: 'kql/syntax-escape',
    text: 'Invalid escape [{0}]; a backslash escapes \\ ( ) : < > " * { }, the words or/and/not, \\t \\r \\n and \\uXXXX (4 hex digits).',
  },
  tooDeep: { code: 'kql/syntax-too-deep', text: 'The query is nested too deeply (more than {0} levels).' },
  danglingOperator: {
    code: 'kql/dangling-operator',
    text: 'The value ends with [{0}], which is read as part of the value "{1}"; finish the condition after [{0}], or quote the value if you mean the word.',
  },
} as const satisfies Record<string, KqlMessageDef>;

/** Fills `{0}`, `{1}`… in a message template. */
export const formatKqlMessage: (def: KqlMessageDef, args: readonly (string | number)[]) => string = formatMessage;
