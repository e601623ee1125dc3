/**
 * checkQuery: parse an EQL query and analyze it against the field schema of a rule.
 * Returns the AST (possibly with error nodes) and every diagnostic: the parser's, or when the
 * query parses, the analyzer's.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { Statement } from '../syntax/ast.ts';
import { parseQuery } from '../syntax/parser.ts';
import { getSchema, type FieldSchema } from '../schema/index.ts';
import { analyze } from './analyze.ts';

export interface CheckOptions {
  /** The rule's metadata.min_stack_version (unset: every supported stack). */
  stackVersion?: string;
  /** The rule's `index` patterns. */
  indexPatterns?: string[];
  /** The rule's metadata.integration packages (see SchemaOptions.integrations). */
  integrations?: string[];
  timestampField?: string;
  eventCategoryField?: string;
  tiebreakerField?: string;
  /** A prebuilt schema; otherwise built (and cached) from stackVersion and indexPatterns. */
  schema?: FieldSchema;
}

export interface CheckResult {
  ast: Statement;
  diagnostics: Diagnostic[];
}

export function checkQuery(text: string, options: CheckOptions = {}): CheckResult {
  const parsed = parseQuery(text);
  // After a syntax error only syntax errors are reported, as Elasticsearch does: types and
  // arities read from a half-parsed tree describe the parser's recovery, not the query.
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { ast: parsed.ast, diagnostics: parsed.diagnostics };
  const schema =
    options.schema ??
    getSchema({
      stackVersion: options.stackVersion,
      indexPatterns: options.indexPatterns,
      integrations: options.integrations,
    });
  const diagnostics = [
    ...parsed.diagnostics,
    ...analyze(text, parsed.ast, {
      schema,
      timestampField: options.timestampField,
      eventCategoryField: options.eventCategoryField,
      tiebreakerField: options.tiebreakerField,
    }),
  ];
  return { ast: parsed.ast, diagnostics };
}

export { analyze, quoteName } from './analyze.ts';
export type { ValueType, AnalyzeOptions } from './analyze.ts';
export { FUNCTIONS, lookupFunction, signatureLabel, UNSUPPORTED_FUNCTIONS } from '../functions/registry.ts';
export type { FunctionDef, ParamDef } from '../functions/registry.ts';
export { CheckMessages } from './messages.ts';
export { completionsAt, hoverAt, signatureHelpAt } from './service.ts';
export type { CompletionItem, CompletionKind, Hover, ServiceOptions, SignatureHelp } from './service.ts';
export { lintRegex } from './regex.ts';
