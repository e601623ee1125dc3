/**
 * Browser benchmarks: builds the app into a scratch folder and runs the Playwright *.perf.ts
 * specs against it in Chromium. Each spec prints its own figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const outDir = mkdtempSync(join(tmpdir(), 'rule-studio-bench-'));
const run = (args: string[], env: Record<string, string> = {}) => spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (run(['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']) !== 0) process.exit(1);
process.exit(run(['playwright', 'test', '--reporter=list'], { BENCH: '1', E2E_OUT_DIR: outDir, E2E_PORT: '4391' }));
