import { lineIndex } from '../../diagnostic.ts';
import { useEvents } from '../../state/events.ts';
import { queryFailed, selectEvent } from '../../state/live-evaluation.ts';
import { useStudio } from '../../state/studio.ts';
import '../events/events.css';

/** Near misses (events failing exactly one clause) and fields the sample events lack. */
export function InsightsPanel() {
  const insights = useEvents((s) => s.insights);
  // Kept from the last query that ran while the current one has errors (see MatchesPanel).
  const stale = useStudio((s) => queryFailed(s.evaluation.response) && !!s.evaluation.lastRun);
  if (!insights) return null;
  const { nearMisses, nearMissCount, coverage, query } = insights;
  const positionInQuery = lineIndex(query);
  return (
    <>
      <section className={stale ? 'panel insights-panel stale' : 'panel insights-panel'} aria-label="Near misses">
        <h2 className="panel-title">
          Near misses <span className="count">{nearMissCount}</span>
        </h2>
        {nearMisses.length === 0 ? (
          <p className="empty-note">No event fails exactly one clause.</p>
        ) : (
          <ul className="test-list">
            {nearMisses.map((m) => (
              <li key={`${m.index}:${m.stage}`}>
                <button type="button" className="link-button" onClick={() => selectEvent(m.index)}>
                  #{m.index}
                </button>
                {m.stage !== null && <span className="muted">stage {m.stage + 1}</span>}
                <span>
                  fails only <code>{m.clause}</code> <span className={`truth ${m.value === false ? 'false' : 'null'}`}>({m.value === false ? 'false' : 'null'})</span>
                </span>
              </li>
            ))}
            {nearMissCount > nearMisses.length && <li className="muted">…and {nearMissCount - nearMisses.length} more</li>}
          </ul>
        )}
      </section>
      {coverage.length > 0 && (
        <section className={stale ? 'panel insights-panel stale' : 'panel insights-panel'} aria-label="Field coverage">
          <h2 className="panel-title">Field coverage</h2>
          <ul className="problem-list">
            {coverage.map((d, i) => {
              const at = d.range ? positionInQuery(d.range.start) : null;
              return (
                <li key={i} className="problem warning">
                  <span className="severity">warning</span> {at && <span className="where">query {at.line}:{at.column}</span>} <span className="message">{d.message}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
