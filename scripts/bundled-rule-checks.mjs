/**
 * The bundled rules (rules/) must pass the tool's own checks. `npm test` runs each command
 * through bin/rule-studio, as a user would, and counts it as one test.
 */
import { spawnSync } from 'node:child_process';

export const RULE_CHECKS = [
  ['validate', 'rules'],
  ['fmt', '--check', 'rules'],
];

/** Runs every check (output shown), and says which passed. */
export function runBundledRuleChecks(env = process.env) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const args of RULE_CHECKS) {
    const title = `bin/rule-studio ${args.join(' ')}`;
    console.log(`\n${title}`);
    const status = spawnSync(process.execPath, ['bin/rule-studio', ...args], { stdio: 'inherit', env }).status;
    if (status === 0) passed += 1;
    else {
      failed += 1;
      failures.push(`${title} (exit ${status})`);
    }
    console.log(`  ${status === 0 ? 'ok  ' : 'FAIL'} ${title} (exit ${status})`);
  }
  return { passed, failed, failures };
}
