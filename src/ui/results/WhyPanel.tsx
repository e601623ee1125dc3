import type { ExplainNode } from '../../eql/run/types.ts';
import type { Timeline, TimelineStep } from '../../state/live-evaluation.ts';
import { useApp } from '../../state/store.ts';
import { cellText } from '../events/format.ts';
import { TruthMark, valuesText } from './truth.tsx';
import '../events/events.css';
import './results.css';

/**
 * The explanation tree: each inner node by its operator (collapsible), each leaf condition
 * spelled out once with the event's values of its fields.
 */
function WhyNode({ node }: { node: ExplainNode }) {
  const truth = node.truth === true ? 'true' : node.truth === false ? 'false' : 'null';
  if (node.children.length === 0) {
    const values = valuesText(node.values);
    return (
      <li className={`why-node why-leaf ${truth}`}>
        <TruthMark truth={node.truth} /> <code className="why-condition">{node.label}</code>
        {values && <span className="why-values"> — {values}</span>}
      </li>
    );
  }
  return (
    <li className={`why-node ${truth}`}>
      <details open>
        <summary>
          <TruthMark truth={node.truth} /> <span className={`why-op why-${node.kind}`}>{node.label}</span>
        </summary>
        <ul className="why-tree">
          {node.children.map((c, i) => (
            <WhyNode key={i} node={c} />
          ))}
        </ul>
      </details>
    </li>
  );
}

const STEP_WORDS: Record<TimelineStep['kind'], string> = {
  started: 'started',
  advanced: 'advanced',
  completed: 'completed',
  expired: 'expired (maxspan)',
  until: 'cut (until)',
  replaced: 'replaced',
  rejected: 'rejected',
};

function TimelineView({ timeline, selected }: { timeline: Timeline; selected: number }) {
  return (
    <div>
      <h4 className="muted">join key {timeline.key.map(cellText).join(', ') || '(none)'}</h4>
      <ol className="timeline">
        {timeline.earlier > 0 && <li className="muted">…{timeline.earlier} earlier steps</li>}
        {timeline.steps.map((s, i) => (
          <li key={i}>
            <span className={`step-kind ${s.kind}`}>{STEP_WORDS[s.kind]}</span> stage {s.stage + 1} at event{' '}
            <button type="button" className="link-button" onClick={() => useApp.getState().actions.events.selectEvent(s.event)}>
              #{s.event}
            </button>
            {s.event === selected && ' (this event)'} <span className="muted">partial: {s.events.map((e) => `#${e}`).join(' → ')}</span>
          </li>
        ))}
        {timeline.more > 0 && <li className="muted">…{timeline.more} more steps</li>}
      </ol>
    </div>
  );
}

/** "Why did (or didn't) this event match?" for the selected event. */
export function WhyPanel() {
  const selected = useApp((s) => s.selected);
  const explain = useApp((s) => s.explain);
  return (
    <section className="panel why-panel" aria-label="Why">
      <div className="panel-header">
        <h2 className="panel-title">Why</h2>
        {selected !== null && (
          <>
            <span>event #{selected}</span>
            <button type="button" className="button small" onClick={() => useApp.getState().actions.events.selectEvent(null)}>
              Clear selection
            </button>
          </>
        )}
      </div>
      {selected === null ? (
        <p className="empty-note">Select an event (in the events list or the matches) to see each clause of the query on it.</p>
      ) : !explain || explain.index !== selected ? (
        <p className="empty-note">Explaining…</p>
      ) : !explain.tree ? (
        <p className="empty-note">The query has errors; fix them to see why.</p>
      ) : (
        <>
          <ul className="why-tree why-root" aria-label="Conditions on this event">
            <WhyNode node={explain.tree} />
          </ul>
          {explain.timelines && (
            <div className="timelines" aria-label="Sequence timeline" role="group">
              <h3 className="panel-title">Partial sequences with this event</h3>
              {explain.timelines.length === 0 ? (
                <p className="empty-note">This event did not start or advance any partial sequence.</p>
              ) : (
                explain.timelines.map((t, i) => <TimelineView key={i} timeline={t} selected={selected} />)
              )}
            </div>
          )}
          <details>
            <summary>Event JSON</summary>
            <pre className="json" tabIndex={0}>
              {JSON.stringify(explain.event, null, 2)}
            </pre>
          </details>
        </>
      )}
    </section>
  );
}
