/**
 * What the analysis worker does for each request: rule validation, and the query's language
 * service (the one the request names, from the registry). Events and evaluation have a worker of
 * their own, events.worker.ts. Plain functions over the pure core, tested in Node without a worker.
 */
import { loadRule } from '../rule/load.ts';
import { validateRule } from '../rule/validate/index.ts';
import { languageFor, registeredLanguages } from '../languages/registry.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import type { AnalyzeRequest, AnalyzeResponse, CheckRequest, CheckResponse, WorkerRequest, WorkerResponse } from './protocol.ts';

export function handleAnalyze(request: AnalyzeRequest): AnalyzeResponse {
  const rule = loadRule(request.ruleText, request.path);
  if (!rule.data) return { kind: 'analyze', ruleDiagnostics: rule.diagnostics, queryDiagnostics: [] };
  // A query in a language with a service is checked by `check` (ranges in the query, not the file), so skip it here.
  const { language } = querySettingsOf(rule.data);
  const checkedByService = language !== undefined && registeredLanguages().some((l) => l.info.id === language);
  const ruleDiagnostics = validateRule(rule, { skipQueryLayer: checkedByService });
  return { kind: 'analyze', ruleDiagnostics: [...rule.diagnostics, ...ruleDiagnostics], queryDiagnostics: [] };
}

export function handleCheck(request: CheckRequest): CheckResponse {
  return { kind: 'check', diagnostics: languageFor(request.language).service.check(request.query, request.context) };
}

export function handleRequest(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'analyze':
      return handleAnalyze(request);
    case 'check':
      return handleCheck(request);
    case 'complete':
      return { kind: 'complete', items: languageFor(request.language).service.complete(request.query, request.offset, request.context) };
    case 'hover':
      return { kind: 'hover', hover: languageFor(request.language).service.hover(request.query, request.offset, request.context) };
    case 'signature':
      return { kind: 'signature', help: languageFor(request.language).service.signature(request.query, request.offset) };
    case 'format':
      return { kind: 'format', text: languageFor(request.language).service.format(request.query) };
  }
}
