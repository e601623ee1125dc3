/**
 * What the rule list shows about repository files: each rule's git status and whether it changed
 * on disk under unsaved edits, and the "Changed in this repository" filter. Nothing without a
 * repository (or, for git, outside a work tree).
 */
import type { RepoFile } from '../../state/repository.ts';
import { useApp } from '../../state/store.ts';

const GIT_LABELS = { modified: 'M', added: 'A', untracked: 'U' } as const;

/**
 * A row's marks. The list passes them in (one subscription for the whole list, not two per row:
 * a repository has thousands of rows).
 */
export function RepositoryMarks({ git, changedOnDisk }: { git?: RepoFile['git']; changedOnDisk?: boolean }) {
  return (
    <>
      {git && (
        <>
          {' '}
          <span className={`git-status git-${git}`} title={`git: ${git}`}>
            <span aria-hidden="true">{GIT_LABELS[git]}</span>
            <span className="visually-hidden">(git: {git})</span>
          </span>
        </>
      )}
      {changedOnDisk && (
        <>
          {' '}
          <span className="disk-changed" title="changed on disk since opened">
            <span aria-hidden="true">⚠</span>
            <span className="visually-hidden">(changed on disk)</span>
          </span>
        </>
      )}
    </>
  );
}

/** The filter's predicate over repository paths, or null when it is off (or there is no repository). */
export function useChangedInRepository(): ((path: string | undefined) => boolean) | null {
  const on = useApp(({ repository: r }) => r.connected && r.changedOnly);
  const gitByPath = useApp((s) => s.repository.gitByPath);
  const changedOnDisk = useApp((s) => s.repository.changedOnDisk);
  if (!on) return null;
  return (path) => path !== undefined && (gitByPath[path] !== undefined || changedOnDisk[path] === true);
}

export function ChangedInRepositoryFilter() {
  const connected = useApp((s) => s.repository.connected);
  const hasGit = useApp(({ repository: r }) => Object.keys(r.gitByPath).length > 0 || Object.keys(r.changedOnDisk).length > 0);
  const on = useApp((s) => s.repository.changedOnly);
  if (!connected || (!hasGit && !on)) return null;
  return (
    <label className="changed-filter">
      <input type="checkbox" checked={on} onChange={(e) => useApp.getState().actions.repository.setChangedOnly(e.currentTarget.checked)} /> Changed in this
      repository
    </label>
  );
}

/**
 * "Open folder…" where the browser can open a folder for reading and writing (Chromium's File
 * System Access API): the folder becomes the workspace, as with `rule-studio serve`. Not shown
 * elsewhere, nor once a repository is open; files are then opened and exported one by one.
 */
export function OpenFolderButton() {
  const connected = useApp((s) => s.repository.connected);
  if (connected || !useApp.getState().actions.repository.canOpenFolder()) return null;
  return (
    <button
      type="button"
      className="button open-folder"
      onClick={() => void useApp.getState().actions.repository.openFolder()}
      title="Open a rules folder or a detection-rules checkout as the workspace: Save writes in place"
    >
      Open folder…
    </button>
  );
}
