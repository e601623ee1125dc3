/**
 * Save (button and Ctrl+S) when the page is served by `rule-studio serve`, and the question asked
 * when a save is refused because the file changed on disk. Renders nothing without a repository.
 */
import { useEffect, useRef } from 'react';
import type { SaveResult } from '../../state/repository.ts';
import { useApp } from '../../state/store.ts';
import { selectedEntry } from '../../state/workspace-slice.ts';
import { exportedText, withUpdatedDate } from '../../state/export.ts';

const MESSAGES: Record<SaveResult, (file: string) => string> = {
  saved: (f) => `Saved ${f}`,
  unchanged: (f) => `${f} has no changes to save`,
  conflict: (f) => `${f} changed on disk: not saved`,
  'tests-conflict': (f) => `Saved ${f}; its test cases were not saved: the sidecar changed on disk`,
  'read-only': () => 'The repository is served read-only: not saved',
  'not-in-repository': (f) => `${f} is not a repository file; use Export TOML`,
  failed: (f) => `Could not save ${f}`,
};

/** Saves the selected rule with exactly the text Export TOML would write. */
async function saveSelected(): Promise<void> {
  const { actions } = useApp.getState();
  actions.rules.flushQueryWrites();
  const entry = selectedEntry(useApp.getState());
  if (!entry) return;
  const ready = useApp.getState().bumpUpdatedDate ? withUpdatedDate(entry) : entry;
  if (ready !== entry) actions.rules.updateRule(entry.id, () => ready);
  const text = exportedText(ready);
  const show = (message: string) => actions.status.showStatus(message, entry.id);
  if ('error' in text) return show(`Cannot save: ${text.error}`);
  show(MESSAGES[await actions.repository.saveRule(entry.id, text.text)](entry.fileName));
}

function SaveConflict() {
  const conflict = useApp((s) => s.repository.conflict);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (conflict && dialog && !dialog.open) dialog.showModal();
    if (!conflict && dialog?.open) dialog.close();
  }, [conflict]);
  const choose = async (choice: 'overwrite' | 'reload' | 'cancel') => {
    const path = conflict?.path ?? '';
    const result = await useApp.getState().actions.repository.resolveConflict(choice);
    const text =
      result === 'reloaded' ? `Reloaded ${path} from disk` : result === 'cancelled' ? `${path} not saved; your edits are kept` : MESSAGES[result](path);
    useApp.getState().actions.status.showStatus(text);
  };
  return (
    <dialog
      ref={ref}
      className="save-conflict"
      aria-labelledby="save-conflict-title"
      onCancel={(e) => {
        e.preventDefault();
        void choose('cancel');
      }}
    >
      <h2 id="save-conflict-title">{conflict?.path} changed on disk</h2>
      <p>It was changed by another program since you opened it, so it was not saved. Your edits are kept until you choose.</p>
      <div className="save-conflict-actions">
        <button type="button" className="button primary" onClick={() => void choose('overwrite')}>
          Overwrite with my version
        </button>
        <button type="button" className="button" onClick={() => void choose('reload')}>
          Reload from disk (discard my edits)
        </button>
        <button type="button" className="button" onClick={() => void choose('cancel')}>
          Keep editing
        </button>
      </div>
    </dialog>
  );
}

export function RepositoryActions() {
  const connected = useApp((s) => s.repository.connected);
  const readOnly = useApp((s) => s.repository.readOnly);
  const hasRule = useApp((s) => selectedEntry(s) !== undefined);

  useEffect(() => {
    if (!connected) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault(); // not the browser's "Save page as"
        if (!readOnly) void saveSelected();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [connected, readOnly]);

  if (!connected) return null;
  return (
    <>
      <button
        type="button"
        className="button primary"
        onClick={() => void saveSelected()}
        disabled={!hasRule || readOnly}
        aria-keyshortcuts="Control+S"
        title={readOnly ? 'Served read-only' : 'Save to the repository (Ctrl+S)'}
      >
        Save
      </button>
      <SaveConflict />
    </>
  );
}
