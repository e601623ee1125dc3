/**
 * End-to-end tests that read ../shared (the rules corpus) call this inside the test body. A fresh
 * clone has nothing beside it: the test is skipped with the reason. CI always has ../shared, so
 * under CI=true absent data fails the test instead (see scripts/shared-data.ts for unit tests).
 */
import { test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { logSkip, SHARED_DIR } from '../scripts/shared-data.ts';

/** The absolute path of `rel` inside ../shared; skips (or, under CI=true, fails) the test when absent. */
export function sharedDataOrSkip(rel: string): string {
  const path = join(SHARED_DIR, rel);
  if (existsSync(path)) return path;
  const reason = `needs ../shared/${rel}, which is not beside this checkout`;
  if (process.env.CI === 'true') throw new Error(`${reason}, and CI=true requires it`);
  const line = `skipped: e2e ${test.info().title} — ${reason}`;
  console.log(line);
  logSkip(line);
  test.skip(true, reason);
  return path; // not reached: test.skip ends the test
}
