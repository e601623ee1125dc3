/**
 * Rule-file benchmark (issue 15): huge and hostile rule files through what `validate` and `fmt`
 * do — load, validate, line/column of every diagnostic, format. Inputs are generated here.
 * Target: a rule with 10,000 [[rule.threat]] entries validates, with positions, in under 5 s
 * (it took 67 s when each position was counted from the start of the file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRule } from '../src/rule/load.ts';
import { validateRule } from '../src/rule/validate/index.ts';
import { formatLoadedRule } from '../src/rule/write.ts';
import { lineColumnAt } from '../src/diagnostic.ts';

const BASE = readFileSync(join(import.meta.dirname ?? '.', '../rules/linux/execution_python_tty_shell.toml'), 'utf8');
const ENTRY =
  '\n[[rule.threat]]\nframework = "MITRE ATT&CK"\n\n[rule.threat.tactic]\nid = "TA0002"\nname = "Execution"\nreference = "https://attack.mitre.org/tactics/TA0002/"\n';

const files: [string, string][] = [
  ['10,000 [[rule.threat]] entries', BASE + ENTRY.repeat(10_000)],
  ['array nested 3,000 deep', BASE.replace('[rule]\n', `[rule]\nx = ${'['.repeat(3000)}1${']'.repeat(3000)}\n`)],
  ['description of 5 MB on one line', BASE.replace(/^description = """[\s\S]*?"""$/m, `description = "${'word '.repeat(1_000_000)}"`)],
];

let failed = false;
for (const [label, text] of files) {
  const t0 = performance.now();
  const rule = loadRule(text);
  const t1 = performance.now();
  const diagnostics = [...rule.diagnostics, ...validateRule(rule)];
  const t2 = performance.now();
  for (const d of diagnostics) if (d.range) lineColumnAt(text, d.range.start);
  const t3 = performance.now();
  const formatted = formatLoadedRule(rule);
  const t4 = performance.now();
  const ms = (a: number, b: number) => `${(b - a).toFixed(0)} ms`.padStart(8);
  console.log(
    `${label.padEnd(34)} ${(text.length / 1e6).toFixed(1)} MB  load ${ms(t0, t1)}  validate ${ms(t1, t2)}  ${String(diagnostics.length).padStart(6)} positions ${ms(t2, t3)}  format ${ms(t3, t4)}${'error' in formatted ? ' (refused)' : ''}`,
  );
  if (label.startsWith('10,000') && t3 - t0 > 5000) failed = true;
}
if (failed) {
  console.log('✗ 10,000 threat entries: validation with positions took over the 5 s target');
  process.exitCode = 1;
}
