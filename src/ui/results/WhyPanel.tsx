import type { ExplainNode } from '../../eql/run/types.ts';
import { useEvents } from '../../state/events.ts';
import { selectEvent } from '../../state/live-evaluation.ts';
import type { Timeline, TimelineStep } from '../../worker/events-protocol.ts';
import { cellText } from '../events/format.ts';
import '../events/events.css';

const TRUTH_KINDS = new Set(['filter', 'category', 'compare', 'logical', 'not', 'in', 'match', 'call']);

function truthName(v: unknown): 'true' | 'false' | 'null' {
  return v === true ? 'true' : v === false ? 'false' : 'null';
}

/** Field values a clause read, e.g. `process.name = "bash"`, so a false clause says why. */
function fieldValues(node: ExplainNode): string {
  const fields: string[] = [];
  const visit = (n: ExplainNode) => {
    if (n.kind === 'field') fields.push(`${n.label} = ${n.value === null ? 'missing' : JSON.stringify(n.value)}`);
    else if (!TRUTH_KINDS.has(n.kind) || n === node) n.children.forEach(visit);
  };
  visit(node);
  return fields.join(', ');
}

function ClauseTree({ nodes, query }: { nodes: ExplainNode[]; query: string }) {
  return (
    <ul className="clause-tree">
      {nodes.map((n, i) => {
        if (n.kind === 'sequence' || n.kind === 'sample') return <ClauseTree key={i} nodes={n.children} query={query} />;
        if (!TRUTH_KINDS.has(n.kind)) return null;
        const text = query.slice(n.range.start, n.range.end) || n.label;
        const values = n.kind === 'logical' || n.kind === 'filter' ? '' : fieldValues(n);
        const kids = n.children.filter((c) => TRUTH_KINDS.has(c.kind));
        const truth = truthName(n.value);
        return (
          <li key={i} className={`clause ${truth}`}>
            <span className={`truth ${truth}`}>{truth}</span> <code>{n.kind === 'filter' ? text.split('\n')[0] : text}</code>
            {values && <span className="muted"> ({values})</span>}
            {kids.length > 0 && n.kind !== 'compare' && <ClauseTree nodes={kids} query={query} />}
          </li>
        );
      })}
    </ul>
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
            <button type="button" className="link-button" onClick={() => selectEvent(s.event)}>
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
  const selected = useEvents((s) => s.selected);
  const explain = useEvents((s) => s.explain);
  return (
    <section className="panel why-panel" aria-label="Why">
      <div className="panel-header">
        <h2 className="panel-title">Why</h2>
        {selected !== null && (
          <>
            <span>event #{selected}</span>
            <button type="button" className="button small" onClick={() => selectEvent(null)}>
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
          <ClauseTree nodes={[explain.tree]} query={explain.query} />
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
            <pre className="json" tabIndex={0}>{JSON.stringify(explain.event, null, 2)}</pre>
          </details>
        </>
      )}
    </section>
  );
}
