#!/usr/bin/env node
/**
 * The layer rule of DESIGN.md, checked on the import graph of every product module under src/
 * (tests are exempt). Prints each import that goes against an
 * arrow, as `file → import (rule)`, and exits 1 if there is any.
 * src/ui renders view-models and calls actions of src/state: from the pure folders it may take
 * types only (`import type` / `export type`, which bring no code or data along), and nothing at
 * all from src/worker.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Which top-level folders of src/ a layer may import (`typeOnly`: only their types), and which packages it must not. */
const PURE = ['eql', 'rule', 'events', 'kql', 'esql', 'languages'];
const NODE_BUILTIN = /^node:/;
const BROWSER_PACKAGES = /^(react|react-dom|monaco-editor|zustand|dompurify|marked)(\/|$)/;
const LAYERS = {
  pure: { may: [...PURE, ''], forbid: [NODE_BUILTIN, BROWSER_PACKAGES] },
  worker: { may: [...PURE, 'worker', ''], forbid: [NODE_BUILTIN, BROWSER_PACKAGES] },
  editor: { may: [...PURE, 'editor', ''], forbid: [NODE_BUILTIN, /^(react|react-dom|zustand)(\/|$)/] },
  state: { may: [...PURE, 'worker', 'editor', 'state', ''], forbid: [NODE_BUILTIN, /^(react-dom)(\/|$)/] },
  ui: { may: [...PURE, 'state', 'editor', 'ui', ''], typeOnly: PURE, forbid: [NODE_BUILTIN] },
  node: { may: [...PURE, 'cli', 'server', ''], forbid: [BROWSER_PACKAGES] },
};
const LAYER_OF = { worker: 'worker', editor: 'editor', state: 'state', ui: 'ui', cli: 'node', server: 'node' };
/** Monaco is imported in src/editor only. */
const MONACO = /^monaco-editor(\/|$)/;

const folderOf = (file) => {
  const rel = relative(join(root, 'src'), join(root, file));
  return rel.includes('/') ? rel.split('/')[0] : '';
};
const layerOf = (folder) => (PURE.includes(folder) || folder === '' ? 'pure' : LAYER_OF[folder]);

function productFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...productFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) && !name.endsWith('.test-support.ts')) out.push(path);
  }
  return out;
}

// Every import statement, type-only ones included (a type import of Monaco still ties a module to
// it), read from the source text: `import … from '…'`, `export … from '…'`, `import '…'`, `import('…')`.
const IMPORT = /^\s*(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function importsOf(file) {
  const found = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    // `import type` / `export type` bring no code or data along; `import { type A }` still loads the module.
    const typeOnly = /^\s*(?:import|export)\s+type\s/.test(m[0]);
    if (spec.startsWith('.') || spec.startsWith('/')) {
      const target = spec.startsWith('/') ? join(root, spec) : join(dirname(file), spec);
      found.push({ path: relative(root, target), external: false, typeOnly });
    } else {
      found.push({ path: spec, external: true });
    }
  }
  return found;
}

const inputs = Object.fromEntries(productFiles(join(root, 'src')).map((f) => [relative(root, f), { imports: importsOf(f) }]));

const violations = [];
for (const [file, input] of Object.entries(inputs)) {
  if (!file.startsWith('src/')) continue;
  const folder = folderOf(file);
  const layer = layerOf(folder);
  if (!layer) {
    violations.push(`${file}: src/${folder} is not a layer of DESIGN.md`);
    continue;
  }
  const rules = LAYERS[layer];
  for (const imp of input.imports) {
    const target = imp.path;
    if (imp.external) {
      if (rules.forbid.some((re) => re.test(target))) violations.push(`${file} → ${target} (${layer} code may not use it)`);
      else if (MONACO.test(target) && folder !== 'editor') violations.push(`${file} → ${target} (Monaco lives in src/editor)`);
      continue;
    }
    if (!target.startsWith('src/')) continue;
    const to = folderOf(target);
    if (!rules.may.includes(to)) violations.push(`${file} → ${target} (${layer} may not import src/${to})`);
    else if (rules.typeOnly?.includes(to) && !imp.typeOnly) violations.push(`${file} → ${target} (${layer} may import src/${to} only with \`import type\`)`);
  }
}

for (const v of violations.sort()) console.log(v);
console.log(violations.length === 0 ? 'layers: every import follows DESIGN.md' : `layers: ${violations.length} imports go against DESIGN.md`);
process.exitCode = violations.length === 0 ? 0 : 1;
