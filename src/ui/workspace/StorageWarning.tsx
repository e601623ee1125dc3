import { useStudio } from '../../state/studio.ts';

/** Shown while drafts cannot be saved; editing carries on regardless. */
export function StorageWarning() {
  const problem = useStudio((s) => s.storageProblem);
  if (!problem) return null;
  return (
    <div className="storage-warning" role="status" aria-live="polite">
      ⚠ {problem}
    </div>
  );
}
