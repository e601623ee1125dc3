/**
 * `rule-studio validate PATH... [--json]`: validates rule files (folders are walked for
 * *.toml) through all three layers and prints one line per diagnostic,
 * `file:line:col severity code message`, or with --json
 * `{"files":[{"path","diagnostics":[…]}]}` where diagnostics with a range also carry a 1-based
 * `line` and `column`. KQL queries (`query`, `threat_query`) are checked by the KQL service
 * (syntax, then fields against the rule's schema). Rules validated together must not share a rule_id or name. A rule's test
 * sidecar (`<rule>.tests.json`) is checked too and reported under its own path. A file that
 * cannot be read or processed is one error for that file; the others are still validated. Exit 1
 * when any file has an error, 2 on a usage error.
 */
import type { CliIO } from '../io.ts';
import { hasErrors } from '../../diagnostic.ts';
import { sidecarPathFor } from '../../rule/test-cases.ts';
import { type CheckedFile, checkRuleFile, checkSidecarFile, joinChecked, type LocatedDiagnostic } from '../../rule/validate/files.ts';
import { oneLine, readFailure } from '../per-file.ts';

const USAGE = 'usage: rule-studio validate PATH... [--json]';

export async function run(args: string[], io: CliIO): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const paths = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || paths.length === 0) {
    io.err(unknown.length > 0 ? `rule-studio validate: unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }

  let failed = false;
  const files: string[] = [];
  for (const p of paths) {
    try {
      files.push(...io.listFiles([p], '.toml'));
    } catch {
      io.err(`rule-studio validate: cannot read ${p}`);
      failed = true;
    }
  }

  // One file at a time, keeping only its text and diagnostics (a loaded rule is large, and a
  // repository has thousands), through the same checks as the repository worker.
  const checked: CheckedFile[] = [];
  const texts = new Map<string, string>();
  for (const path of files) {
    let text: string;
    try {
      text = io.readFile(path);
    } catch (err) {
      checked.push({ path, diagnostics: [readFailure(err)] });
      continue;
    }
    texts.set(path, text);
    checked.push(checkRuleFile(path, text));
    const sidecarPath = sidecarPathFor(path);
    let sidecar: string | undefined;
    try {
      sidecar = io.readFile(sidecarPath);
    } catch {
      // a rule without test cases
    }
    if (sidecar !== undefined) {
      texts.set(sidecarPath, sidecar);
      checked.push(checkSidecarFile(sidecarPath, sidecar));
    }
  }

  const counts = { error: 0, warning: 0, info: 0 };
  const output = joinChecked([checked], texts);
  for (const { path, diagnostics } of output) {
    if (hasErrors(diagnostics)) failed = true;
    for (const d of diagnostics) counts[d.severity]++;
    if (!json) for (const d of diagnostics) io.out(formatLine(path, d));
  }

  if (json) io.out(JSON.stringify({ files: output }));
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  io.err(`${plural(files.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`);
  return failed ? 1 : 0;
}

function formatLine(path: string, d: LocatedDiagnostic): string {
  const where = d.line !== undefined ? `${path}:${d.line}:${d.column}` : path;
  return `${where} ${d.severity} ${d.code} ${oneLine(d.message)}`;
}
