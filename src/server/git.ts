/**
 * Git status of the files under a folder, when it is inside a git work tree: spawned
 * `git status --porcelain=v1 -z` with a time limit. Any failure (no git, not a repository,
 * too slow) means "no git status", never an error for the file API.
 */
import { execFile } from 'node:child_process';
import { relative, sep } from 'node:path';

export type GitStatus = 'modified' | 'added' | 'untracked';

const TIME_LIMIT_MS = 5_000;

function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: TIME_LIMIT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/** One porcelain v1 `XY` code as the status shown to the user, or null (deleted, ignored…). */
export function statusFromCode(xy: string): GitStatus | null {
  if (xy === '??') return 'untracked';
  const [x, y] = xy;
  if (x === 'A' || x === 'R' || x === 'C') return 'added';
  if (x === 'D' || y === 'D') return null;
  if ('MTU'.includes(x) || 'MTUA'.includes(y)) return 'modified';
  return null;
}

/**
 * Parses `git status --porcelain=v1 -z` output: `XY PATH\0`, with a rename or copy followed by
 * its original path `\0ORIG\0`. Paths are relative to the work tree's top.
 */
export function parsePorcelainZ(output: string): Map<string, GitStatus> {
  const statuses = new Map<string, GitStatus>();
  const fields = output.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i];
    if (entry.length < 4) continue;
    const xy = entry.slice(0, 2);
    const status = statusFromCode(xy);
    if (status) statuses.set(entry.slice(3), status);
    if (xy[0] === 'R' || xy[0] === 'C') i++; // skip the original path
  }
  return statuses;
}

/**
 * Status of changed files under `root` (a real path), keyed by path relative to `root` with
 * `/` separators; null when `root` is not in a git work tree or git did not answer in time.
 */
export async function gitStatuses(root: string): Promise<Map<string, GitStatus> | null> {
  const top = (await git(root, ['rev-parse', '--show-toplevel']))?.trim();
  if (!top) return null;
  const output = await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.']);
  if (output === null) return null;
  const underRoot = new Map<string, GitStatus>();
  for (const [path, status] of parsePorcelainZ(output)) {
    const rel = relative(root, `${top}/${path}`);
    if (rel && !rel.startsWith('..')) underRoot.set(rel.split(sep).join('/'), status);
  }
  return underRoot;
}
