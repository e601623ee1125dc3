/**
 * Every syntax diagnostic the parser can produce, in one table (like TypeScript's
 * diagnosticMessages.json): the code is stable, the text is a template with `{0}`, `{1}`…
 * placeholders. Keeping them together makes the wording consistent and easy to test.
 */
import { formatMessage, type MessageTemplate } from '../../diagnostic.ts';

export type MessageDef = MessageTemplate;

export const Messages = {
  // Generic grammar errors.
  expected: { code: 'eql/syntax', text: 'Expected {0} but found {1}.' },
  expectedQuery: { code: 'eql/syntax', text: 'Expected a query such as [process where …], [sequence …] or [sample …] but found {0}.' },
  expectedWhere: { code: 'eql/syntax', text: 'Expected [where] after the event category [{0}] but found {1}.' },
  expectedExpression: { code: 'eql/syntax', text: 'Expected an expression but found {0}.' },
  unexpectedAfterQuery: { code: 'eql/syntax', text: 'Unexpected {0}; expected [|] or the end of the query.' },
  missingOperator: { code: 'eql/syntax', text: 'Unexpected {0}; expected an operator, [and], [or] or the end of the condition.' },
  reservedWord: { code: 'eql/syntax-reserved', text: '[{0}] is a reserved word; write it in backquotes, e.g. `{0}`, to use it as a field name.' },
  bang: { code: 'eql/syntax', text: 'Use [not] instead of [!].' },
  symbolicLogical: { code: 'eql/syntax', text: 'Use [{0}] instead of [{1}].' },
  tooDeep: { code: 'eql/syntax-too-deep', text: 'The query is nested too deeply (more than {0} levels).' },
  tooManyErrors: { code: 'eql/syntax', text: 'Too many syntax errors; stopped reporting.' },

  // Lexical errors.
  unterminatedString: { code: 'eql/syntax', text: 'Unterminated string: add the closing ["] on the same line.' },
  unterminatedRawString: { code: 'eql/syntax', text: 'Unterminated raw string: add the closing ["""] on the same line.' },
  unterminatedQuotedIdentifier: { code: 'eql/syntax', text: 'Unterminated quoted field name: add the closing [`].' },
  unterminatedComment: { code: 'eql/syntax', text: 'Unterminated comment: add the closing [*/].' },
  invalidEscape: { code: 'eql/syntax-escape', text: 'Invalid escape sequence [{0}]; use \\\\ for a backslash, or a raw string """…""" to avoid escaping.' },
  invalidUnicodeEscape: { code: 'eql/syntax-escape', text: 'Invalid unicode escape [{0}]; use \\u{XX} with 2 to 8 hex digits, up to 10FFFF.' },
  singleQuote: { code: 'eql/syntax-single-quote', text: 'Use double quotes ["] to define string literals, not single quotes [\'].' },
  questionString: { code: 'eql/syntax-single-quote', text: 'Use triple double quotes ["""] to define unescaped string literals, not [?"].' },
  unexpectedCharacter: { code: 'eql/syntax', text: 'Unexpected character [{0}].' },
  unexpectedSpace: { code: 'eql/syntax', text: 'Unexpected space character [{0}]; use a plain space.' },
  unexpectedLetter: {
    code: 'eql/syntax',
    text: 'Unexpected character [{0}]; names with characters other than ASCII letters, digits and _ must be backquoted, e.g. `{1}`.',
  },

  // Operators.
  assign: { code: 'eql/syntax-assign', text: 'Use == to compare; = is only used in [maxspan=] and [runs=].' },
  chainedComparison: { code: 'eql/syntax-chained-comparison', text: 'Comparisons cannot be chained; combine them with [and], e.g. a < b and b < c.' },
  matchNeedsLiteral: { code: 'eql/syntax-match-literal', text: 'The right side of [{0}] must be a literal (string, number, boolean or null), not {1}.' },
  notBeforeMatch: { code: 'eql/syntax-not-position', text: '[x not {0} …] is not valid EQL; write [not x {0} …].' },
  emptyList: { code: 'eql/syntax', text: 'Expected at least one value in the list.' },
  arrayIndex: { code: 'eql/syntax-unsupported', text: 'Array indexes such as [{0}] are not supported by Elasticsearch.' },
  optionalPosition: { code: 'eql/syntax', text: 'The [?] of an optional field must come before the whole field name, e.g. ?process.pid.' },
  tildeNeedsCall: { code: 'eql/syntax', text: 'A name ending in [~] must be a function call, e.g. {0}~(…).' },

  // Queries, sequences, samples.
  joinUnsupported: { code: 'eql/syntax-unsupported', text: '[join] queries are not supported by Elasticsearch; use [sequence] or [sample].' },
  relationshipUnsupported: { code: 'eql/syntax-unsupported', text: '[{0} of] is not supported by Elasticsearch.' },
  forkUnsupported: { code: 'eql/syntax-unsupported', text: '[fork] is not supported by Elasticsearch.' },
  byAfterWith: { code: 'eql/syntax-by-after-with', text: 'Please specify sequence [by] before [with] not after.' },
  sequenceOneStage: { code: 'eql/syntax-sequence-stages', text: 'A sequence requires a minimum of 2 queries, found [{0}].' },
  sampleNoStage: { code: 'eql/syntax-sample-stages', text: 'A sample requires at least one query in brackets, e.g. [process where true], but found {0}.' },
  expectedStage: { code: 'eql/syntax', text: 'Expected a query in brackets, e.g. [process where true], but found {0}.' },
  unexpectedBetweenStages: { code: 'eql/syntax', text: 'Unexpected {0}; expected a query in brackets, [until], [|] or the end of the query.' },
  unexpectedBetweenSampleStages: { code: 'eql/syntax', text: 'Unexpected {0}; expected a query in brackets or the end of the query.' },
  missingOnlyInSequence: { code: 'eql/syntax', text: 'Missing-event stages ![ … ] are only allowed in sequences.' },
  missingNeedsMaxspan: { code: 'eql/syntax-missing-events', text: 'A sequence with missing events ![ … ] requires [with maxspan=…].' },
  missingNeedsPositive: { code: 'eql/syntax-missing-events', text: 'A sequence needs at least one stage that is not a missing event.' },
  untilMissing: { code: 'eql/syntax', text: 'The [until] query cannot be a missing event.' },
  untilNotLast: { code: 'eql/syntax', text: '[until] must come after the last query of the sequence.' },
  sampleUntil: { code: 'eql/syntax', text: '[until] is not allowed in a sample.' },
  sampleWith: { code: 'eql/syntax', text: '[with] is not allowed in a sample (no maxspan or runs).' },
  expectedWithOption: { code: 'eql/syntax', text: 'Expected [maxspan] after [with] but found {0}.' },
  stageWithKey: { code: 'eql/syntax-runs', text: 'Unknown stage option [{0}]; only [runs] is allowed, e.g. with runs=2.' },
  maxspanOnStage: { code: 'eql/syntax-runs', text: '[maxspan] belongs on the sequence line, e.g. sequence with maxspan=5m.' },
  runsOnSequence: { code: 'eql/syntax-runs', text: '[runs] belongs on a stage, e.g. [process where true] with runs=2.' },
  runsNotInteger: { code: 'eql/syntax-runs', text: 'The number of runs must be an integer between 1 and 100, found [{0}].' },
  runsRange: { code: 'eql/syntax-runs', text: 'The number of runs must be between 1 and 100, found [{0}].' },
  joinKeyNotField: { code: 'eql/syntax-join-key', text: 'Join keys must be fields, not {0}.' },

  // maxspan.
  maxspanDecimal: { code: 'eql/syntax-maxspan', text: 'Decimal time interval [{0}] is not supported; use an integer, e.g. {1}.' },
  maxspanDecimalNoUnit: { code: 'eql/syntax-maxspan', text: 'Decimal time interval [{0}] is not supported; use a positive integer with a unit.' },
  maxspanZero: { code: 'eql/syntax-maxspan', text: 'A positive maxspan value is required; found [{0}].' },
  maxspanNoUnit: { code: 'eql/syntax-maxspan', text: 'No time unit specified, did you mean [s] as in [{0}s]?' },
  maxspanUnit: { code: 'eql/syntax-maxspan', text: 'Unrecognized time unit [{0}] in [{1}], please specify one of [ms, s, m, h, d].' },
  maxspanValue: { code: 'eql/syntax-maxspan', text: 'Expected a maxspan such as 5m but found {0}.' },

  // Pipes.
  pipeUnsupported: { code: 'eql/syntax-unsupported', text: 'Pipe [{0}] is not supported by Elasticsearch.' },
  pipeUnknown: { code: 'eql/syntax-pipe', text: 'Unrecognized pipe [{0}].' },
  pipeUnknownSuggest: { code: 'eql/syntax-pipe', text: 'Unrecognized pipe [{0}], did you mean [{1}]?' },
  pipeArgCount: { code: 'eql/syntax-pipe', text: 'Pipe [{0}] expects exactly one argument but found [{1}].' },
  pipeArgInteger: { code: 'eql/syntax-pipe', text: 'Pipe [{0}] expects a positive integer but found [{1}].' },
  pipeAfterSample: { code: 'eql/syntax-unsupported', text: 'Pipes are not supported after [sample].' },
  expectedPipeName: { code: 'eql/syntax', text: 'Expected a pipe name such as [head] after [|] but found {0}.' },
} as const satisfies Record<string, MessageDef>;

export type MessageKey = keyof typeof Messages;

/** Fills `{0}`, `{1}`… in a message template. */
export { formatMessage };
