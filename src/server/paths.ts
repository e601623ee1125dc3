/**
 * Where a request path may lead: only to files inside the served folder. A path is refused
 * (403) when it could step out of it — `..`, `.` or empty segments (an absolute path starts
 * with one), encoded separators or dots, NUL, hidden segments such as `.git` — or when the file
 * (or, for a new file, its folder) resolves through a symlink to somewhere outside.
 */
import { realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { isRuleFileName } from '../rule/rule-folders.ts';

export type Resolved = { ok: true; relative: string; absolute: string; exists: boolean } | { ok: false; status: 400 | 403 | 404; message: string };

/** The extensions the file API reads and writes (src/rule/rule-folders.ts). */
export { isRuleFileName };

export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * Resolves the still-encoded path after `/api/files/` against `root` (a real path). Each
 * segment is decoded on its own, so `%2f` cannot make a new segment and `%2e%2e` is seen as `..`.
 */
export function resolveRequestPath(root: string, encodedPath: string): Resolved {
  const segments: string[] = [];
  for (const raw of encodedPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, message: 'malformed path encoding' };
    }
    if (segment === '' || segment.startsWith('.') || /[\\/\0]/.test(segment)) {
      return { ok: false, status: 403, message: 'path outside the served folder' };
    }
    segments.push(segment);
  }
  const relative = segments.join('/');
  if (!isRuleFileName(relative)) return { ok: false, status: 403, message: 'only .toml and .tests.json files are served' };
  const absolute = join(root, ...segments);
  if (!isInside(root, absolute)) return { ok: false, status: 403, message: 'path outside the served folder' };

  const real = realpathOrNull(absolute);
  if (real !== null) {
    if (!isInside(root, real)) return { ok: false, status: 403, message: 'path leads outside the served folder' };
    // Reads and writes go to the real file, so a save through a symlink keeps the link.
    return { ok: true, relative, absolute: real, exists: true };
  }
  const parent = realpathOrNull(dirname(absolute));
  if (parent === null) return { ok: false, status: 404, message: 'no such folder' };
  if (!isInside(root, parent)) return { ok: false, status: 403, message: 'path leads outside the served folder' };
  return { ok: true, relative, absolute: join(parent, segments[segments.length - 1]), exists: false };
}
