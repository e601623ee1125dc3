/**
 * Reports rule files changed on disk (by an editor, `git checkout`, another tab's save). A
 * watch on each folder says *where* something happened; a snapshot of size, mtime and inode says
 * *whether* a rule file really changed, so duplicate and unrelated events are dropped. Where a
 * watch is not available the whole folder is polled every 500 ms. Events are
 * gathered for a short moment (debounce) and reported together.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isRuleFileName } from './paths.ts';
import { listRuleFiles } from './rule-folders.ts';

export const POLL_INTERVAL_MS = 500;
const DEBOUNCE_MS = 60;

type Stamp = string; // `${size}:${mtimeMs}:${ino}`

async function stampOf(absolute: string): Promise<Stamp | null> {
  try {
    const st = await stat(absolute);
    return st.isFile() ? `${st.size}:${st.mtimeMs}:${st.ino}` : null;
  } catch {
    return null;
  }
}

function inodeOf(folder: string): number {
  try {
    return statSync(folder).ino;
  } catch {
    return -1;
  }
}

export interface ChangeWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Force polling (tests; file systems without recursive watch). */
  poll?: boolean;
}

/** Calls `onChange` with the relative paths of rule files that were changed, created or deleted. */
export async function watchRuleFiles(root: string, onChange: (paths: string[]) => void, options: WatchOptions = {}): Promise<ChangeWatcher> {
  const snapshot = new Map<string, { absolute: string; stamp: Stamp | null }>();
  const initialFolders = new Set<string>();
  for (const file of await listRuleFiles(root, initialFolders)) snapshot.set(file.path, { absolute: file.absolute, stamp: await stampOf(file.absolute) });
  let afterScan: (folders: Set<string>) => void = () => {};

  let closed = false;
  let rescanning = false;
  // A full rescan finds what a watch event cannot name precisely (a folder renamed or removed).
  async function rescan(): Promise<void> {
    if (rescanning || closed) return;
    rescanning = true;
    try {
      const changed: string[] = [];
      const seen = new Set<string>();
      const folders = new Set<string>();
      for (const file of await listRuleFiles(root, folders)) {
        seen.add(file.path);
        const stamp = await stampOf(file.absolute);
        const before = snapshot.get(file.path);
        if (!before || before.stamp !== stamp) changed.push(file.path);
        snapshot.set(file.path, { absolute: file.absolute, stamp });
      }
      for (const path of [...snapshot.keys()]) {
        if (!seen.has(path)) {
          snapshot.delete(path);
          changed.push(path);
        }
      }
      afterScan(folders);
      if (changed.length > 0 && !closed) onChange(changed.sort());
    } finally {
      rescanning = false;
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  let again = false;
  function schedule(): void {
    if (pending) return;
    pending = true;
    timer = setTimeout(() => {
      pending = false;
      void rescan().then(() => {
        // Something arrived while the rescan ran: look again.
        if (again) {
          again = false;
          schedule();
        }
      });
    }, DEBOUNCE_MS);
  }

  // One non-recursive watch per folder: a folder's watch names its entries whatever their
  // inode, so a file replaced by rename (an atomic save, ours or an editor's) is still followed.
  // (Node 20's recursive watch on Linux follows files by inode and misses writes after a rename.)
  const watchers = new Map<string, FSWatcher>();
  const watchedInode = new Map<string, number>();
  let poller: ReturnType<typeof setInterval> | undefined;
  const onEvent = (_event: string, filename: string | Buffer | null) => {
    const name = filename?.toString() ?? '';
    // Other files do not matter (editor swap files, our own temporary files); folders might.
    if (name && !isRuleFileName(name) && /\.[^/]*$/.test(name)) return;
    if (rescanning) again = true;
    schedule();
  };
  function fallBackToPolling(): void {
    for (const w of watchers.values()) w.close();
    watchers.clear();
    poller ??= setInterval(() => void rescan(), POLL_INTERVAL_MS);
  }
  function watchFolders(folders: Set<string>): void {
    if (options.poll || poller || closed) return;
    folders.add(root); // rule folders created later, _config.yaml
    const inodes = new Map([...folders].map((f) => [f, inodeOf(f)]));
    for (const [folder, w] of watchers) {
      // Gone, or removed and made again (a checkout): the old watch sees nothing any more.
      if (!folders.has(folder) || inodes.get(folder) !== watchedInode.get(folder)) {
        w.close();
        watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const w = watch(folder, onEvent);
        watchedInode.set(folder, inodes.get(folder) ?? -1);
        w.on('error', () => {
          w.close();
          watchers.delete(folder);
          if (folder === root) fallBackToPolling();
        });
        watchers.set(folder, w);
      } catch {
        if (folder === root) return fallBackToPolling();
      }
    }
  }
  afterScan = watchFolders;
  if (options.poll) poller = setInterval(() => void rescan(), POLL_INTERVAL_MS);
  else watchFolders(initialFolders);

  return {
    close() {
      closed = true;
      for (const w of watchers.values()) w.close();
      if (poller) clearInterval(poller);
      if (timer) clearTimeout(timer);
    },
  };
}
