/**
 * `rule-studio serve` on the rules corpus (issue 19): the server's side of "list ready under
 * 2 s" — GET /api/files (every file hashed for its ETag the first time, from the cache after),
 * with git status when the copy is a git work tree; GET /api/files?index=1 (the list's summaries,
 * what the page loads; the server makes them when it starts, this bench asks before that ends);
 * ?content=1 (every text, what "Validate repository" reads); and every file fetched 8 at a time. Runs on a temporary copy of ../shared/rules-corpus; skipped without it.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedData } from '../scripts/shared-data.ts';
import { startServer } from '../src/server/server.ts';

const corpus = sharedData('rules-corpus', 'serve bench');
if (corpus) {
  const work = mkdtempSync(join(tmpdir(), 'serve-bench-'));
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'index.html'), '<!doctype html>');
  const repo = join(work, 'repo');
  cpSync(corpus, repo, { recursive: true });
  const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
  let failed = false;
  try {
    for (const withGit of [false, true]) {
      if (withGit) {
        const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@b', ...args], { cwd: repo, stdio: 'pipe' });
        git('init', '-q');
        git('add', '.');
        git('commit', '-q', '-m', 'corpus');
      }
      const server = await startServer({ dir: repo, appDir: app });
      const headers = { Authorization: `Bearer ${server.token}` };
      const base = `http://127.0.0.1:${server.port}`;
      const label = withGit ? 'git work tree' : 'plain folder ';
      let t = performance.now();
      const { files } = (await (await fetch(`${base}/api/files`, { headers })).json()) as { files: { path: string }[] };
      const cold = performance.now() - t;
      console.log(`${label} GET /api/files, first (hashes every file): ${files.length} files in ${cold.toFixed(0)} ms`);
      t = performance.now();
      await (await fetch(`${base}/api/files`, { headers })).json();
      const warm = performance.now() - t;
      console.log(`${label} GET /api/files, again (ETags cached):    ${files.length} files in ${warm.toFixed(0)} ms`);
      t = performance.now();
      const index = (await (await fetch(`${base}/api/files?index=1`, { headers })).json()) as { files: { summary?: unknown }[] };
      console.log(`${label} GET /api/files?index=1 (what the page loads): ${index.files.filter((f) => f.summary).length} summaries in ${ms(t)}`);
      t = performance.now();
      await (await fetch(`${base}/api/files?index=1`, { headers })).json();
      console.log(`${label} GET /api/files?index=1, again (summaries cached): ${ms(t)}`);
      t = performance.now();
      const withText = (await (await fetch(`${base}/api/files?content=1`, { headers })).json()) as { files: { text?: string }[] };
      console.log(`${label} GET /api/files?content=1 (what validation reads): ${withText.files.filter((f) => f.text !== undefined).length} texts in ${ms(t)}`);
      t = performance.now();
      let next = 0;
      let bytes = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < files.length) {
            const res = await fetch(`${base}/api/files/${files[next++].path.split('/').map(encodeURIComponent).join('/')}`, { headers });
            bytes += (await res.arrayBuffer()).byteLength;
          }
        }),
      );
      console.log(`${label} every file read, 8 at a time:            ${(bytes / 1e6).toFixed(1)} MB in ${ms(t)}`);
      if (cold > 2000) failed = true;
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (failed) {
    console.log('✗ GET /api/files took over the 2 s list target');
    process.exitCode = 1;
  }
}
