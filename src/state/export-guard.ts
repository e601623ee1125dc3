/**
 * Errors ask for confirmation before export, but only errors the user's edits brought in: a
 * bundled or upstream rule that already carried an error when opened exports without a prompt
 * (its author knows). The baseline is the analysis of each rule's text as opened.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { selectedEntry, useStudio } from './studio.ts';

const errorKey = (d: Diagnostic) => `${d.code}\u0000${d.path ?? ''}`;
const baselines = new Map<string, Set<string>>();

export function startExportGuard(): () => void {
  return useStudio.subscribe((state) => {
    const entry = selectedEntry(state);
    const diagnostics = state.analysis?.ruleDiagnostics;
    if (!entry || !diagnostics || baselines.has(entry.id) || entry.rule.text !== entry.originalText) return;
    baselines.set(entry.id, new Set(diagnostics.filter((d) => d.severity === 'error').map(errorKey)));
  });
}

/** Errors in the latest analysis of the selected rule that it did not have as opened. */
export function newErrorsOfSelected(): Diagnostic[] {
  const state = useStudio.getState();
  const entry = selectedEntry(state);
  const baseline = entry ? baselines.get(entry.id) : undefined;
  const diagnostics = state.analysis?.ruleDiagnostics ?? [];
  // Without a baseline (edited before the first analysis arrived) we cannot tell new from old:
  // do not nag; the errors are listed in Problems anyway.
  if (!entry || !baseline || entry.rule.text === entry.originalText) return [];
  return diagnostics.filter((d) => d.severity === 'error' && !baseline.has(errorKey(d)));
}
