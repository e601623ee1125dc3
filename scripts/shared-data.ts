/**
 * Tests that read ../shared (the rules corpus, formatter golden files, conformance suites) ask for
 * it here. A user's fresh clone has nothing beside it: those suites are skipped with one printed
 * line naming them and why. CI always has ../shared, so under CI=true absent data is a failure.
 */
import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DIR = resolve(import.meta.dirname, '../../shared');

/** The absolute path of `rel` inside ../shared, or null (after saying so) when it is absent. */
export function sharedData(rel: string, suite: string): string | null {
  const path = join(SHARED_DIR, rel);
  if (existsSync(path)) return path;
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: ../shared/${rel} is missing, and CI=true requires it`);
  }
  const line = `skipped: ${suite} — needs ../shared/${rel}, which is not beside this checkout`;
  console.log(line);
  logSkip(line);
  return null;
}

/** npm test (scripts/test-all.mjs) names the skipped suites again at the end, from this file. */
export function logSkip(line: string): void {
  const log = process.env.RULE_STUDIO_SKIP_LOG;
  if (log) appendFileSync(log, `${line}\n`);
}

/** Every `.toml` file under `dir`, each folder's entries in name order. */
export function tomlFilesUnder(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) tomlFilesUnder(path, found);
    else if (name.endsWith('.toml')) found.push(path);
  }
  return found;
}
