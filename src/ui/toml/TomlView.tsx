import { lazy, Suspense } from 'react';

// Monaco loads in its own chunk (shared with the query editor).
const MonacoTomlEditor = lazy(() => import('./MonacoTomlEditor.tsx'));

/** The raw TOML of the selected rule, kept in two-way sync with the form. */
export function TomlView() {
  return (
    <section className="panel toml-view" aria-labelledby="toml-title">
      <h2 className="panel-title" id="toml-title">
        TOML
      </h2>
      <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
        <MonacoTomlEditor />
      </Suspense>
    </section>
  );
}
