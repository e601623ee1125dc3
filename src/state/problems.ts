/**
 * The Problems panel's view-model: every diagnostic about the selected rule — the query, the last
 * edit, the rule file, the sample events and what only running the query found — each with
 * where it is (line:column, or the TOML path) and the source that says how to reveal it.
 */
import { lineIndex, type Diagnostic } from '../diagnostic.ts';
import type { RuleEntry } from './rule-entry.ts';
import type { RuleAnalysis } from './live-analysis.ts';
import type { EvaluationState } from './live-evaluation.ts';
import type { WorkspaceData } from './studio.ts';

export type ProblemSource = 'query' | 'rule' | 'events' | 'edit';

export interface Problem {
  diagnostic: Diagnostic;
  source: ProblemSource;
  where: string;
}

function located(diagnostics: readonly Diagnostic[] | undefined, text: string, where: string, source: ProblemSource): Problem[] {
  if (!diagnostics?.length) return [];
  // One index of line starts per text: many diagnostics on a large file must not rescan it each.
  const positionOf = lineIndex(text);
  return diagnostics.map((diagnostic) => {
    // A range beyond the text belongs to an input not held as text (a large paste or file kept
    // as a Blob): its message names the line.
    if (!diagnostic.range || diagnostic.range.start > text.length)
      return { diagnostic, source, where: diagnostic.path ? `${where} ${diagnostic.path}` : where };
    const { line, column } = positionOf(diagnostic.range.start);
    return { diagnostic, source, where: `${where} ${line}:${column}` };
  });
}

/**
 * What only running the query found (a Java exception that fails it in Elasticsearch, a regex
 * budget): the evaluation repeats the check's findings, which are listed already.
 */
function runOnly(run: readonly Diagnostic[] | undefined, checked: readonly Diagnostic[] | undefined): Diagnostic[] {
  if (!run?.length) return [];
  const key = (d: Diagnostic) => `${d.code}|${d.range?.start}|${d.range?.end}|${d.message}`;
  const seen = new Set((checked ?? []).map(key));
  return run.filter((d) => !seen.has(key(d)) && !d.code.startsWith('eql/syntax'));
}

const ORDER = { error: 0, warning: 1, info: 2 };

/** The problems of a rule, errors first (the order within a severity is the order above). */
export function listProblems(
  entry: RuleEntry | undefined,
  analysis: RuleAnalysis | null,
  editProblem: WorkspaceData['editProblem'],
  evaluation: EvaluationState['response'],
): Problem[] {
  if (!entry) return [];
  const list: Problem[] = [];
  if (entry.queryProblem) list.push({ diagnostic: entry.queryProblem, source: 'query', where: 'query' });
  if (editProblem) list.push({ diagnostic: editProblem, source: 'edit', where: editProblem.path ?? 'edit' });
  list.push(...located(analysis?.queryDiagnostics, entry.queryText, 'query', 'query'));
  list.push(...located(runOnly(evaluation?.result?.diagnostics, analysis?.queryDiagnostics), entry.queryText, 'query', 'query'));
  list.push(...located(analysis?.ruleDiagnostics, entry.rule.text, entry.fileName, 'rule'));
  list.push(...located(evaluation?.eventDiagnostics, entry.eventsText, 'events', 'events'));
  return list.sort((a, b) => ORDER[a.diagnostic.severity] - ORDER[b.diagnostic.severity]);
}
