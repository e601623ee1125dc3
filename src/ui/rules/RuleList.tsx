import { useStudio } from '../../state/studio.ts';
import { isDirty, ruleName } from '../../state/rule-entry.ts';

export function RuleList() {
  const rules = useStudio((s) => s.rules);
  const selectedId = useStudio((s) => s.selectedId);
  const selectRule = useStudio((s) => s.selectRule);
  return (
    <nav className="rule-list" aria-label="Rules">
      <h2 className="panel-title">Rules</h2>
      <ul>
        {rules.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className={entry.id === selectedId ? 'rule-item selected' : 'rule-item'}
              aria-current={entry.id === selectedId ? 'true' : undefined}
              onClick={() => selectRule(entry.id)}
              title={entry.fileName}
            >
              {ruleName(entry)}
              {isDirty(entry) && <span className="dirty-marker" aria-label="(modified)" title="modified"> ●</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
