import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';

import { EventsInput } from './EventsInput.tsx';
import { EventsList } from './EventsList.tsx';
import { formatBytes, plural } from './format.ts';
import './events.css';

const NO_TESTS: never[] = [];
const SHOWN_PROBLEMS = 5;

export function EventsPanel() {
  const tests = useApp((s) => selectedEntry(s)?.tests ?? NO_TESTS);
  return (
    <section className="panel events-panel" aria-labelledby="events-title">
      <div className="panel-header">
        <h2 className="panel-title" id="events-title">
          Events
        </h2>
        {tests.length > 0 && (
          <div className="test-cases" role="group" aria-label="Test cases">
            {tests.map((t, i) => (
              <button
                key={t.name}
                type="button"
                className="chip"
                title={`Load the events of the test case “${t.name}”`}
                onClick={() => useApp.getState().actions.workspace.loadTestEvents(i)}
              >
                {t.name}
              </button>
            ))}
          </div>
        )}
      </div>
      <EventsInput />
      <ReadSummary />
      <EventsList />
    </section>
  );
}

/** How many events were read, and the first bad lines right under the input. */
function ReadSummary() {
  const load = useApp((s) => s.load);
  const notice = useApp((s) => s.notice);
  const r = load.response;
  if (notice) return <p className="events-summary">{notice}</p>;
  if (load.status === 'failed') return <p className="events-summary field-error">The events could not be read: {load.error}</p>;
  if (!r) return <p className="events-summary">&nbsp;</p>;
  const problems = r.diagnostics.filter((d) => d.code.startsWith('events/'));
  return (
    <div className="events-read">
      <p className="events-summary" aria-live="polite">
        {plural(r.eventCount, 'event')} read
        {r.eventCount > 0 &&
          ` (${r.format === 'csv' ? 'Discover CSV' : r.format === 'json' ? 'JSON' : r.format === 'array' ? 'JSON array' : 'NDJSON'}, ${formatBytes(r.size)}, ${Math.round(r.millis)} ms)`}
        {r.skipped > 0 && ` · ${plural(r.skipped, 'bad line or item', 'bad lines or items')} skipped`}
      </p>
      {problems.length > 0 && (
        <ul className="events-problems" aria-label="Event input problems">
          {problems.slice(0, SHOWN_PROBLEMS).map((d, i) => (
            <li key={i} className={`message ${d.severity}`}>
              {d.message}
            </li>
          ))}
          {problems.length > SHOWN_PROBLEMS && <li className="muted">…and more in Problems</li>}
        </ul>
      )}
    </div>
  );
}
