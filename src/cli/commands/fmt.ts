/**
 * `rule-studio fmt FILE... [--check] [--write]`: formats rule files exactly as detection-rules'
 * formatter (`toml-lint`) does.
 *
 * - no flag: prints the formatted text of each file;
 * - `--check`: lists the files that would change, exit 1 if any;
 * - `--write`: rewrites the files that change.
 *
 * Like `toml-lint`, deprecated rules are left as they are. A file that cannot be read, does not
 * parse, or whose query cannot be written (contains `'''`), is reported on one line, left alone
 * and never counted as formatted (exit 1); the other files are still formatted.
 */
import type { CliIO } from '../io.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { diagnosticLine, perFile, readFailure } from '../per-file.ts';
import { loadRule } from '../../rule/load.ts';
import { formatLoadedRule } from '../../rule/write.ts';

const USAGE = 'usage: rule-studio fmt FILE|DIR... [--check | --write]';

export async function run(args: string[], io: CliIO): Promise<number> {
  let check = false;
  let write = false;
  const paths: string[] = [];
  for (const arg of args) {
    if (arg === '--check') check = true;
    else if (arg === '--write') write = true;
    else if (arg === '-h' || arg === '--help') {
      io.out(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      io.err(`rule-studio fmt: unknown option '${arg}'\n${USAGE}`);
      return 2;
    } else paths.push(arg);
  }
  if (paths.length === 0 || (check && write)) {
    io.err(`rule-studio fmt: ${paths.length === 0 ? 'no files given' : '--check and --write exclude each other'}\n${USAGE}`);
    return 2;
  }

  let files: string[];
  try {
    files = io.listFiles(paths, '.toml');
  } catch (err) {
    io.err(`rule-studio fmt: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }

  // A file that cannot be read, parsed or formatted is an error and never counts as formatted.
  let broken = 0;
  const changed: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (err) {
      broken++;
      io.err(diagnosticLine(file, '', readFailure(err)));
      continue;
    }
    const formatted = perFile(() => formatFile(text, file));
    const result = 'value' in formatted ? formatted.value : { error: formatted.failure };
    if ('error' in result) {
      broken++;
      io.err(diagnosticLine(file, text, result.error));
      continue;
    }
    const changes = result.text !== text;
    if (changes) changed.push(file);
    if (write && changes) io.writeFile(file, result.text);
    else if (!check && !write) io.out(result.text);
  }

  const unformattable = broken ? `${count(broken, 'file')} could not be formatted` : '';
  if (check) {
    for (const f of changed) io.out(f);
    const formatted = files.length - changed.length - broken;
    const parts = [
      changed.length ? `${changed.length} of ${count(files.length, 'file')} would be reformatted` : '',
      !changed.length && (formatted > 0 || !broken)
        ? `${formatted === files.length ? count(formatted, 'file') : `${formatted} of ${count(files.length, 'file')}`} already formatted`
        : '',
      unformattable,
    ];
    io.err(parts.filter(Boolean).join('; '));
    return broken > 0 || changed.length > 0 ? 1 : 0;
  }
  if (write) io.err([`${changed.length} of ${count(files.length, 'file')} reformatted`, unformattable].filter(Boolean).join('; '));
  else if (broken) io.err(unformattable);
  return broken > 0 ? 1 : 0;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The formatted text, the text itself for deprecated rules, or why it cannot be formatted. */
export function formatFile(text: string, path?: string): { text: string } | { error: Diagnostic } {
  const rule = loadRule(text, path);
  const metadata = rule.data?.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata) && (metadata as Record<string, unknown>).maturity === 'deprecated') {
    return { text };
  }
  return formatLoadedRule(rule);
}
