/**
 * The bundled rules (rules/) must pass the tool's own checks. `npm test` runs each command
 * through bin/rule-studio, as a user would, and counts it as one test.
 */
import { runCountedChecks } from './counted-checks.mjs';

export const RULE_CHECKS = [
  ['validate', 'rules'],
  ['fmt', '--check', 'rules'],
];

export const runBundledRuleChecks = (env = process.env) =>
  runCountedChecks(
    RULE_CHECKS.map((args) => [`bin/rule-studio ${args.join(' ')}`, ['bin/rule-studio', ...args]]),
    env,
  );
