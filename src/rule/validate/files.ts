/**
 * Validates a set of rule files together: what `rule-studio validate` prints and the repository
 * worker reports (both call this, so they cannot disagree). Each rule through the loader and all three layers
 * (validateRule: load, repo, query) plus the KQL query checks (checkKqlQueries), rule ids and
 * names unique across the set (findCollisions), and each rule's test sidecar through its reader.
 * One file that throws is one error for that file; the others are still validated. Pure.
 *
 * In two passes, so the per-file work can be shared among workers: `checkFiles` over any part of
 * the rules, then `joinChecked` over all the parts (collisions across the set, line and column).
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { fileFailure } from '../file-failure.ts';
import { lineColumnAt } from '../../diagnostic.ts';
import { loadRule } from '../load.ts';
import { readRuleTests, sidecarPathFor } from '../test-cases.ts';
import { checkKqlQueries } from './kql-queries.ts';
export { fileFailure, oneLine } from '../file-failure.ts';
import { findCollisions, type RuleIdentity, ruleIdentity, validateRule } from './index.ts';

/** A diagnostic with the 1-based line and column of its start, when it has a range. */
export type LocatedDiagnostic = Diagnostic & { line?: number; column?: number };

export interface FileProblems {
  path: string;
  diagnostics: LocatedDiagnostic[];
}

/** One file as checked on its own: before collisions across the set and line numbers are added. */
export interface CheckedFile {
  path: string;
  diagnostics: Diagnostic[];
  /** A rule's rule_id and name (for the collision check across every part). */
  identity?: RuleIdentity;
}

/** One rule file through the loader, the three layers and the KQL query checks. */
export function checkRuleFile(path: string, text: string, options: { today?: string } = {}): CheckedFile {
  try {
    const rule = loadRule(text, path);
    const diagnostics = [...rule.diagnostics, ...validateRule(rule, options.today ? { today: options.today } : {}), ...checkKqlQueries(rule)];
    const identity = ruleIdentity(rule);
    return { path, diagnostics, ...(identity ? { identity } : {}) };
  } catch (err) {
    return { path, diagnostics: [fileFailure(err)] };
  }
}

/** A rule's test sidecar (`<rule>.tests.json`), reported under its own path. */
export function checkSidecarFile(path: string, text: string): CheckedFile {
  try {
    return { path, diagnostics: readRuleTests(text).diagnostics };
  } catch (err) {
    return { path, diagnostics: [fileFailure(err, 'schema')] };
  }
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
    checked.push(checkRuleFile(path, text, options));
    const sidecarPath = sidecarPathFor(path);
    const sidecar = texts.get(sidecarPath);
    if (sidecar !== undefined) checked.push(checkSidecarFile(sidecarPath, sidecar));
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

/** Both passes over one set of files (what one worker would do alone). */
export function validateFiles(files: readonly { path: string; text: string }[], options: { today?: string } = {}): FileProblems[] {
  return joinChecked([checkFiles(files, options)], new Map(files.map((f) => [f.path, f.text])));
}
