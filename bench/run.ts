/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so memory figures are per
 * benchmark), one after another, and lets each print its figures.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'package.json'));
const tsx = require.resolve('tsx/cli');
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const f of files) {
  console.log(`\n▶ ${f}`);
  // tsx re-spawns node, so V8 flags travel through NODE_OPTIONS (gc() lets a bench start clean).
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim();
  const r = spawnSync(process.execPath, [tsx, join(here, f)], { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  if (r.status !== 0) {
    failed++;
    console.log(`✗ ${f} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
