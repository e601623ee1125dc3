/**
 * checkKql: the diagnostics of a KQL query for a rule. The parser's first; when the query
 * parses without an error, the schema checks of analyze.ts on top ("one mistake, one
 * diagnostic": a half-parsed tree would describe the parser's recovery, not the query).
 */
import { hasErrors, type Diagnostic } from '../../diagnostic.ts';
import { getSchema, type FieldSchema } from '../../eql/schema/index.ts';
import type { ServiceOptions } from '../../eql/check/service.ts';
import { parseKql, type KqlParseResult } from '../syntax/parser.ts';
import { analyzeKql } from './analyze.ts';

/** The rule's schema: the one given, or the one of its stack, index patterns and integrations (cached). */
export function schemaOf(options: ServiceOptions): FieldSchema {
  return options.schema ?? getSchema({ stackVersion: options.stackVersion, indexPatterns: options.indexPatterns, integrations: options.integrations });
}

export function checkKql(text: string, options: ServiceOptions = {}): Diagnostic[] {
  return checkParsedKql(text, parseKql(text), options);
}

/** checkKql over a tree already parsed from `text` (the evaluator parses once per change and checks that). */
export function checkParsedKql(text: string, parsed: KqlParseResult, options: ServiceOptions = {}): Diagnostic[] {
  if (hasErrors(parsed.diagnostics)) return parsed.diagnostics;
  const diagnostics = [...parsed.diagnostics, ...analyzeKql(text, parsed.node, schemaOf(options))];
  return diagnostics.sort((a, b) => (a.range?.start ?? -1) - (b.range?.start ?? -1));
}
