import { lazy, Suspense } from 'react';
import { useApp } from '../../state/store.ts';
import type { EditorView } from '../../state/view.ts';
import { TomlView } from '../toml/TomlView.tsx';
import { AboutForm } from './AboutForm.tsx';
import { DefinitionForm } from './DefinitionForm.tsx';
import { MetadataForm } from './MetadataForm.tsx';
import { MitrePicker } from './mitre/MitrePicker.tsx';
import { ScheduleForm } from './ScheduleForm.tsx';

const DiffView = lazy(() => import('../diff/DiffView.tsx'));

const TABS: { view: EditorView; label: string }[] = [
  { view: 'form', label: 'Form' },
  { view: 'toml', label: 'TOML' },
  { view: 'diff', label: 'Diff' },
];

/** Everything but the query: the form panels, the raw TOML, or the diff, one at a time. */
export function RuleEditor() {
  const view = useApp((s) => s.view);
  const setView = useApp.getState().actions.view.setView;
  return (
    <div className="rule-editor">
      <div className="tabs" role="tablist" aria-label="Rule views">
        {TABS.map((tab) => (
          <button
            key={tab.view}
            type="button"
            role="tab"
            id={`tab-${tab.view}`}
            aria-selected={view === tab.view}
            aria-controls="rule-view-panel"
            className={view === tab.view ? 'tab selected' : 'tab'}
            onClick={() => setView(tab.view)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="rule-view-panel" aria-labelledby={`tab-${view}`}>
        {view === 'form' && (
          <>
            <AboutForm />
            <DefinitionForm />
            <ScheduleForm />
            <MitrePicker />
            <MetadataForm />
          </>
        )}
        {view === 'toml' && <TomlView />}
        {view === 'diff' && (
          <Suspense fallback={<div className="editor-loading">Loading diff…</div>}>
            <DiffView />
          </Suspense>
        )}
      </div>
    </div>
  );
}
