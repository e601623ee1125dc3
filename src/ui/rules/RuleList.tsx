import { memo, useDeferredValue, useMemo, useState } from 'react';
import { useStudio } from '../../state/studio.ts';
import { isDirty, ruleName, type RuleEntry } from '../../state/rule-entry.ts';
import { matchesSearch } from './rule-search.ts';
import { ChangedInRepositoryFilter, RepositoryMarks, useChangedInRepository } from '../repository/RepositoryList.tsx';

const RuleButton = memo(function RuleButton({ entry, selected, onSelect }: { entry: RuleEntry; selected: boolean; onSelect: (id: string) => void }) {
  const dirty = isDirty(entry);
  return (
    <li>
      <button
        type="button"
        className={selected ? 'rule-item selected' : 'rule-item'}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(entry.id)}
        title={entry.fileName}
      >
        {ruleName(entry)}
        <RepositoryMarks entryId={entry.id} />
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

export function RuleList() {
  const rules = useStudio((s) => s.rules);
  const selectedId = useStudio((s) => s.selectedId);
  const selectRule = useStudio((s) => s.selectRule);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const changedInRepository = useChangedInRepository();
  const shown = useMemo(
    () =>
      rules.filter(
        (entry) => (!changedInRepository || changedInRepository(entry.id)) && matchesSearch({ name: ruleName(entry), data: entry.rule.data }, deferredQuery),
      ),
    [rules, deferredQuery, changedInRepository],
  );
  const changed = rules.filter(isDirty).length;
  return (
    <nav className="rule-list" aria-label="Rules">
      <h2 className="panel-title">
        Rules <span className="count">{rules.length}</span>
      </h2>
      <div className="rule-search">
        <label htmlFor="rule-search" className="visually-hidden">
          Search rules by name, tag or tactic
        </label>
        <input id="rule-search" type="search" placeholder="Search name, tag, tactic…" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        <p className="rule-list-summary">
          {shown.length === rules.length ? `${rules.length} rules` : `${shown.length} of ${rules.length} rules`}
          {changed > 0 && `, ${changed} changed`}
        </p>
        <ChangedInRepositoryFilter />
      </div>
      <ul>
        {shown.map((entry) => (
          <RuleButton key={entry.id} entry={entry} selected={entry.id === selectedId} onSelect={selectRule} />
        ))}
      </ul>
    </nav>
  );
}
