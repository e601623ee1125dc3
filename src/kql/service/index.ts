/**
 * The KQL language service: checks, completion and hover over (text, offset, options), in the
 * shapes the EQL service uses (ServiceOptions, CompletionItem, Hover), so the language seam and
 * the Monaco adapters treat both languages alike.
 */
export { checkKql, checkParsedKql, schemaOf } from './check.ts';
export { completeKql } from './complete.ts';
export { kqlValueFieldAt } from './value-slot.ts';
export { hoverKql } from './hover.ts';
export { analyzeKql } from './analyze.ts';
export { KqlMessages } from './messages.ts';
export type { CompletionItem, Hover, ServiceOptions } from '../../eql/check/service.ts';
export { formatKql } from '../syntax/printer.ts';
