import { Fragment, useState } from 'react';
import { selectedEntry } from '../../state/workspace-slice.ts';
import { selectMatchesView } from '../../state/matches-view.ts';
import { useApp } from '../../state/store.ts';
import { fieldValueOf, MAX_EVENTS_PER_MATCH, timestampFieldOf, type EvaluationResult } from '../../state/live-evaluation.ts';
import type { RunKind, RunMatch } from '../../languages/language.ts';
import { cellText } from '../events/format.ts';
import { matchHeading, matchNouns, matchStatus } from './match-summary.ts';
import '../events/events.css';

/** Columns beyond this many query fields would not fit; the JSON shows everything. */
const MAX_FIELD_COLUMNS = 6;
/** Sequence/sample groups rendered at first: a large DOM costs layout on every edit. */
const GROUPS_PER_PAGE = 10;
/**
 * Event rows rendered at first. The worker sends up to MAX_SHOWN_MATCHES; laying out all of them
 * in the results table on each keystroke could take a frame beyond 50 ms on a slow machine.
 */
const ROWS_PER_PAGE = 50;
/** Events listed per group (a threshold group may hold thousands; the worker sends this many). */
const MAX_GROUP_ROWS = MAX_EVENTS_PER_MATCH;

export function MatchesPanel() {
  const { current, shown: response, stale, queryErrors, total, status, error } = useApp(selectMatchesView);
  const timestampField = useApp((s) => timestampFieldOf(selectedEntry(s)?.rule.data));
  const result = response?.result ?? null;
  const evaluations = useApp((s) => s.evaluations);
  const [groupsShown, setGroupsShown] = useState(GROUPS_PER_PAGE);
  const [rowsShown, setRowsShown] = useState(ROWS_PER_PAGE);
  const columns = [timestampField, ...(response?.queryFields ?? []).filter((f) => f !== timestampField).slice(0, MAX_FIELD_COLUMNS)];
  return (
    <section className="panel matches-panel" aria-label="Matches">
      <div className="panel-header">
        <h2 className="panel-title">Matches</h2>
        <p role="status" className="match-status" aria-busy={status === 'running'} data-evaluations={evaluations}>
          {matchStatus(stale ? null : result, total, queryErrors)}
        </p>
        {stale ? <span className="timing">showing the last query that ran</span> : current && <span className="timing">{current.millis.toFixed(1)} ms</span>}
      </div>
      {error && <p className="field-error">Evaluation failed: {error}</p>}
      {result && response && result.matches.length > 0 && (
        <div
          className={stale ? 'match-results stale' : 'match-results'}
          aria-label={stale ? 'Results of the last query that ran' : undefined}
          role={stale ? 'group' : undefined}
        >
          {result.kind === 'events' ? (
            <MatchTable matches={result.matches.slice(0, rowsShown)} response={response} columns={columns} />
          ) : (
            result.matches.slice(0, groupsShown).map((match, i) => {
              const heading = matchHeading(result.kind, match, i, response.joinKeyNames);
              return (
                <div key={i} className="sequence-group" role="group" aria-label={heading.label}>
                  <h3>
                    {heading.label}
                    {heading.detail && <span className="join-keys"> — {heading.detail}</span>}
                  </h3>
                  <MatchTable matches={[match]} response={response} columns={columns} role={roleColumn(result.kind)} scroll={false} />
                </div>
              );
            })
          )}
          {result.kind !== 'events' && result.matches.length > groupsShown && (
            <button type="button" className="button small" onClick={() => setGroupsShown(groupsShown + GROUPS_PER_PAGE)}>
              Show {Math.min(GROUPS_PER_PAGE, result.matches.length - groupsShown)} more {matchNouns(result.kind)}
            </button>
          )}
          {result.kind === 'events' && result.matches.length > rowsShown && (
            <button type="button" className="button small" onClick={() => setRowsShown(rowsShown + ROWS_PER_PAGE)}>
              Show {Math.min(ROWS_PER_PAGE, result.matches.length - rowsShown)} more events
            </button>
          )}
          {total > Math.min(result.matches.length, result.kind === 'events' ? rowsShown : groupsShown) && (
            <p className="muted">
              Showing the first {Math.min(result.matches.length, result.kind === 'events' ? rowsShown : groupsShown)} of {total.toLocaleString('en-US')}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

/** A first column saying what each event of a grouped match is: its stage, or its side of an indicator match. */
interface RoleColumn {
  header: string;
  of(match: RunMatch, j: number): string;
}

const STAGE: RoleColumn = { header: 'stage', of: (match, j) => `stage ${(match.stages?.[j] ?? j) + 1}` };
const THREAT_SIDE: RoleColumn = { header: 'role', of: (_, j) => (j === 0 ? 'event' : 'indicator') };

function roleColumn(kind: RunKind): RoleColumn | undefined {
  if (kind === 'sequences' || kind === 'samples') return STAGE;
  return kind === 'threat_match' ? THREAT_SIDE : undefined;
}

function MatchTable({
  matches,
  response,
  columns,
  role,
  scroll = true,
}: {
  matches: RunMatch[];
  response: EvaluationResult;
  columns: string[];
  role?: RoleColumn;
  scroll?: boolean;
}) {
  const [expanded, setExpanded] = useState<string | null>(null);
  const selected = useApp((s) => s.selected);
  const span = columns.length + (role ? 3 : 2);
  return (
    <div className={scroll ? 'table-scroll' : 'table-plain'}>
      <table className="data">
        <thead>
          <tr>
            {role && <th scope="col">{role.header}</th>}
            <th scope="col">event</th>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
            <th scope="col">JSON</th>
          </tr>
        </thead>
        <tbody>
          {matches.flatMap((match, m) =>
            match.events.slice(0, MAX_GROUP_ROWS).map((index, j) => {
              const rowKey = `${m}:${j}`;
              const stage = role ? <td>{role.of(match, j)}</td> : null;
              if (index === null) {
                return (
                  <tr key={rowKey} className="missing-row">
                    {stage}
                    <td colSpan={span - 1}>missing event (none occurred, as required)</td>
                  </tr>
                );
              }
              const event = response.matchedEvents[index];
              const open = expanded === rowKey;
              return (
                <Fragment key={rowKey}>
                  <tr className={index === selected ? 'selected' : undefined}>
                    {stage}
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        title="Explain this event"
                        onClick={() => useApp.getState().actions.events.selectEvent(index)}
                      >
                        #{index}
                      </button>
                    </td>
                    {columns.map((c) => (
                      <td key={c}>{cellText(fieldValueOf(event, c))}</td>
                    ))}
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={open}
                        aria-label={`${open ? 'hide' : 'show'} JSON of event ${index}`}
                        onClick={() => setExpanded(open ? null : rowKey)}
                      >
                        {open ? 'hide' : 'show'}
                      </button>
                    </td>
                  </tr>
                  {open && (
                    <tr>
                      <td colSpan={span}>
                        <pre className="json" tabIndex={0}>
                          {JSON.stringify(event, null, 2)}
                        </pre>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            }),
          )}
          {matches.length === 1 && matches[0].events.length > MAX_GROUP_ROWS && (
            <tr>
              <td colSpan={span} className="muted">
                …and {(matches[0].events.length - MAX_GROUP_ROWS).toLocaleString('en-US')} more events in this group
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
