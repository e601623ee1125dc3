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
// What failed, named again just above the last line: CI logs are often read from their tail.
const failures = [];
const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((l) => l.trim()) ?? '';

// 1. Unit tests.
const vitestJson = join(out, 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) broken = true; // e.g. a suite that failed to load
  if (vitest.numFailedTestSuites > 0) failed += vitest.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  for (const file of vitest.testResults) {
    const name = file.name.replace(`${process.cwd()}/`, '');
    if (file.status === 'failed' && file.assertionResults.length === 0) failures.push(`vitest ${name}: ${firstLine(file.message)}`);
    for (const t of file.assertionResults) if (t.status === 'failed') failures.push(`vitest ${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  }
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) failures.push(`vitest exited with ${vitestStatus} (an unhandled error? see its output above)`);
} else {
  broken = true;
  failures.push('vitest wrote no report');
}

// 2. The bundled rules pass the tool's own checks: each command counts as one test.
const ruleChecks = runBundledRuleChecks();
passed += ruleChecks.passed;
failed += ruleChecks.failed;
failures.push(...ruleChecks.failures);

// 3. Guardrails: the type check and the layer rule, one test each.
const guardrails = runGuardrails();
passed += guardrails.passed;
failed += guardrails.failed;
failures.push(...guardrails.failures);

// 4. Production build (the e2e tests use it).
const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (buildStatus !== 0) {
  console.error('vite build failed');
  failed += 1;
  failures.push('vite build');
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
    failures.push(...unexpectedPlaywrightTests(pw).map((t) => `playwright ${t}`));
    if (pwStatus !== 0 && pw.stats.unexpected === 0) failures.push(`playwright exited with ${pwStatus}`);
  } else {
    broken = true;
    failures.push('playwright wrote no report');
  }
}

if (broken && failed === 0) failed = 1;
const skipped = existsSync(skipLog) ? [...new Set(readFileSync(skipLog, 'utf8').split('\n').filter(Boolean))] : [];
if (skipped.length > 0) console.log(`\n${skipped.length} skipped (their data is not beside this checkout):\n${skipped.map((l) => `  ${l}`).join('\n')}`);
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f.slice(0, 400)}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

/** "file:line › title: first line of the error" for each test that did not end as expected. */
function unexpectedPlaywrightTests(report) {
  const out = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = test.results?.find((r) => r.error)?.error;
        out.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLine(error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return out;
}
