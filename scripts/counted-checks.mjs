/**
 * Runs commands that `npm test` counts as one test each (output shown): each is a node script
 * with its arguments. Says how many passed, and names the ones that failed.
 */
import { spawnSync } from 'node:child_process';

/** `checks`: [title, [script, ...args]] pairs. */
export function runCountedChecks(checks, env = process.env) {
  let passed = 0;
  const failures = [];
  for (const [title, args] of checks) {
    console.log(`\n${title}`);
    const status = spawnSync(process.execPath, args, { stdio: 'inherit', env }).status;
    if (status === 0) passed += 1;
    else failures.push(`${title} (exit ${status})`);
    console.log(`  ${status === 0 ? 'ok  ' : 'FAIL'} ${title} (exit ${status})`);
  }
  return { passed, failed: failures.length, failures };
}
