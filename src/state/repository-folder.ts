/**
 * A repository opened in the browser with "Open folder…" (the File System Access API, Chromium):
 * the same workspace as `rule-studio serve`, without a server. The rule folders are chosen as the
 * server chooses them (src/rule/rule-folders.ts); files are read and saved in place; changes made
 * by other programs are picked up when the page gets the focus back (the browser reports none).
 *
 * ETags are made from a file's modification time and size (reading thousands of files to hash
 * them on every focus would take seconds); a save compares the file's current one first.
 */
import { chooseRuleFolders, isRuleFileName, isSkippedEntry } from '../rule/rule-folders.ts';
import type { Listed, RepoFile, RepositoryBackend } from './repository-backend.ts';

/** What this module uses of FileSystemFileHandle (a fake one in tests). */
export interface FileHandleLike {
  kind: 'file';
  name: string;
  getFile(): Promise<{ size: number; lastModified: number; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}

/** What this module uses of FileSystemDirectoryHandle. */
export interface DirectoryHandleLike {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandleLike | FileHandleLike>;
  getDirectoryHandle(name: string): Promise<DirectoryHandleLike>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandleLike>;
}

type Picker = (options?: { mode?: 'read' | 'readwrite' }) => Promise<DirectoryHandleLike>;

/** The browser's folder picker, when it has one (Chromium over https or localhost). */
export function folderPicker(): Picker | null {
  const picker = (globalThis as { showDirectoryPicker?: Picker }).showDirectoryPicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : null;
}

const etagOf = (file: { size: number; lastModified: number }) => `"${file.lastModified.toString(36)}-${file.size.toString(36)}"`;

async function child(dir: DirectoryHandleLike, name: string): Promise<DirectoryHandleLike | FileHandleLike | null> {
  for await (const entry of dir.values()) if (entry.name === name) return entry;
  return null;
}

/** The folder at a relative path (`''`: the root), or null when it is not one. */
async function folderAt(root: DirectoryHandleLike, relative: string): Promise<DirectoryHandleLike | null> {
  let dir = root;
  for (const segment of relative.split('/').filter(Boolean)) {
    const next = await child(dir, segment);
    if (next?.kind !== 'directory') return null;
    dir = next;
  }
  return dir;
}

/** A path the workspace may read or write: relative, no `.`, `..` or hidden segments, a rule file. */
function safeSegments(path: string): string[] | null {
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return null;
  return isRuleFileName(path) ? segments : null;
}

async function fileAt(root: DirectoryHandleLike, path: string, create = false): Promise<FileHandleLike | null> {
  const segments = safeSegments(path);
  if (!segments) return null;
  const dir = await folderAt(root, segments.slice(0, -1).join('/'));
  if (!dir) return null;
  try {
    return await dir.getFileHandle(segments[segments.length - 1], create ? { create: true } : {});
  } catch {
    return null; // absent (NotFoundError), or a folder of that name (TypeMismatchError)
  }
}

/** Every rule file and sidecar under the rule folders, in path order. */
async function ruleFiles(root: DirectoryHandleLike): Promise<{ path: string; handle: FileHandleLike }[]> {
  const configHandle = await child(root, '_config.yaml');
  const config = configHandle?.kind === 'file' ? await (await configHandle.getFile()).text() : null;
  const present = new Set<string>();
  for await (const entry of root.values()) if (entry.kind === 'directory') present.add(entry.name);
  const found = new Map<string, FileHandleLike>();
  // A stack, not recursion: a deep tree cannot overflow anything.
  const stack: { dir: DirectoryHandleLike; relative: string }[] = [];
  for (const folder of chooseRuleFolders(config, (f) => present.has(f))) {
    const dir = await folderAt(root, folder);
    if (dir) stack.push({ dir, relative: folder });
  }
  while (stack.length) {
    const { dir, relative } = stack.pop()!;
    for await (const entry of dir.values()) {
      if (isSkippedEntry(entry.name)) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.kind === 'directory') stack.push({ dir: entry, relative: path });
      else if (isRuleFileName(entry.name)) found.set(path, entry);
    }
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, handle]) => ({ path, handle }));
}

export function folderBackend(
  root: DirectoryHandleLike,
  focusTarget: Pick<EventTarget, 'addEventListener'> | null = globalThis.window ?? null,
): RepositoryBackend {
  return {
    async list(detail) {
      try {
        const files = await ruleFiles(root);
        const listed: Listed['files'] = await Promise.all(
          files.map(async ({ path, handle }) => {
            const file = await handle.getFile();
            const entry: RepoFile & { text?: string } = { path, size: file.size, mtime: file.lastModified, etag: etagOf(file) };
            const wanted = detail === 'content' || (detail === 'index' && path.endsWith('.toml'));
            if (wanted) {
              try {
                entry.text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await file.arrayBuffer());
              } catch {
                // not UTF-8: read (and refused) on its own, as with the server
              }
            }
            return entry;
          }),
        );
        return { files: listed, readOnly: false };
      } catch {
        return null; // permission withdrawn, or the folder is gone
      }
    },

    async read(path) {
      try {
        const file = await (await fileAt(root, path))?.getFile();
        return file ? { bytes: new Uint8Array(await file.arrayBuffer()), etag: etagOf(file) } : null;
      } catch {
        return null;
      }
    },

    async write(path, text, ifMatch) {
      if (!safeSegments(path)) return { status: 'forbidden' };
      try {
        const existing = await fileAt(root, path);
        const current = existing ? etagOf(await existing.getFile()) : null;
        // As the server's If-Match / If-None-Match: never over a file that is not the one read.
        if (current !== ifMatch) return { status: 'stale', diskEtag: current };
        const handle = existing ?? (await fileAt(root, path, true));
        if (!handle) return { status: 'failed' };
        const writable = await handle.createWritable();
        await writable.write(text);
        await writable.close();
        return { status: 'ok', etag: etagOf(await handle.getFile()) };
      } catch {
        return { status: 'failed' };
      }
    },

    follow(_onChanges, onMissed) {
      // No change events from a folder: what changed is found by comparing a fresh list when the
      // page comes back to the front (after an editor or `git checkout` elsewhere).
      let checking = false;
      const check = async () => {
        if (checking) return;
        checking = true;
        try {
          await onMissed();
        } finally {
          checking = false;
        }
      };
      focusTarget?.addEventListener('focus', () => void check());
    },
  };
}
