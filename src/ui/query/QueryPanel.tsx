import { lazy, Suspense } from 'react';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';

// Monaco is large: it loads in its own chunk after the first paint.
const MonacoQueryEditor = lazy(() => import('./MonacoQueryEditor.tsx'));

export function QueryPanel() {
  const queryProblem = useApp((s) => selectedEntry(s)?.queryProblem ?? null);
  return (
    <section className="panel query-panel" aria-labelledby="query-title">
      <h2 className="panel-title" id="query-title">
        Query
      </h2>
      <div className="query-editor-frame">
        <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
          <MonacoQueryEditor />
        </Suspense>
      </div>
      {queryProblem && (
        <p className="field-error" role="alert">
          {queryProblem.message}
        </p>
      )}
    </section>
  );
}
