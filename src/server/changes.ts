/**
 * Reports rule files changed on disk (by an editor, `git checkout`, another tab's save). A
 * recursive fs.watch says *where* something happened; a snapshot of size, mtime and inode says
 * *whether* a rule file really changed, so duplicate and unrelated events are dropped. Where a
 * recursive watch is not available the whole folder is polled every 500 ms. Events are
 * gathered for a short moment (debounce) and reported together.
 */
import { watch, type FSWatcher } from 'node:fs';
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
  for (const file of await listRuleFiles(root)) snapshot.set(file.path, { absolute: file.absolute, stamp: await stampOf(file.absolute) });

  let closed = false;
  let rescanning = false;
  // A full rescan finds what a watch event cannot name precisely (a folder renamed or removed).
  async function rescan(): Promise<void> {
    if (rescanning || closed) return;
    rescanning = true;
    try {
      const changed: string[] = [];
      const seen = new Set<string>();
      for (const file of await listRuleFiles(root)) {
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

  let watcher: FSWatcher | undefined;
  let poller: ReturnType<typeof setInterval> | undefined;
  if (!options.poll) {
    try {
      watcher = watch(root, { recursive: true }, (_event, filename) => {
        // Folder events matter too (a checkout replaces whole folders); other files do not.
        const name = filename?.toString() ?? '';
        if (name && !isRuleFileName(name) && /\.[^/]*$/.test(name.split('/').pop() ?? '')) return;
        if (rescanning) again = true;
        schedule();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        poller ??= setInterval(() => void rescan(), POLL_INTERVAL_MS);
      });
    } catch {
      watcher = undefined;
    }
  }
  if (!watcher) poller = setInterval(() => void rescan(), POLL_INTERVAL_MS);

  return {
    close() {
      closed = true;
      watcher?.close();
      if (poller) clearInterval(poller);
      if (timer) clearTimeout(timer);
    },
  };
}
