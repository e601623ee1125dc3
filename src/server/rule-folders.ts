/**
 * Which folders of a repository hold rules, and the rule files in them. A detection-rules
 * checkout or a custom rules folder names them in `_config.yaml` (`rule_dirs`,
 * `bbr_rules_dirs`); otherwise `rules/` and `rules_building_block/` are used when present; a
 * folder with neither is itself a rules folder.
 */
import { type Dirent, existsSync, readFileSync, statSync } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside, isRuleFileName } from './paths.ts';

const DEFAULT_FOLDERS = ['rules', 'rules_building_block'];
const CONFIG_KEYS = ['rule_dirs', 'bbr_rules_dirs'];

/**
 * The folder lists under `rule_dirs:` and `bbr_rules_dirs:` of a `_config.yaml`, read without a
 * YAML library: a block list (`- rules`) or a flow list (`[rules, more]`), plain or quoted.
 */
export function ruleFoldersFromConfig(yaml: string): string[] {
  const folders: string[] = [];
  const lines = yaml.split(/\r?\n/);
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  for (let i = 0; i < lines.length; i++) {
    const key = /^([A-Za-z_]+):\s*(.*?)\s*(#.*)?$/.exec(lines[i]);
    if (!key || !CONFIG_KEYS.includes(key[1])) continue;
    if (key[2].startsWith('[')) {
      folders.push(
        ...key[2]
          .replace(/^\[|\]$/g, '')
          .split(',')
          .map(unquote)
          .filter(Boolean),
      );
      continue;
    }
    for (let j = i + 1; j < lines.length; j++) {
      const item = /^\s*-\s*(.*?)\s*(#.*)?$/.exec(lines[j]);
      if (item) folders.push(unquote(item[1]));
      else if (lines[j].trim() !== '' && !lines[j].trim().startsWith('#')) break;
    }
  }
  return folders;
}

/** The rule folders of `root` (a real path), relative to it; `''` is the root itself. */
export function ruleFolders(root: string): string[] {
  const config = join(root, '_config.yaml');
  if (existsSync(config)) {
    const named = ruleFoldersFromConfig(readFileSync(config, 'utf8'))
      .map((f) => f.replace(/^\.\//, '').replace(/\/+$/, ''))
      .filter((f) => f && !f.split('/').includes('..') && !f.startsWith('/'));
    if (named.length > 0) return [...new Set(named)];
  }
  const present = DEFAULT_FOLDERS.filter((f) => {
    try {
      return statSync(join(root, f)).isDirectory();
    } catch {
      return false;
    }
  });
  return present.length > 0 ? present : [''];
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
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
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
