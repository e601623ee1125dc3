import { useMemo } from 'react';
import { listProblems } from '../../state/problems.ts';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';
import { revealProblem } from './reveal-problem.ts';

export function ProblemsPanel() {
  const entry = useApp(selectedEntry);
  const analysis = useApp((s) => s.analysis);
  const editProblem = useApp((s) => s.editProblem);
  const evaluation = useApp((s) => s.evaluation.response);

  const problems = useMemo(() => listProblems(entry, analysis, editProblem, evaluation), [entry, analysis, editProblem, evaluation]);

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
