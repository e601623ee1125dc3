#!/usr/bin/env node
/**
 * Builds the command-line tool into plain JavaScript (build/cli/), so `bin/rule-studio` starts
 * without compiling TypeScript. Runs from `npm ci` (the `prepare` script) and again from the
 * launcher whenever a source file is newer than the build. Commands stay separate chunks, so
 * `--help` loads none of them.
 */
import { build } from 'esbuild';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'build/cli');

export async function buildCli() {
  // Built beside and swapped in whole, so a CLI started meanwhile never sees half a build.
  const staging = `${outdir}.${process.pid}`;
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies load from node_modules as they are; only our own TypeScript is compiled.
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // The launcher compares these sources' mtimes with the build's to know when to rebuild.
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules'));
  writeFileSync(join(staging, 'inputs.json'), JSON.stringify({ built: Date.now(), inputs }));
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  return inputs.length;
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  await buildCli();
}
