import { memo, type RefObject, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RepoFile } from '../../state/repository.ts';
import { isDirty, type RuleEntry, ruleName } from '../../state/rule-entry.ts';
import { useApp } from '../../state/store.ts';
import { ValidateRepositoryButton } from '../repository/ValidateRepository.tsx';
import { ChangedInRepositoryFilter, OpenFolderButton, RepositoryMarks, useChangedInRepository } from '../repository/RepositoryList.tsx';
import { matchesWords, type RuleSummary, searchTextOf, searchWords } from '../../state/rule-search.ts';

/**
 * One line of the list: a rule open in the workspace, or a repository rule not opened yet (its
 * summary; opening it loads it). A repository rule that is open is shown as the open rule.
 */
type Row = { entry: RuleEntry; path?: string } | { summary: RuleSummary };

/** Where a row stands in a windowed list (only its rows near the view are in the page). */
type Position = { 'aria-posinset': number; 'aria-setsize': number };

type Marks = { git?: RepoFile['git']; changedOnDisk?: boolean };

const RuleButton = memo(function RuleButton({
  entry,
  marks,
  selected,
  onSelect,
  position,
}: {
  entry: RuleEntry;
  marks: Marks;
  selected: boolean;
  onSelect: (id: string) => void;
  position?: Position;
}) {
  const dirty = isDirty(entry);
  return (
    <li {...position}>
      <button
        type="button"
        className={selected ? 'rule-item selected' : 'rule-item'}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(entry.id)}
        title={`${ruleName(entry)}\n${entry.fileName}`}
      >
        {ruleName(entry)}
        <RepositoryMarks {...marks} />
        {dirty && (
          <span className="dirty-marker" aria-label="(modified)" title="modified">
            {' '}
            ●
          </span>
        )}
      </button>
    </li>
  );
});

const NO_MARKS: Marks = {};

const openFile = (path: string) => void useApp.getState().actions.repository.openRule(path);
const prefetch = (path: string) => useApp.getState().actions.repository.prefetchRule(path);

const FileButton = memo(function FileButton({ summary, marks, position }: { summary: RuleSummary; marks: Marks; position?: Position }) {
  return (
    <li {...position}>
      <button
        type="button"
        className="rule-item"
        onClick={() => openFile(summary.path)}
        onPointerEnter={() => prefetch(summary.path)}
        onFocus={() => prefetch(summary.path)}
        title={`${summary.name}\n${summary.path}`}
      >
        {summary.name}
        <RepositoryMarks {...marks} />
      </button>
    </li>
  );
});

/** Open rules that are not repository files first, then the repository's rules by path. */
function listRows(rules: readonly RuleEntry[], index: readonly RuleSummary[], links: Record<string, { path: string }>): Row[] {
  const indexed = new Set(index.map((s) => s.path));
  const openByPath = new Map<string, RuleEntry>();
  const rows: Row[] = [];
  for (const entry of rules) {
    const path = links[entry.id]?.path;
    if (path !== undefined && indexed.has(path)) openByPath.set(path, entry);
    else rows.push({ entry, path });
  }
  for (const summary of index) {
    const entry = openByPath.get(summary.path);
    rows.push(entry ? { entry, path: summary.path } : { summary });
  }
  return rows;
}

export function RuleList() {
  const rules = useApp((s) => s.rules);
  const selectedId = useApp((s) => s.selectedId);
  // The action is the same function on every render, so memo keeps the rows.
  const selectRule = useApp((s) => s.actions.rules.selectRule);
  const index = useApp((s) => s.repository.index);
  const links = useApp((s) => s.repository.links);
  const gitByPath = useApp((s) => s.repository.gitByPath);
  const changedOnDisk = useApp((s) => s.repository.changedOnDisk);
  // The same object for every unmarked row, so memo keeps those rows as they are.
  const marksOf = (path: string | undefined): Marks =>
    path !== undefined && (gitByPath[path] || changedOnDisk[path]) ? { git: gitByPath[path], changedOnDisk: changedOnDisk[path] === true } : NO_MARKS;
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const changedInRepository = useChangedInRepository();
  const rows = useMemo(() => listRows(rules, index, links), [rules, index, links]);
  const shown = useMemo(() => {
    const words = searchWords(deferredQuery);
    if (!words.length && !changedInRepository) return rows;
    return rows.filter((row) => {
      const path = 'summary' in row ? row.summary.path : row.path;
      if (changedInRepository && !changedInRepository(path)) return false;
      const search = 'summary' in row ? row.summary.search : searchTextOf(row.entry.rule, row.entry.fileName);
      return matchesWords(search, words);
    });
  }, [rows, deferredQuery, changedInRepository]);
  const changed = rules.filter(isDirty).length;
  const navRef = useRef<HTMLElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const windowed = shown.length > WINDOW_FROM;
  const view = useVisibleRows(navRef, listRef, windowed);
  const first = windowed ? Math.max(0, Math.min(view.first, shown.length - view.count)) : 0;
  const visible = windowed ? shown.slice(first, first + view.count) : shown;
  const position = (i: number): Position | undefined => (windowed ? { 'aria-posinset': first + i + 1, 'aria-setsize': shown.length } : undefined);
  return (
    <nav className={windowed ? 'rule-list windowed' : 'rule-list'} aria-label="Rules" ref={navRef}>
      <h2 className="panel-title">
        Rules <span className="count">{rows.length}</span>
      </h2>
      <div className="rule-search">
        <label htmlFor="rule-search" className="visually-hidden">
          Search rules by name, tag or tactic
        </label>
        <input id="rule-search" type="search" placeholder="Search name, tag, tactic, field…" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        <p className="rule-list-summary">
          {shown.length === rows.length ? `${rows.length} rules` : `${shown.length} of ${rows.length} rules`}
          {changed > 0 && `, ${changed} changed`}
        </p>
        <ChangedInRepositoryFilter />
        <OpenFolderButton />
        <ValidateRepositoryButton />
      </div>
      <ul ref={listRef}>
        {windowed && first > 0 && <li role="presentation" aria-hidden="true" style={{ height: first * ROW_PX }} />}
        {visible.map((row, i) =>
          'summary' in row ? (
            <FileButton key={row.summary.path} summary={row.summary} marks={marksOf(row.summary.path)} position={position(i)} />
          ) : (
            <RuleButton
              key={row.entry.id}
              entry={row.entry}
              marks={marksOf(row.path)}
              selected={row.entry.id === selectedId}
              onSelect={selectRule}
              position={position(i)}
            />
          ),
        )}
        {windowed && first + visible.length < shown.length && (
          <li role="presentation" aria-hidden="true" style={{ height: (shown.length - first - visible.length) * ROW_PX }} />
        )}
      </ul>
    </nav>
  );
}

/**
 * A list longer than this renders only the rows near the view (one line each, ROW_PX high, see
 * styles.css): a repository's thousands of rows would make every search and every click lay out
 * thousands of buttons.
 */
const WINDOW_FROM = 300;
const ROW_PX = 30;
const OVERSCAN_ROWS = 15;

/** The rows of the list the scrolled view shows, with some to spare either side. */
function useVisibleRows(scroller: RefObject<HTMLElement | null>, list: RefObject<HTMLUListElement | null>, on: boolean) {
  const [view, setView] = useState({ first: 0, count: 80 });
  useLayoutEffect(() => {
    const nav = scroller.current;
    const ul = list.current;
    if (!on || !nav || !ul) return;
    const update = () => {
      const listTop = ul.getBoundingClientRect().top - nav.getBoundingClientRect().top + nav.scrollTop;
      const first = Math.max(0, Math.floor((nav.scrollTop - listTop) / ROW_PX) - OVERSCAN_ROWS);
      const count = Math.ceil(nav.clientHeight / ROW_PX) + 2 * OVERSCAN_ROWS;
      setView((v) => (v.first === first && v.count === count ? v : { first, count }));
    };
    update();
    nav.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(nav);
    return () => {
      nav.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, [scroller, list, on]);
  return view;
}
