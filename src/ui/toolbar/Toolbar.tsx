import { useRef, useState } from 'react';
import type { RuleType } from '../../rule/templates.ts';
import { useApp } from '../../state/store.ts';
import { isDirty } from '../../state/rule-entry.ts';
import { selectedEntry } from '../../state/studio.ts';
import { TEMPLATE_TYPES } from '../../state/workspace-actions.ts';
import { MenuButton } from './MenuButton.tsx';
import { RepositoryActions } from '../repository/RepositoryActions.tsx';

const TYPE_LABELS: Record<RuleType, string> = {
  eql: 'EQL',
  query: 'Custom query (KQL)',
  threshold: 'Threshold',
  new_terms: 'New terms',
  esql: 'ES|QL',
  machine_learning: 'Machine learning',
  threat_match: 'Indicator match',
};

export function Toolbar() {
  const entry = useApp(selectedEntry);
  const changedCount = useApp((s) => s.rules.filter(isDirty).length);
  const inputRef = useRef<HTMLInputElement>(null);
  const kibanaRef = useRef<HTMLInputElement>(null);
  const [template, setTemplate] = useState<RuleType>('eql');
  const onFiles = async (input: HTMLInputElement | null) => {
    if (!input?.files) return;
    await useApp.getState().actions.workspace.openPickedFiles(input.files);
    input.value = '';
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Rule actions">
      {/* The pickers the File menu opens; tests and drag-and-drop-less users reach them by label. */}
      <input
        ref={inputRef}
        className="visually-hidden"
        tabIndex={-1}
        type="file"
        accept=".toml,.json,.ndjson"
        multiple
        aria-label="Open rule file"
        onChange={(e) => void onFiles(e.currentTarget)}
      />
      <input
        ref={kibanaRef}
        className="visually-hidden"
        tabIndex={-1}
        type="file"
        accept=".ndjson,.json"
        multiple
        aria-label="Import Kibana rules (ndjson)"
        onChange={(e) => void onFiles(e.currentTarget)}
      />
      <MenuButton
        label="File"
        items={[
          { label: 'Open rule file…', onSelect: () => inputRef.current?.click() },
          { label: 'Import from Kibana…', onSelect: () => kibanaRef.current?.click() },
          { label: 'Close rule', onSelect: useApp.getState().actions.workspace.closeSelected, disabled: !entry },
        ]}
      />
      <span className="toolbar-group">
        <label htmlFor="new-rule-template" className="toolbar-label">
          New rule from template
        </label>
        <select id="new-rule-template" className="button" value={template} onChange={(e) => setTemplate(e.currentTarget.value as RuleType)}>
          {TEMPLATE_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => useApp.getState().actions.workspace.newRuleFromTemplate(template)}>
          New rule
        </button>
      </span>
      <span className="toolbar-group">
        <RepositoryActions />
        <button type="button" className="button primary" onClick={() => void useApp.getState().actions.workspace.exportSelected()} disabled={!entry}>
          Export TOML
        </button>
        <button type="button" className="button" onClick={() => void useApp.getState().actions.workspace.copySelected()} disabled={!entry}>
          Copy TOML
        </button>
        <MenuButton
          label="More exports"
          items={[
            { label: 'Export changed rules (zip)', onSelect: () => void useApp.getState().actions.workspace.exportChangedZip(), disabled: changedCount === 0 },
            { label: 'Export for Kibana (ndjson)', onSelect: useApp.getState().actions.workspace.exportForKibana },
          ]}
        />
      </span>
    </div>
  );
}
