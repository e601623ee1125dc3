import { useMemo } from 'react';
import { lineColumnAt, type Diagnostic } from '../../diagnostic.ts';
import { selectedEntry, useStudio } from '../../state/studio.ts';

interface Problem {
  diagnostic: Diagnostic;
  where: string;
}

function located(diagnostics: readonly Diagnostic[] | undefined, text: string, where: string): Problem[] {
  return (diagnostics ?? []).map((diagnostic) => {
    if (!diagnostic.range) return { diagnostic, where: diagnostic.path ? `${where} ${diagnostic.path}` : where };
    const { line, column } = lineColumnAt(text, diagnostic.range.start);
    return { diagnostic, where: `${where} ${line}:${column}` };
  });
}

export function ProblemsPanel() {
  const entry = useStudio(selectedEntry);
  const analysis = useStudio((s) => s.analysis);
  const editProblem = useStudio((s) => s.editProblem);
  const evaluation = useStudio((s) => s.evaluation.response);

  const problems = useMemo(() => {
    if (!entry) return [];
    const list: Problem[] = [];
    if (entry.queryProblem) list.push({ diagnostic: entry.queryProblem, where: 'query' });
    if (editProblem) list.push({ diagnostic: editProblem, where: editProblem.path ?? 'edit' });
    list.push(...located(analysis?.queryDiagnostics, entry.queryText, 'query'));
    list.push(...located(analysis?.ruleDiagnostics, entry.rule.text, entry.fileName));
    list.push(...located(evaluation?.eventDiagnostics, entry.eventsText, 'events'));
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
          {problems.map(({ diagnostic, where }, i) => (
            <li key={i} className={`problem ${diagnostic.severity}`}>
              <span className="severity">{diagnostic.severity}</span> <span className="where">{where}</span>{' '}
              <span className="message">{diagnostic.message}</span> <code className="code">{diagnostic.code}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
