import { useMemo } from 'react';
import { lineIndex, type Diagnostic } from '../../diagnostic.ts';
import { selectedEntry, useStudio } from '../../state/studio.ts';
import { revealProblem, type ProblemSource } from './reveal-problem.ts';

interface Problem {
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

export function ProblemsPanel() {
  const entry = useStudio(selectedEntry);
  const analysis = useStudio((s) => s.analysis);
  const editProblem = useStudio((s) => s.editProblem);
  const evaluation = useStudio((s) => s.evaluation.response);

  const problems = useMemo(() => {
    if (!entry) return [];
    const list: Problem[] = [];
    if (entry.queryProblem) list.push({ diagnostic: entry.queryProblem, source: 'query', where: 'query' });
    if (editProblem) list.push({ diagnostic: editProblem, source: 'edit', where: editProblem.path ?? 'edit' });
    list.push(...located(analysis?.queryDiagnostics, entry.queryText, 'query', 'query'));
    list.push(...located(runOnly(evaluation?.result?.diagnostics, analysis?.queryDiagnostics), entry.queryText, 'query', 'query'));
    list.push(...located(analysis?.ruleDiagnostics, entry.rule.text, entry.fileName, 'rule'));
    list.push(...located(evaluation?.eventDiagnostics, entry.eventsText, 'events', 'events'));
    const order = { error: 0, warning: 1, info: 2 };
    return list.sort((a, b) => order[a.diagnostic.severity] - order[b.diagnostic.severity]);
  }, [entry, analysis, editProblem, evaluation]);

  return (
    <section className="panel problems-panel" aria-label="Problems">
      <h2 className="panel-title">
        Problems <span className="count">{problems.length}</span>
      </h2>
      {problems.length === 0 ? (
        <p className="empty-note">No problems.</p>
      ) : (
        <ul className="problem-list">
          {problems.map(({ diagnostic, source, where }, i) => (
            <li key={i} className={`problem ${diagnostic.severity}`}>
              <button type="button" className="problem-button" title="Show where" onClick={() => entry && revealProblem(diagnostic, source, entry)}>
                <span className="severity">{diagnostic.severity}</span> <span className="where">{where}</span>{' '}
                <span className="message">{diagnostic.message}</span> <code className="code">{diagnostic.code}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
