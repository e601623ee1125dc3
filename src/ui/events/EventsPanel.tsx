import { selectedEntry, useStudio } from '../../state/studio.ts';

const NO_TESTS: never[] = [];

export function EventsPanel() {
  const eventsText = useStudio((s) => selectedEntry(s)?.eventsText ?? '');
  const tests = useStudio((s) => selectedEntry(s)?.tests ?? NO_TESTS);
  const setEventsText = useStudio((s) => s.setEventsText);
  const eventCount = useStudio((s) => s.evaluation.response?.eventCount);
  return (
    <section className="panel events-panel" aria-labelledby="events-title">
      <div className="panel-header">
        <h2 className="panel-title" id="events-title">
          Events
        </h2>
        {tests.length > 0 && (
          <div className="test-cases" role="group" aria-label="Test cases">
            {tests.map((t) => (
              <button
                key={t.name}
                type="button"
                className="chip"
                title={`Load the events of the test case “${t.name}”`}
                onClick={() => setEventsText(t.events.map((e) => JSON.stringify(e)).join('\n') + '\n')}
              >
                {t.name}
              </button>
            ))}
          </div>
        )}
      </div>
      <label htmlFor="sample-events" className="visually-hidden">
        Sample events
      </label>
      <textarea
        id="sample-events"
        className="events-input"
        spellCheck={false}
        placeholder="Paste events: NDJSON (one JSON object per line), a JSON array, or an Elasticsearch search response"
        value={eventsText}
        onChange={(e) => setEventsText(e.currentTarget.value)}
      />
      <p className="events-summary">{eventCount !== undefined ? `${eventCount} event${eventCount === 1 ? '' : 's'} read` : '\u00a0'}</p>
    </section>
  );
}
