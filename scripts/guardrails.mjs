/**
 * The code's own guardrails, run by `npm test`, each counted as one test: the type check,
 * DESIGN.md's layer rule (scripts/check-layers.mjs), and Biome's linter and formatter check
 * (biome.json; Biome rather than ESLint because TypeScript 7 ships no JS API for typescript-eslint).
 */
import { runCountedChecks } from './counted-checks.mjs';

export const GUARDRAILS = [
  ['tsc --noEmit', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['layers (DESIGN.md)', ['scripts/check-layers.mjs']],
  ['biome ci (lint + format, line width 160)', ['node_modules/@biomejs/biome/bin/biome', 'ci', '.']],
];

export const runGuardrails = (env = process.env) => runCountedChecks(GUARDRAILS, env);
