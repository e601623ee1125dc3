import { useApp } from '../../state/store.ts';
import { EVENTS_PAGE } from '../../state/events.ts';
import { selectTimestampField } from '../../state/query-settings.ts';
import { plural } from './format.ts';

/** One page of the sample events: timestamp and category of each; select one to see why. */
export function EventsList() {
  const page = useApp((s) => s.page);
  const from = useApp((s) => s.pageFrom);
  const selected = useApp((s) => s.selected);
  const timestampField = useApp(selectTimestampField);
  if (!page || page.total === 0) return null;
  const to = from + page.rows.length;
  return (
    <div className="events-list">
      <div className="events-list-header">
        <span className="muted">
          Events {from + 1}–{to} of {page.total.toLocaleString('en-US')}
        </span>
        {page.missingTimestamp > 0 && (
          <span className="flag" role="note">
            {plural(page.missingTimestamp, 'event')} without {timestampField}
          </span>
        )}
        <span className="pager">
          <button
            type="button"
            className="button small"
            disabled={from === 0}
            onClick={() => useApp.getState().actions.events.showEventsPage(Math.max(0, from - EVENTS_PAGE))}
          >
            Previous
          </button>
          <button
            type="button"
            className="button small"
            disabled={to >= page.total}
            onClick={() => useApp.getState().actions.events.showEventsPage(from + EVENTS_PAGE)}
          >
            Next
          </button>
        </span>
      </div>
      <div className="table-scroll">
        <table aria-label="Events">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{timestampField}</th>
              <th scope="col">category</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.index} className={row.index === selected ? 'selected' : undefined}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={row.index === selected}
                    aria-label={`Event ${row.index}`}
                    onClick={() => useApp.getState().actions.events.selectEvent(row.index === selected ? null : row.index)}
                  >
                    #{row.index}
                  </button>
                </td>
                <td>{row.timestamp ?? <span className="flag">no {timestampField}</span>}</td>
                <td>{row.category ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
