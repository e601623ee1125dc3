#!/usr/bin/env node
/**
 * The README's test command: unit tests (Vitest), a production build, then end-to-end tests
 * (Playwright in Chromium). Ends with one line `N passed, N failed` totalling both.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'rule-studio-test-'));
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

let passed = 0;
let failed = 0;
let broken = false;

// 1. Unit tests.
const vitestJson = join(out, 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) broken = true; // e.g. a suite that failed to load
  if (vitest.numFailedTestSuites > 0) failed += vitest.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
} else {
  broken = true;
}

// 2. Production build (the e2e tests use it).
const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (buildStatus !== 0) {
  console.error('vite build failed');
  failed += 1;
  broken = true;
} else {
  // 3. End-to-end tests.
  const playwrightJson = join(out, 'playwright.json');
  const pwStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  const pw = readJson(playwrightJson);
  if (pw) {
    passed += pw.stats.expected + (pw.stats.flaky ?? 0);
    failed += pw.stats.unexpected;
    if (pwStatus !== 0 && pw.stats.unexpected === 0) broken = true;
  } else {
    broken = true;
  }
}

if (broken && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
