import { useStudio } from '../../state/studio.ts';
import { eventSummary, matchStatus } from './match-summary.ts';

export function MatchesPanel() {
  const evaluation = useStudio((s) => s.evaluation);
  const response = evaluation.response;
  const result = response?.result ?? null;
  const queryErrors = result?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  return (
    <section className="panel matches-panel" aria-label="Matches">
      <div className="panel-header">
        <h2 className="panel-title">Matches</h2>
        <p role="status" className="match-status" aria-busy={evaluation.status === 'running'}>
          {matchStatus(result)}
          {queryErrors.length > 0 && ` — the query has ${queryErrors.length} error${queryErrors.length === 1 ? '' : 's'}`}
        </p>
        {response && <span className="timing">{response.millis.toFixed(1)} ms</span>}
      </div>
      {evaluation.error && <p className="field-error">Evaluation failed: {evaluation.error}</p>}
      {result && result.matches.length > 0 && (
        <ol className="match-list">
          {result.matches.map((match, i) => (
            <li key={i} className="match">
              {result.kind !== 'events' && (
                <div className="match-header">
                  {result.kind === 'sequences' ? 'Sequence' : 'Sample'} {i + 1}
                  {match.joinKeys.length > 0 && <span className="join-keys"> by {match.joinKeys.map((k) => JSON.stringify(k)).join(', ')}</span>}
                </div>
              )}
              <ul className="match-events">
                {match.events.map((index, j) => (
                  <li key={j} className={index === null ? 'missing-event' : undefined}>
                    {result.kind !== 'events' && <span className="stage">stage {(match.stages?.[j] ?? j) + 1}</span>}
                    {index === null ? (
                      <span>missing event (none occurred, as required)</span>
                    ) : (
                      <>
                        <span className="event-index">#{index}</span> <span>{eventSummary(response!.matchedEvents[index])}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
