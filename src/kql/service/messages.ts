/**
 * Every diagnostic the KQL field checks produce, in one table: stable code, severity, source and
 * a message template with `{0}`, `{1}`… placeholders (the same shape as the EQL checks' table).
 *
 * Kibana sends a KQL query whatever its fields are (an unknown field becomes a `match` that finds
 * nothing), so field problems are warnings; only a value Elasticsearch cannot parse for the
 * field's type fails the search, and that is an error.
 */
import { formatMessage } from '../../diagnostic.ts';
import type { DiagnosticSource, Severity } from '../../diagnostic.ts';

export interface KqlCheckMessage {
  code: string;
  severity: Severity;
  source: DiagnosticSource;
  text: string;
}

// The KQL checks speak as 'kql', as the EQL checks speak as 'eql' about fields and types.
const SOURCE: DiagnosticSource = 'kql';
const error = (code: string, text: string): KqlCheckMessage => ({ code, severity: 'error', source: SOURCE, text });
const warning = (code: string, text: string): KqlCheckMessage => ({ code, severity: 'warning', source: SOURCE, text });
const hint = (code: string, text: string): KqlCheckMessage => ({ code, severity: 'info', source: 'lint', text });

export const KqlMessages = {
  unknownField: warning('kql/unknown-field', 'Unknown field [{0}]: no event of the schema has it, so this clause never matches.'),
  unknownFieldSuggest: warning('kql/unknown-field', 'Unknown field [{0}], did you mean [{1}]?'),
  unknownFieldSuggestMany: warning('kql/unknown-field', 'Unknown field [{0}], did you mean any of [{1}]?'),
  unknownFieldMaybe: warning('kql/unknown-field', 'Field [{0}] is not in the known schema ({1}); check the name{2}.'),
  unknownFieldPattern: warning('kql/unknown-field', 'The field pattern [{0}] matches no field of the schema, so this clause never matches.'),
  fieldNotInStack: warning('kql/field-not-in-stack', 'Field [{0}] is not in ECS {1} (stack {2}); raise min_stack_version or check the indices have it.'),
  objectField: warning('kql/object-field', 'Field [{0}] is an object, not a value: this clause never matches; use one of its sub-fields, e.g. [{1}].'),
  notNested: warning(
    'kql/not-nested',
    'Field [{0}] is not of type nested, so Elasticsearch rejects [{0}:{…}] ("failed to find nested object under path"); write [{0}.field:value] instead.',
  ),
  rangeOnString: warning(
    'kql/range-on-string',
    'Field [{0}] is a {1} field: [{2}] compares strings in lexicographic (byte) order, so "10" < "9"; it is legal but rarely what is meant.',
  ),
  typeMismatch: error('kql/type-mismatch', 'Field [{0}] is of type [{1}]; [{2}] is not {3}, so Elasticsearch fails the search.'),
  wildcardOnType: error('kql/type-mismatch', 'Field [{0}] is of type [{1}], which takes no wildcards: Elasticsearch fails the search on [{2}].'),
  leadingWildcard: hint(
    'lint/leading-wildcard',
    'The pattern "{0}" starts with a wildcard; on the keyword field [{1}] this scans every term (slow). Prefer a wildcard-typed field or an anchored prefix if you can.',
  ),
} as const satisfies Record<string, KqlCheckMessage>;

export const formatKqlMessage: (def: KqlCheckMessage, args: readonly (string | number)[]) => string = formatMessage;
