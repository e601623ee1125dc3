/**
 * Errors ask for confirmation before export, but only errors the user's edits brought in: a
 * bundled or upstream rule that already carried an error when opened exports without a prompt
 * (its author knows). Both sides are analysed fresh by the worker at export time, so a stale
 * analysis (typing still in flight) can neither hide a new error nor invent one.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { RuleEntry } from './rule-entry.ts';
import { analysisWorker } from './worker.ts';

const errorKey = (d: Diagnostic) => `${d.code}\u0000${d.path ?? ''}`;

/** The errors of a rule as opened never change: analysed once per rule. */
const baselines = new Map<string, Promise<Set<string>>>();

async function ruleErrors(key: string, ruleText: string, path: string): Promise<Diagnostic[]> {
  const response = await analysisWorker().request(key, { kind: 'analyze', ruleText, path });
  return response.ruleDiagnostics.filter((d) => d.severity === 'error');
}

/** Errors in the rule now that it did not have as opened; none when unchanged. */
export async function newErrors(entry: RuleEntry): Promise<Diagnostic[]> {
  if (entry.rule.text === entry.originalText) return [];
  let baseline = baselines.get(entry.id);
  if (!baseline) {
    baseline = ruleErrors(`export-baseline:${entry.id}`, entry.originalText, entry.fileName).then((errors) => new Set(errors.map(errorKey)));
    baselines.set(entry.id, baseline);
  }
  const [known, current] = await Promise.all([baseline, ruleErrors(`export-current:${entry.id}`, entry.rule.text, entry.fileName)]);
  return current.filter((d) => !known.has(errorKey(d)));
}
