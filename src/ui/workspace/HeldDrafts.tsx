import { useMemo } from 'react';
import { useApp } from '../../state/store.ts';
import type { HeldDraft } from '../../state/held-drafts.ts';
import { elideLongLines, formatSize } from '../../state/large-text.ts';

/**
 * Saved drafts too large to load at start-up (persistence holds them back so the app always
 * opens): each can be read here (long lines cut), downloaded whole, opened, or discarded.
 */
export function HeldDrafts() {
  const drafts = useApp((s) => s.drafts);
  const problem = useApp((s) => s.problem);
  if (drafts.length === 0) return null;
  return (
    <section className="storage-warning held-drafts" aria-labelledby="held-drafts-title">
      <h2 id="held-drafts-title" className="panel-title">
        Large saved {drafts.length === 1 ? 'draft' : 'drafts'} not opened
      </h2>
      {problem && <p role="alert">{problem}</p>}
      {drafts.map((draft) => (
        <HeldDraftItem key={draft.id} draft={draft} />
      ))}
    </section>
  );
}

function HeldDraftItem({ draft }: { draft: HeldDraft }) {
  const { open, discard } = useApp.getState().actions.heldDrafts;
  const excerpt = useMemo(() => elideLongLines(draft.text, 200, 40), [draft.text]);
  return (
    <div className="held-draft">
      <p>
        {draft.fileName} ({formatSize(draft.text.length)}) is too large to open at start-up without freezing the page. Read it below, download it, open it (this
        may take a few seconds; its large values are then shown read-only), or discard it.
      </p>
      <details>
        <summary>Read {draft.fileName} (long lines cut)</summary>
        <pre className="toml-excerpt">{excerpt}</pre>
      </details>
      <div className="held-draft-actions">
        <button type="button" onClick={() => useApp.getState().actions.workspace.downloadText(draft.fileName, draft.text)}>
          Download {draft.fileName}
        </button>
        <button type="button" onClick={() => open(draft.id)}>
          Open {draft.fileName}
        </button>
        <button type="button" onClick={() => discard(draft.id)}>
          Discard {draft.fileName}
        </button>
      </div>
    </div>
  );
}
