/**
 * The code's own guardrails, run by `npm test`, each counted as one test: the type check,
 * DESIGN.md's layer rule (scripts/check-layers.mjs), and Biome's linter and formatter check
 * (biome.json; Biome rather than ESLint because TypeScript 7 ships no JS API for typescript-eslint).
 */
import { spawnSync } from 'node:child_process';
export const GUARDRAILS = [
  ['tsc --noEmit', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['layers (DESIGN.md)', ['scripts/check-layers.mjs']],
  ['biome ci (lint + format, line width 160)', ['node_modules/@biomejs/biome/bin/biome', 'ci', '.']],
];

/** Runs every guardrail (output shown), and says how many passed and which failed. */
export function runGuardrails(env = process.env) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const [title, args] of GUARDRAILS) {
    console.log(`\n${title}`);
    const status = spawnSync(process.execPath, args, { stdio: 'inherit', env }).status;
    if (status === 0) passed += 1;
    else {
      failed += 1;
      failures.push(`${title} (exit ${status})`);
    }
    console.log(`  ${status === 0 ? 'ok  ' : 'FAIL'} ${title} (exit ${status})`);
  }
  return { passed, failed, failures };
}
