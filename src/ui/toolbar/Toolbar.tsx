import { useRef, useState } from 'react';
import { selectedEntry, useStudio } from '../../state/studio.ts';
import { exportRule } from '../../rule/write.ts';
import { newRule } from '../../rule/templates.ts';
import type { RuleEntry } from '../../state/rule-entry.ts';
import { downloadText } from './download.ts';

/** The text Export writes, or why it cannot be written. */
function exportedText(entry: RuleEntry): { text: string } | { error: string } {
  if (entry.queryProblem) return { error: entry.queryProblem.message };
  const result = exportRule(entry.rule);
  return 'text' in result ? { text: result.text } : { error: result.error.message };
}

export function Toolbar() {
  const entry = useStudio(selectedEntry);
  const openFile = useStudio((s) => s.openFile);
  const addRule = useStudio((s) => s.addRule);
  const inputRef = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const onFiles = async (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) openFile(file.name, await file.text());
    if (inputRef.current) inputRef.current.value = '';
  };

  const onExport = () => {
    if (!entry) return;
    const result = exportedText(entry);
    if ('error' in result) return setNotice(`Cannot export: ${result.error}`);
    downloadText(entry.fileName, result.text);
    setNotice(`Exported ${entry.fileName}`);
  };

  const onCopy = async () => {
    if (!entry) return;
    const result = exportedText(entry);
    if ('error' in result) return setNotice(`Cannot copy: ${result.error}`);
    try {
      await navigator.clipboard.writeText(result.text);
      setNotice('TOML copied to the clipboard');
    } catch {
      setNotice('The browser refused clipboard access; use Export TOML instead');
    }
  };

  const onNew = () => {
    const created = newRule('eql', { name: 'New EQL rule' });
    addRule(created.fileName, created.text);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Rule actions">
      <label className="button file-button">
        Open rule file…
        <input
          ref={inputRef}
          type="file"
          accept=".toml"
          multiple
          aria-label="Open rule file"
          onChange={(e) => void onFiles(e.currentTarget.files)}
        />
      </label>
      <button type="button" className="button" onClick={onNew}>
        New rule
      </button>
      <button type="button" className="button primary" onClick={onExport} disabled={!entry}>
        Export TOML
      </button>
      <button type="button" className="button" onClick={() => void onCopy()} disabled={!entry}>
        Copy TOML
      </button>
      <span className="toolbar-notice" role="status" aria-live="polite">
        {notice}
      </span>
    </div>
  );
}
