#!/usr/bin/env node
/**
 * The README's test command: unit tests (Vitest), the tool's own checks on the bundled rules
 * (`validate rules`, `fmt --check rules`), the guardrails (type check, layer rule), a production build, then end-to-end tests (Playwright
 * in Chromium). Suites skipped because ../shared is absent are named again at the end. Ends with
 * one line `N passed, N failed` totalling all of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundledRuleChecks } from './bundled-rule-checks.mjs';
import { runGuardrails } from './guardrails.mjs';

const out = mkdtempSync(join(tmpdir(), 'rule-studio-test-'));
// scripts/shared-data.ts and e2e/shared-data.ts append a line here for each suite they skip.
const skipLog = join(out, 'skipped.txt');
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, RULE_STUDIO_SKIP_LOG: skipLog, ...env } }).status ?? 1;
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

// 2. The bundled rules pass the tool's own checks: each command counts as one test.
const ruleChecks = runBundledRuleChecks();
passed += ruleChecks.passed;
failed += ruleChecks.failed;

// 3. Guardrails: the type check and the layer rule, one test each.
const guardrails = runGuardrails();
passed += guardrails.passed;
failed += guardrails.failed;

// 4. Production build (the e2e tests use it).
const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (buildStatus !== 0) {
  console.error('vite build failed');
  failed += 1;
  broken = true;
} else {
  // 5. End-to-end tests.
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
const skipped = existsSync(skipLog) ? [...new Set(readFileSync(skipLog, 'utf8').split('\n').filter(Boolean))] : [];
if (skipped.length > 0) console.log(`\n${skipped.length} skipped (their data is not beside this checkout):\n${skipped.map((l) => `  ${l}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
