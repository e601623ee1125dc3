import { lineIndex } from '../../diagnostic.ts';
import type { NearMiss } from '../../state/live-evaluation.ts';
import { selectLanguageInfo } from '../../state/query-settings.ts';
import { selectResultsStale } from '../../state/matches-view.ts';
import { useApp } from '../../state/store.ts';
import { valuesText } from './truth.tsx';
import '../events/events.css';
import './results.css';

/** Alternatives named per near miss; an `or` of many may offer more. */
const SHOWN_LEAVES = 3;

function NearMissText({ miss }: { miss: NearMiss }) {
  const shown = miss.leaves.slice(0, SHOWN_LEAVES);
  return (
    <span>
      would match if{' '}
      {shown.map((leaf, i) => {
        const values = valuesText(leaf.values);
        return (
          <span key={i} className="near-miss-leaf">
            {i > 0 && ' or if '}
            <code>{leaf.condition}</code> were {String(leaf.needed)}
            {values && <span className="why-values"> ({values})</span>}
          </span>
        );
      })}
      {miss.leaves.length > shown.length && <span className="muted"> or one of {miss.leaves.length - shown.length} other conditions</span>}
    </span>
  );
}

/** Near misses (events one condition away from matching) and fields the sample events lack. */
export function InsightsPanel() {
  const insights = useApp((s) => s.insights);
  // Kept from the last query that ran while the current one has errors (matches-view.ts).
  const stale = useApp(selectResultsStale);
  const language = useApp(selectLanguageInfo);
  if (!insights) return null;
  const { nearMisses, nearMissCount, coverage, query } = insights;
  const positionInQuery = lineIndex(query);
  return (
    <>
      <section className={stale ? 'panel insights-panel stale' : 'panel insights-panel'} aria-label="Near misses">
        <h2 className="panel-title">
          Near misses <span className="count">{nearMissCount}</span>
        </h2>
        <details className="near-miss-help">
          <summary>What is a near miss?</summary>
          <p>
            An event that does not match but would if exactly one condition had the opposite value, every other condition keeping its value for the event. Under{' '}
            <code>not</code> the condition has to become false; in an <code>or</code> any one alternative may be the one that becomes true (each is listed).
          </p>
          {/* What a condition is differs per language: its info says (src/languages/*-info.ts). */}
          <p>
            A {language.label} condition is a leaf of the query's <code>and</code>/<code>or</code>/<code>not</code> tree:{' '}
            {language.nearMissConditions ?? 'a comparison of a field with a value'}.
          </p>
        </details>
        {nearMisses.length === 0 ? (
          <p className="empty-note">No event is one condition away from matching.</p>
        ) : (
          <ul className="test-list">
            {nearMisses.map((m) => (
              <li key={`${m.index}:${m.stage}`}>
                <button type="button" className="link-button" onClick={() => useApp.getState().actions.events.selectEvent(m.index)}>
                  #{m.index}
                </button>
                {m.stage !== null && <span className="muted">stage {m.stage + 1}</span>}
                <NearMissText miss={m} />
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
                  <span className="severity">warning</span>{' '}
                  {at && (
                    <span className="where">
                      query {at.line}:{at.column}
                    </span>
                  )}{' '}
                  <span className="message">{d.message}</span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
