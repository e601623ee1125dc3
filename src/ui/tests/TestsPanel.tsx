import { useState } from 'react';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';

import '../events/events.css';

const NO_TESTS: never[] = [];

const show = (m: (number | null)[][]) => (m.length === 0 ? 'no match' : m.map((x) => `[${x.map((i) => (i === null ? 'missing' : i)).join(', ')}]`).join(' '));

/** The rule's test cases, run on every edit, and "save current events as a test". */
export function TestsPanel() {
  const tests = useApp((s) => selectedEntry(s)?.tests ?? NO_TESTS);
  const outcomes = useApp((s) => s.tests.outcomes);
  const running = useApp((s) => s.tests.running);
  const error = useApp((s) => s.tests.error);
  const [name, setName] = useState('');
  const passed = outcomes?.filter((o) => o.passed).length ?? 0;

  const save = async () => {
    if (await useApp.getState().actions.workspace.saveEventsAsTest(name)) setName('');
  };

  return (
    <section className="panel tests-panel" aria-label="Rule tests">
      <div className="panel-header">
        <h2 className="panel-title">Rule tests</h2>
        {outcomes && tests.length > 0 && (
          <span className={`badge ${passed === tests.length ? 'pass' : 'fail'}`} aria-busy={running}>
            {passed}/{tests.length} passed
          </span>
        )}
        {tests.length > 0 && (
          <button type="button" className="button small" onClick={useApp.getState().actions.workspace.downloadTests}>
            Download tests
          </button>
        )}
      </div>
      {error && <p className="field-error">The tests could not run: {error}</p>}
      {tests.length === 0 ? (
        <p className="empty-note">This rule has no test cases yet.</p>
      ) : (
        <ul className="test-list">
          {tests.map((t, i) => {
            const o = outcomes?.[i];
            return (
              <li key={t.name}>
                {o ? <span className={`badge ${o.passed ? 'pass' : 'fail'}`}>{o.passed ? 'pass' : 'fail'}</span> : <span className="badge">…</span>}
                <span>{t.name}</span>
                {o && !o.passed && <span className="muted">{o.error ? o.error : `expected ${show(o.expected)}, got ${show(o.actual)}`}</span>}
                <button type="button" className="link-button" onClick={() => useApp.getState().actions.workspace.loadTestEvents(i)}>
                  load events
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form
        className="save-test"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor="new-test-name" className="muted">
          Test title
        </label>
        <input id="new-test-name" value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="e.g. python spawns a tty" />
        <button type="submit" className="button small" disabled={!name.trim()}>
          Save current events as a test
        </button>
      </form>
    </section>
  );
}
