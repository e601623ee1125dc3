/** What a CLI command may touch, so commands can be tested without a process. */
import { readFileSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
  listFiles(paths, ext) {
    const found: string[] = [];
    for (const p of paths) walk(p, ext, found);
    return found;
  },
};
