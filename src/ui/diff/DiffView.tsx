import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/studio.ts';

type Monaco = typeof import('../../editor/monaco.ts')['monaco'];

/** The file as it would be exported (right) against the file as opened (left), in Monaco's diff editor. */
export default function DiffView() {
  const original = useApp((s) => selectedEntry(s)?.originalText ?? '');
  const current = useApp((s) => selectedEntry(s)?.rule.text ?? '');
  const host = useRef<HTMLDivElement>(null);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const editor = useRef<ReturnType<Monaco['editor']['createDiffEditor']> | null>(null);

  useEffect(() => {
    let live = true;
    // Monaco is large and owned by the query editor's module; load it only when the diff is shown.
    void import('../../editor/monaco.ts').then((m) => {
      m.setUpMonaco();
      if (live) setMonaco(() => m.monaco);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!monaco || !host.current) return;
    const diff = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      // Rules are long and edits are few: fold what did not change.
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3, revealLineCount: 10 },
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      ariaLabel: 'Differences between the file as opened and as exported',
    });
    editor.current = diff;
    return () => {
      const model = diff.getModel();
      diff.dispose();
      model?.original.dispose();
      model?.modified.dispose();
      editor.current = null;
    };
  }, [monaco]);

  useEffect(() => {
    const diff = editor.current;
    if (!monaco || !diff) return;
    const old = diff.getModel();
    diff.setModel({ original: monaco.editor.createModel(original, 'plaintext'), modified: monaco.editor.createModel(current, 'plaintext') });
    old?.original.dispose();
    old?.modified.dispose();
  }, [monaco, original, current]);

  const unchanged = original === current;
  return (
    <section className="panel diff-view" aria-labelledby="diff-title">
      <h2 className="panel-title" id="diff-title">
        Changes since opened
      </h2>
      <p className="form-note" role="status">
        {unchanged ? 'No changes: the export is byte-identical to the file as opened.' : 'Left: as opened. Right: as it will be exported.'}
      </p>
      {!monaco && <div className="editor-loading">Loading diff…</div>}
      <div className="diff-editor" ref={host} />
    </section>
  );
}
