/**
 * `rule-studio test [PATH...]`: runs the test cases kept beside rules (`<rule>.tests.json`).
 * Exit 1 when a case fails or a test file is broken.
 */
import type { CliIO } from '../io.ts';
import { loadRule } from '../../rule/load.ts';
import { readRuleTests, sidecarPathFor } from '../../rule/test-cases.ts';
import { runTestCase } from '../../rule/run-tests.ts';

const show = (matches: (number | null)[][]) => (matches.length ? JSON.stringify(matches) : 'no match');

export async function run(args: string[], io: CliIO): Promise<number> {
  const paths = args.filter((a) => !a.startsWith('-'));
  const rules = io.listFiles(paths.length ? paths : ['rules'], '.toml');
  let passed = 0;
  let failed = 0;
  for (const rulePath of rules) {
    let testsText: string;
    try {
      testsText = io.readFile(sidecarPathFor(rulePath));
    } catch {
      continue; // a rule without test cases
    }
    const rule = loadRule(io.readFile(rulePath), rulePath);
    const { file, diagnostics } = readRuleTests(testsText);
    for (const d of [...rule.diagnostics, ...diagnostics]) {
      io.out(`FAIL ${rulePath}: ${d.path ? d.path + ': ' : ''}${d.message}`);
      failed++;
    }
    if (!rule.data) continue;
    for (const testCase of file.cases) {
      const outcome = runTestCase(rule.data, testCase);
      if (outcome.passed) {
        passed++;
        io.out(`ok   ${rulePath} › ${outcome.name}`);
      } else {
        failed++;
        io.out(`FAIL ${rulePath} › ${outcome.name}`);
        io.out(outcome.error ? `     query error: ${outcome.error}` : `     expected ${show(outcome.expected)}, got ${show(outcome.actual)}`);
      }
    }
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
