import { useApp } from '../../state/store.ts';
import { visibleStatus } from '../../state/status.ts';

/**
 * The last message of an action (opened, exported, a test saved), at the foot of the window where
 * it has room and is read out politely. A rule's message shows only while that rule is selected.
 */
export function StatusBar() {
  const selectedId = useApp((s) => s.selectedId);
  const text = useApp((s) => visibleStatus(s.message, selectedId));
  return (
    <footer className="status-bar" aria-label="Status bar">
      <p className="status-text" role="status" aria-live="polite">
        {text}
      </p>
    </footer>
  );
}
