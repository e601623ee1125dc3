/**
 * Which folders of a repository hold rules, and the rule files in them, on disk (the choice of
 * folders itself is src/rule/rule-folders.ts, shared with the browser's "Open folder…").
 */
import { type Dirent, existsSync, readFileSync, statSync } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseRuleFolders, isRuleFileName, isSkippedEntry } from '../rule/rule-folders.ts';
import { isInside } from './paths.ts';

export { ruleFoldersFromConfig } from '../rule/rule-folders.ts';

/** The rule folders of `root` (a real path), relative to it; `''` is the root itself. */
export function ruleFolders(root: string): string[] {
  const config = join(root, '_config.yaml');
  return chooseRuleFolders(existsSync(config) ? readFileSync(config, 'utf8') : null, (f) => {
    try {
      return statSync(join(root, f)).isDirectory();
    } catch {
      return false;
    }
  });
}

export interface FoundFile {
  /** Relative to the root, `/`-separated. */
  path: string;
  absolute: string;
}

/**
 * Every `.toml` and `.tests.json` under the rule folders, sorted by path (and, into `folders`,
 * every folder walked). Hidden entries and
 * node_modules are skipped; a symlink is followed only when it stays inside the root, and never
 * into a folder (no loops).
 */
export async function listRuleFiles(root: string, folders?: Set<string>): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  async function walk(relative: string): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true });
    } catch {
      return; // a folder named in _config.yaml that does not exist
    }
    folders?.add(join(root, relative));
    for (const entry of entries) {
      if (isSkippedEntry(entry.name)) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      const absolute = join(root, path);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isRuleFileName(entry.name)) found.push({ path, absolute });
      else if (entry.isSymbolicLink() && isRuleFileName(entry.name)) {
        const target = await realpath(absolute).catch(() => null);
        if (target && isInside(root, target) && (await lstat(target)).isFile()) found.push({ path, absolute: target });
      }
    }
  }
  for (const folder of ruleFolders(root)) {
    const start = await realpath(join(root, folder)).catch(() => null);
    if (start && isInside(root, start)) await walk(folder);
  }
  const unique = new Map(found.map((f) => [f.path, f]));
  return [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
