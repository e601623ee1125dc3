/**
 * What the analysis worker does for each request (rule validation and the query's language
 * service; events and evaluation have a worker of their own, events.worker.ts). Plain functions over the pure core, so they are tested
 * in Node without a worker.
 */
import { loadRule } from '../rule/load.ts';
import { validateRule } from '../rule/validate/index.ts';
import { checkQuery } from '../eql/check/index.ts';
import { completionsAt, hoverAt, signatureHelpAt } from '../eql/check/service.ts';
import { formatQuery } from '../eql/syntax/printer.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import type { AnalyzeRequest, AnalyzeResponse, CheckRequest, CheckResponse, WorkerRequest, WorkerResponse } from './protocol.ts';

export function handleAnalyze(request: AnalyzeRequest): AnalyzeResponse {
  const rule = loadRule(request.ruleText, request.path);
  if (!rule.data) return { kind: 'analyze', ruleDiagnostics: rule.diagnostics, queryDiagnostics: [] };
  // An EQL query is checked by `check` (ranges in the query, not the file), so skip it here.
  const ruleDiagnostics = validateRule(rule, { skipQueryLayer: querySettingsOf(rule.data).language === 'eql' });
  return { kind: 'analyze', ruleDiagnostics: [...rule.diagnostics, ...ruleDiagnostics], queryDiagnostics: [] };
}

export function handleCheck(request: CheckRequest): CheckResponse {
  return { kind: 'check', diagnostics: checkQuery(request.query, request.context).diagnostics };
}

export function handleRequest(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'analyze':
      return handleAnalyze(request);
    case 'check':
      return handleCheck(request);
    case 'complete':
      return { kind: 'complete', items: completionsAt(request.query, request.offset, request.context) };
    case 'hover':
      return { kind: 'hover', hover: hoverAt(request.query, request.offset, request.context) };
    case 'signature':
      return { kind: 'signature', help: signatureHelpAt(request.query, request.offset) };
    case 'format':
      return { kind: 'format', text: formatQuery(request.query) };
  }
}
