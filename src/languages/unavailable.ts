/**
 * A language the studio knows by name but cannot analyse or run yet: it answers nothing, and
 * says so once (one diagnostic for the check, one for a run), so a KQL or ES|QL rule opens and
 * edits normally instead of being read as EQL.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { CompiledLanguageQuery, QueryLanguage, QueryLanguageId, QueryLanguageInfo } from './language.ts';

const NAMES: Record<QueryLanguageId, { label: string; monacoId: string }> = {
  eql: { label: 'EQL', monacoId: 'eql' },
  kuery: { label: 'KQL', monacoId: 'kql' },
  esql: { label: 'ES|QL', monacoId: 'esql' },
  lucene: { label: 'Lucene', monacoId: 'lucene' },
};

/** The names of a language by its id; a value the studio does not know is shown as written. */
export function namesOf(id: string): { label: string; monacoId: string } {
  return Object.hasOwn(NAMES, id) ? NAMES[id as QueryLanguageId] : { label: id, monacoId: 'plaintext' };
}

export function unavailableInfo(id: string): QueryLanguageInfo {
  return { id, ...namesOf(id), completionTriggers: [], signatureTriggers: [], signatureRetriggers: [], folding: () => [], valueFieldAt: () => undefined };
}

export function unavailableLanguage(id: string): QueryLanguage {
  const { label } = namesOf(id);
  const notChecked: Diagnostic = {
    severity: 'info',
    code: 'language/unavailable',
    source: 'lint',
    message: `${label} checks are not available yet: the query is not checked.`,
  };
  // An error, so the matches say why there are none (DESIGN.md: "No matches" followed by the reason).
  const notRun: Diagnostic = {
    severity: 'error',
    code: 'language/unavailable',
    source: 'events',
    message: `${label} queries cannot run on sample events yet.`,
  };
  const compiled: CompiledLanguageQuery = {
    diagnostics: [notRun],
    runs: false,
    resultKind: 'events',
    fieldReferences: [],
    joinKeyNames: [],
    run: () => ({ kind: 'events', matches: [], diagnostics: [notRun] }),
    explain: () => null,
    nearMisses: () => ({ items: [], total: 0 }),
  };
  return {
    info: unavailableInfo(id),
    service: {
      id,
      check: () => [notChecked],
      complete: () => [],
      hover: () => null,
      signature: () => null,
      format: () => null,
    },
    evaluator: { id, compile: () => compiled },
  };
}
