/**
 * The rules shipped in `rules/` (and their test sidecars), bundled into the app at build time.
 */
import { TEST_SIDECAR_SUFFIX } from '../rule/test-cases.ts';

const ruleTexts = import.meta.glob('/rules/**/*.toml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const sidecarTexts = import.meta.glob('/rules/**/*.tests.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledRule {
  /** Path relative to `rules/`, e.g. `linux/execution_python_tty_shell.toml`. */
  path: string;
  text: string;
  testsText?: string;
}

export function bundledRules(): BundledRule[] {
  return Object.keys(ruleTexts)
    .sort()
    .map((key) => ({
      path: key.replace(/^\/rules\//, ''),
      text: ruleTexts[key],
      testsText: sidecarTexts[key.replace(/\.toml$/, TEST_SIDECAR_SUFFIX)],
    }));
}
