/** What a CLI command may touch, so commands can be tested without a process. */
import { readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRuleBytes } from '../rule/decode.ts';
import { lineColumnAt } from '../diagnostic.ts';

/** A rule file's text; throws one line (where the first invalid byte is) on invalid UTF-8. */
function readRuleText(path: string): string {
  const bytes = readFileSync(path);
  const { text, diagnostics } = decodeRuleBytes(bytes);
  if (diagnostics.length === 0) return text;
  const { line, column } = lineColumnAt(text, diagnostics[0].range?.start ?? 0);
  const more = diagnostics.length > 1 ? ` and ${diagnostics.length - 1} more` : '';
  throw new Error(`invalid UTF-8 at line ${line}, column ${column}${more}; save it as UTF-8, it is not rewritten`);
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  /** Files under the given paths (folders are walked), filtered by extension. */
  listFiles(paths: string[], ext: string): string[];
}

function walk(path: string, ext: string, found: string[]): void {
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      walk(join(path, name), ext, found);
    }
  } else if (path.endsWith(ext)) {
    found.push(path);
  }
}

export const nodeIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : text + '\n'),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : text + '\n'),
  // Rule files are decoded strictly: invalid UTF-8 is refused with its line and column (a lossy
  // read would turn it into U+FFFD, and fmt --write would save that over the user's bytes).
  readFile: (path) => (path.endsWith('.toml') ? readRuleText(path) : readFileSync(path, 'utf8')),
  writeFile: (path, text) => writeFileSync(path, text),
  listFiles(paths, ext) {
    const found: string[] = [];
    for (const p of paths) walk(p, ext, found);
    return found;
  },
};
