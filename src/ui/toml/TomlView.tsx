import { lazy, Suspense, useMemo, useState } from 'react';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';
import { elideLongLines, formatSize, isLargeToml, longestLine } from '../../state/large-text.ts';

// Monaco loads in its own chunk (shared with the query editor).
const MonacoTomlEditor = lazy(() => import('./MonacoTomlEditor.tsx'));

/**
 * The raw TOML of the selected rule, kept in two-way sync with the form. A text too large to lay
 * out quickly (a 5 MB one-line description) is first shown as a read-only copy with long lines
 * cut, until the user asks for the full text: the page never freezes on opening a rule.
 */
export function TomlView() {
  const ruleId = useApp((s) => s.selectedId);
  const text = useApp((s) => {
    const entry = selectedEntry(s);
    return entry?.tomlDraft ?? entry?.rule.text ?? '';
  });
  const large = useMemo(() => isLargeToml(text), [text]);
  // Asked for per rule: another rule that is large starts summarised again.
  const [fullFor, setFullFor] = useState<string | null>(null);
  return (
    <section className="panel toml-view" aria-labelledby="toml-title">
      <h2 className="panel-title" id="toml-title">
        TOML
      </h2>
      {large && fullFor !== ruleId ? (
        <LargeTomlSummary text={text} onShowFull={() => setFullFor(ruleId)} />
      ) : (
        <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
          <MonacoTomlEditor />
        </Suspense>
      )}
    </section>
  );
}

function LargeTomlSummary({ text, onShowFull }: { text: string; onShowFull: () => void }) {
  const elided = useMemo(() => elideLongLines(text), [text]);
  const longest = useMemo(() => longestLine(text), [text]);
  return (
    <div className="large-toml">
      <p role="note">
        This TOML is {formatSize(text.length)} long (line {longest.line} alone has {formatSize(longest.length)}). It is shown read-only with long lines cut, so
        the page stays responsive; nothing is lost, and Export writes all of it.{' '}
        <button type="button" onClick={onShowFull}>
          Show full text
        </button>
      </p>
      <pre className="toml-excerpt" aria-label="TOML source (excerpt)" tabIndex={0}>
        {elided}
      </pre>
    </div>
  );
}
