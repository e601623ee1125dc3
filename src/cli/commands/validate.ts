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
import type { Diagnostic } from '../../diagnostic.ts';
import { hasErrors, lineColumnAt } from '../../diagnostic.ts';
import { loadRule } from '../../rule/load.ts';
import { findCollisions, ruleIdentity, validateRule, type RuleIdentity } from '../../rule/validate/index.ts';
import { readRuleTests, sidecarPathFor } from '../../rule/test-cases.ts';
import { oneLine, perFile, readFailure } from '../per-file.ts';
import { checkKqlQueries } from '../kql-queries.ts';

const USAGE = 'usage: rule-studio validate PATH... [--json]';

type Located = Diagnostic & { line?: number; column?: number };

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

  // One file at a time, keeping only its text and diagnostics: a loaded rule is large, and a
  // repository has thousands. A file that cannot be read or processed is reported on its own.
  const results: { path: string; text: string; diagnostics: Diagnostic[] }[] = [];
  const identities: (RuleIdentity | undefined)[] = [];
  for (const path of files) {
    let text: string;
    try {
      text = io.readFile(path);
    } catch (err) {
      results.push({ path, text: '', diagnostics: [readFailure(err)] });
      identities.push(undefined);
      continue;
    }
    const checked = perFile(() => {
      const rule = loadRule(text, path);
      return { diagnostics: [...rule.diagnostics, ...validateRule(rule), ...checkKqlQueries(rule)], identity: ruleIdentity(rule) };
    });
    results.push({ path, text, diagnostics: 'value' in checked ? checked.value.diagnostics : [checked.failure] });
    identities.push('value' in checked ? checked.value.identity : undefined);
    const sidecar = checkSidecar(io, path);
    if (sidecar) {
      results.push(sidecar);
      identities.push(undefined);
    }
  }
  // Rule ids and names must be unique across everything validated together.
  for (const [i, found] of findCollisions(identities)) results[i].diagnostics.push(...found);

  const counts = { error: 0, warning: 0, info: 0 };
  const output = results.map(({ path, text, diagnostics }) => {
    if (hasErrors(diagnostics)) failed = true;
    for (const d of diagnostics) counts[d.severity]++;
    const located = diagnostics.map((d): Located => (d.range ? { ...d, ...lineColumnAt(text, d.range.start) } : d));
    if (!json) for (const d of located) io.out(formatLine(path, d));
    return { path, diagnostics: located };
  });

  if (json) io.out(JSON.stringify({ files: output }));
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  io.err(`${plural(files.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`);
  return failed ? 1 : 0;
}

function formatLine(path: string, d: Located): string {
  const where = d.line !== undefined ? `${path}:${d.line}:${d.column}` : path;
  return `${where} ${d.severity} ${d.code} ${oneLine(d.message)}`;
}

/** The rule's test sidecar, if it has one, checked and reported under its own path. */
function checkSidecar(io: CliIO, rulePath: string): { path: string; text: string; diagnostics: Diagnostic[] } | undefined {
  const path = sidecarPathFor(rulePath);
  let text: string;
  try {
    text = io.readFile(path);
  } catch {
    return undefined; // a rule without test cases
  }
  const read = perFile(() => readRuleTests(text).diagnostics, 'schema');
  return { path, text, diagnostics: 'value' in read ? read.value : [read.failure] };
}
