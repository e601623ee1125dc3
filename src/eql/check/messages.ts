/**
 * Every diagnostic the checks produce, in one table: stable code, severity, source, and a
 * message template with `{0}`, `{1}`… placeholders. Wording follows Elasticsearch's messages
 * (eql-semantics §12) where we know them, so users can search for them.
 */
import { formatMessage } from '../../diagnostic.ts';
import type { DiagnosticSource, Severity } from '../../diagnostic.ts';

export interface CheckMessage {
  code: string;
  severity: Severity;
  source: DiagnosticSource;
  text: string;
}

const error = (code: string, text: string): CheckMessage => ({ code, severity: 'error', source: 'eql', text });
const warning = (code: string, text: string): CheckMessage => ({ code, severity: 'warning', source: 'eql', text });
const lint = (code: string, text: string): CheckMessage => ({ code, severity: 'warning', source: 'lint', text });
/** A lint that is advice rather than a likely mistake: shown as information, never a warning. */
const hint = (code: string, text: string): CheckMessage => ({ code, severity: 'info', source: 'lint', text });

export const CheckMessages = {
  unknownField: error('eql/unknown-field', 'Unknown column [{0}].'),
  unknownFieldSuggest: error('eql/unknown-field', 'Unknown column [{0}], did you mean [{1}]?'),
  unknownFieldSuggestMany: error('eql/unknown-field', 'Unknown column [{0}], did you mean any of [{1}]?'),
  /** Same code, downgraded: the field may come from an integration whose schema we do not ship. */
  unknownFieldMaybe: warning('eql/unknown-field', 'Field [{0}] is not in the known schema ({1}); check the name{2}.'),
  fieldNotInStack: error('eql/field-not-in-stack', 'Field [{0}] is not in ECS {1} (stack {2}); raise min_stack_version or write ?{0}.'),
  textField: error('eql/text-field', 'Field [{0}] is a {1} field, which EQL cannot search{2}.'),
  objectField: error('eql/object-field', 'Field [{0}] is an object; use one of its sub-fields, e.g. [{1}].'),
  unsupportedFieldType: error('eql/unsupported-field-type', 'Field [{0}] of type [{1}] cannot be used in EQL conditions.'),

  compareMismatch: error('eql/type-mismatch', 'Cannot compare [{0}] of type [{1}] with [{2}] of type [{3}].'),
  compareMismatchLenient: warning(
    'eql/type-mismatch',
    'Comparing [{0}] of type [{1}] with [{2}] of type [{3}]: Elasticsearch converts the literal, but detection-rules rejects this.',
  ),
  inMismatch: error('eql/type-mismatch', '{0} argument of [{1}] must be [{2}], found value [{3}] type [{4}].'),
  ipInList: warning(
    'eql/ip-in-list',
    'Some Elasticsearch versions reject string literals in an [in] list on the ip field [{0}] ("must be [ip]"); prefer == comparisons or cidrMatch.',
  ),
  matchNonString: error('eql/type-mismatch', '[{0}] can only be used on strings, but [{1}] is of type [{2}]{3}.'),
  matchPatternNotString: error('eql/type-mismatch', 'The pattern of [{0}] must be a string, found [{1}].'),
  arithNonNumber: error('eql/type-mismatch', 'Arithmetic needs numbers, but [{0}] is of type [{1}].'),
  fieldComparison: error('eql/field-comparison', 'Comparisons against fields are not supported by Elasticsearch: [{0}] compares two fields.'),
  nonBooleanCondition: error('eql/non-boolean-condition', 'Condition expression needs to be boolean, found [{0}].'),

  unknownFunction: error('eql/unknown-function', 'Unknown function [{0}].'),
  unknownFunctionSuggest: error('eql/unknown-function', 'Unknown function [{0}], did you mean [{1}]?'),
  unsupportedFunction: error('eql/unknown-function', 'Function [{0}] is not supported by Elasticsearch (it exists only in the Python eql library).'),
  functionArity: error('eql/function-arity', 'error building [{0}]: expects {1} but found {2}.'),
  functionArgs: error('eql/function-args', '{0} argument of [{1}] must be [{2}], found value [{3}] type [{4}].'),
  functionArgLiteral: error('eql/function-args', '{0} argument of [{1}] must be a literal {2}, not a field or expression.'),
  tildeNotAllowed: error('eql/function-args', 'Function [{0}] has no case-insensitive form; [~] is only allowed on {1}.'),

  joinKeyCount: error('eql/join-key-count', 'Inconsistent number of join keys specified; expected [{0}] but found [{1}].'),
  joinKeyType: error('eql/join-key-type', 'Sequence key [{0}] type [{1}] is incompatible with key [{2}] type [{3}].'),
  missingMaxspan: error('eql/missing-maxspan', 'A sequence with missing events ![ … ] requires [with maxspan=…].'),
  runsRange: error('eql/runs-range', 'The number of runs must be between 1 and 100, found [{0}].'),
  unknownConfigField: error('eql/config-field', 'The {0} field [{1}] is not in the schema.'),

  eqWildcard: lint('lint/eq-wildcard', '[{0}] compares literally, so "*" is not a wildcard here; did you mean [:] or [like]?'),
  sequenceMaxspan: lint(
    'lint/sequence-maxspan',
    'This sequence has no maxspan: partial matches are kept for the whole search window, which is slow and may join unrelated events.',
  ),
  // Most detection rules need leading wildcards (`*\\cmd.exe`): a cost worth knowing, not a fault.
  leadingWildcard: hint(
    'lint/leading-wildcard',
    'The pattern "{0}" starts with a wildcard; on the keyword field [{1}] this scans every term (slow). Prefer a wildcard-typed field or an anchored prefix if you can.',
  ),
  multiValueJoinKey: lint(
    'lint/multivalue-join-key',
    'Join key [{0}] usually holds several values: an event joins once per distinct value (fan-out), so sequences can match on any shared element.',
  ),
  regexInvalid: lint('lint/regex-invalid', '{0}'),
  regexNeverMatches: lint('lint/regex-never-matches', '{0}'),
  unknownCategory: lint('lint/unknown-category', 'Event category [{0}] is not an ECS event.category value{1}.'),
} as const satisfies Record<string, CheckMessage>;

export type CheckMessageKey = keyof typeof CheckMessages;

export const formatCheckMessage: (def: CheckMessage, args: readonly (string | number)[]) => string = formatMessage;

export function ordinal(i: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth'][i] ?? `${i + 1}th`;
}
