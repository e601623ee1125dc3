/**
 * `rule-studio fmt FILE... [--check] [--write]`: formats rule files exactly as detection-rules'
 * formatter (`toml-lint`) does.
 *
 * - no flag: prints the formatted text of each file;
 * - `--check`: lists the files that would change, exit 1 if any;
 * - `--write`: rewrites the files that change.
 *
 * Like `toml-lint`, deprecated rules are left as they are. A file that does not parse, or whose
 * query cannot be written (contains `'''`), is reported and left alone (exit 1).
 */
import type { CliIO } from '../io.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { lineColumnAt } from '../../diagnostic.ts';
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

  let failed = false;
  const changed: string[] = [];
  for (const file of files) {
    const text = io.readFile(file);
    const result = formatFile(text, file);
    if ('error' in result) {
      failed = true;
      io.err(describe(file, text, result.error));
      continue;
    }
    const changes = result.text !== text;
    if (changes) changed.push(file);
    if (write && changes) io.writeFile(file, result.text);
    else if (!check && !write) io.out(result.text);
  }

  if (check) {
    for (const f of changed) io.out(f);
    io.err(changed.length ? `${changed.length} of ${files.length} files would be reformatted` : `${files.length} files already formatted`);
    return failed || changed.length > 0 ? 1 : 0;
  }
  if (write) io.err(`${changed.length} of ${files.length} files reformatted`);
  return failed ? 1 : 0;
}

/** The formatted text, the text itself for deprecated rules, or why it cannot be formatted. */
export function formatFile(text: string, path?: string): { text: string } | { error: Diagnostic } {
  const rule = loadRule(text, path);
  const metadata = rule.data?.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata) && (metadata as Record<string, unknown>).maturity === 'deprecated') {
    return { text };
  }
  return formatLoadedRule(rule);
}

/** `file:line:col severity code message`, as every command prints diagnostics. */
function describe(file: string, text: string, d: Diagnostic): string {
  let where = file;
  if (d.range) {
    const { line, column } = lineColumnAt(text, d.range.start);
    where += `:${line}:${column}`;
  }
  return `${where} ${d.severity} ${d.code} ${d.message}`;
}
