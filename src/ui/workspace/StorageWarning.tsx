import { useApp } from '../../state/store.ts';

/** Shown while drafts cannot be saved; editing carries on regardless. */
export function StorageWarning() {
  const problem = useApp((s) => s.storageProblem);
  if (!problem) return null;
  return (
    <div className="storage-warning" role="status" aria-live="polite">
      ⚠ {problem}
    </div>
  );
}
