/**
 * `rule-studio test [PATH...]`: runs the test cases kept beside rules (`<rule>.tests.json`).
 * Exit 1 when a case fails or a file is broken (a broken sidecar is reported under its own
 * path); 2 when a PATH does not exist or an option is unknown. One bad file never stops the rest.
 */
import type { CliIO } from '../io.ts';
import { loadRule } from '../../rule/load.ts';
import { readRuleTests, sidecarPathFor } from '../../rule/test-cases.ts';
import { runTestCase } from '../../rule/run-tests.ts';
import { diagnosticLine, oneLine, perFile, readFailure } from '../per-file.ts';

const USAGE = 'usage: rule-studio test [PATH...]';

const show = (matches: (number | null)[][]) => (matches.length ? JSON.stringify(matches) : 'no match');

export async function run(args: string[], io: CliIO): Promise<number> {
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown === '-h' || unknown === '--help') {
    io.out(USAGE);
    return 0;
  }
  if (unknown) {
    io.err(`rule-studio test: unknown option ${unknown}\n${USAGE}`);
    return 2;
  }
  const paths = args.length ? args : ['rules'];
  const rules: string[] = [];
  for (const p of paths) {
    try {
      rules.push(...io.listFiles([p], '.toml'));
    } catch {
      io.err(`rule-studio test: cannot read ${p}: no such file or folder`);
      return 2;
    }
  }

  let passed = 0;
  let failed = 0;
  const fail = (line: string) => {
    io.out(`FAIL ${line}`);
    failed++;
  };
  for (const rulePath of rules) {
    const testsPath = sidecarPathFor(rulePath);
    let testsText: string;
    try {
      testsText = io.readFile(testsPath);
    } catch {
      continue; // a rule without test cases
    }
    let ruleText: string;
    try {
      ruleText = io.readFile(rulePath);
    } catch (err) {
      fail(`${rulePath} ${readFailure(err).message}`);
      continue;
    }
    const loaded = perFile(() => loadRule(ruleText, rulePath));
    if ('failure' in loaded) {
      fail(diagnosticLine(rulePath, ruleText, loaded.failure));
      continue;
    }
    const rule = loaded.value;
    for (const d of rule.diagnostics) fail(diagnosticLine(rulePath, ruleText, d));
    const read = perFile(() => readRuleTests(testsText), 'schema');
    const cases = 'value' in read ? read.value.file.cases : [];
    const sidecarProblems = 'value' in read ? read.value.diagnostics : [read.failure];
    for (const d of sidecarProblems) fail(`${testsPath}: ${d.path ? d.path + ': ' : ''}${oneLine(d.message)}`);
    if (!rule.data) continue;
    for (const testCase of cases) {
      const ran = perFile(() => runTestCase(rule.data!, testCase), 'eql');
      if ('failure' in ran) {
        fail(`${rulePath} › ${testCase.name}`);
        io.out(`     ${ran.failure.message}`);
        continue;
      }
      const outcome = ran.value;
      if (outcome.passed) {
        passed++;
        io.out(`ok   ${rulePath} › ${outcome.name}`);
      } else {
        fail(`${rulePath} › ${outcome.name}`);
        io.out(outcome.error ? `     query error: ${oneLine(outcome.error)}` : `     expected ${show(outcome.expected)}, got ${show(outcome.actual)}`);
      }
    }
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
