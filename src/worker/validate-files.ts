/**
 * Validates a set of rule files together, as `rule-studio validate` does
 * (src/cli/commands/validate.ts): each rule through the loader and all three layers
 * (validateRule: load, repo, query) plus the KQL query checks (checkKqlQueries), rule ids and
 * names unique across the set (findCollisions), and each rule's test sidecar through its reader.
 * One file that throws is one error for that file; the others are still validated. Pure.
 *
 * In two passes, so the per-file work can be shared among workers: `checkFiles` over any part of
 * the rules, then `joinChecked` over all the parts (collisions across the set, line and column).
 */
import type { Diagnostic } from '../diagnostic.ts';
import { lineColumnAt } from '../diagnostic.ts';
import { loadRule } from '../rule/load.ts';
import { readRuleTests, sidecarPathFor } from '../rule/test-cases.ts';
import { checkKqlQueries } from '../rule/validate/kql-queries.ts';
import { findCollisions, type RuleIdentity, ruleIdentity, validateRule } from '../rule/validate/index.ts';
import type { CheckedFile, FileProblems } from './repository-protocol.ts';

function failure(err: unknown): Diagnostic {
  const message = err instanceof Error ? err.message : String(err);
  return { severity: 'error', code: 'validate/file-failed', message: `The file could not be processed: ${message.split('\n')[0]}`, source: 'toml' };
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The rules of `files` in path order, each followed by its sidecar when `files` holds one. */
export function checkFiles(
  files: readonly { path: string; text: string }[],
  options: { today?: string; onProgress?: (done: number, total: number) => void } = {},
): CheckedFile[] {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const rules = files.filter((f) => f.path.endsWith('.toml')).sort(byPath);
  const checked: CheckedFile[] = [];
  rules.forEach(({ path, text }, i) => {
    try {
      const rule = loadRule(text, path);
      const diagnostics = [...rule.diagnostics, ...validateRule(rule, options.today ? { today: options.today } : {}), ...checkKqlQueries(rule)];
      const identity = ruleIdentity(rule);
      checked.push({ path, diagnostics, ...(identity ? { identity } : {}) });
    } catch (err) {
      checked.push({ path, diagnostics: [failure(err)] });
    }
    const sidecarPath = sidecarPathFor(path);
    const sidecar = texts.get(sidecarPath);
    if (sidecar !== undefined) {
      let diagnostics: Diagnostic[];
      try {
        diagnostics = readRuleTests(sidecar).diagnostics;
      } catch (err) {
        diagnostics = [{ ...failure(err), source: 'schema' }];
      }
      checked.push({ path: sidecarPath, diagnostics });
    }
    options.onProgress?.(i + 1, rules.length);
  });
  return checked;
}

/**
 * Every checked file, in the order of `parts` (give them in path order), with the collisions
 * found across all of them and each ranged diagnostic's line and column in `texts`.
 */
export function joinChecked(parts: readonly (readonly CheckedFile[])[], texts: ReadonlyMap<string, string>): FileProblems[] {
  const all = parts.flat().map((f) => ({ ...f, diagnostics: [...f.diagnostics] }));
  // Rule ids and names must be unique across everything validated together.
  const identities: (RuleIdentity | undefined)[] = all.map((f) => f.identity);
  for (const [i, found] of findCollisions(identities)) all[i].diagnostics.push(...found);
  return all.map(({ path, diagnostics }) => {
    const text = texts.get(path) ?? '';
    return { path, diagnostics: diagnostics.map((d) => (d.range ? { ...d, ...lineColumnAt(text, d.range.start) } : d)) };
  });
}

/** Both passes over one set of files (what one worker, or the CLI, would do alone). */
export function validateFiles(files: readonly { path: string; text: string }[], options: { today?: string } = {}): FileProblems[] {
  return joinChecked([checkFiles(files, options)], new Map(files.map((f) => [f.path, f.text])));
}
