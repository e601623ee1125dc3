import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatRule } from './format.ts';
import { loadRule } from './load.ts';
import type { TomlTable } from './types.ts';
import { sharedData } from '../../scripts/shared-data.ts';

const GOLDEN = sharedData('formatter-golden', 'formatter golden files') ?? '';
const CORPUS = sharedData('rules-corpus', 'formatter on the rules corpus') ?? '';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** First differing line of two texts, for a readable failure. */
function firstDiff(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      return `line ${i + 1}:\n  expected ${JSON.stringify(e[i])}\n  actual   ${JSON.stringify(a[i])}`;
    }
  }
  return 'identical';
}

function formatFile(corpusPath: string): string {
  const rule = loadRule(readFileSync(join(CORPUS, corpusPath), 'utf8'), corpusPath);
  if (!rule.data) throw new Error(`${corpusPath} does not load`);
  return formatRule(rule.data);
}

describe.skipIf(!GOLDEN)('formatRule: synthetic edge cases', () => {
  const dir = join(GOLDEN, 'synthetic');
  for (const name of (GOLDEN ? readdirSync(dir) : []).filter((n) => n.endsWith('.input.json')).sort()) {
    const base = name.replace('.input.json', '');
    it(base, () => {
      const input = JSON.parse(readFileSync(join(dir, name), 'utf8')) as TomlTable;
      const expected = readFileSync(join(dir, `${base}.expected.toml`), 'utf8');
      expect(formatRule(input)).toBe(expected);
    });
  }
});

describe('formatRule: data built in code', () => {
  it('leaves out null and undefined values, as upstream strips None', () => {
    const data = { rule: { name: 'n', note: undefined, tags: ['a', null], meta: { x: null } } } as unknown as TomlTable;
    expect(formatRule(data)).toBe('[rule]\nname = "n"\ntags = ["a"]\n\n[rule.meta]\n\n');
  });
});

describe.skipIf(!GOLDEN || !CORPUS)('formatRule: corpus', () => {
  const rows = (GOLDEN && CORPUS ? readFileSync(join(GOLDEN, 'sha256.tsv'), 'utf8') : '')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [path, hash] = l.split('\t');
      return { path, hash };
    });

  it('matches the 68 full expected files', () => {
    const mismatches: string[] = [];
    let n = 0;
    for (const { path } of rows) {
      const expectedPath = join(GOLDEN, 'expected', path);
      if (!existsSync(expectedPath)) continue;
      n++;
      const actual = formatFile(path);
      const expected = readFileSync(expectedPath, 'utf8');
      if (actual !== expected) mismatches.push(`${path}: ${firstDiff(actual, expected)}`);
    }
    console.log(`full expected files: ${n - mismatches.length}/${n} identical`);
    expect(n).toBe(68);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('matches the formatter sha256 for every active corpus rule', () => {
    expect(rows.length).toBe(2068);
    const mismatches: string[] = [];
    for (const { path, hash } of rows) {
      if (sha256(formatFile(path)) !== hash) mismatches.push(path);
    }
    console.log(`formatter golden: ${rows.length - mismatches.length}/${rows.length} match`);
    if (mismatches.length > 0) console.log(`first mismatches:\n  ${mismatches.slice(0, 10).join('\n  ')}`);
    expect(mismatches).toEqual([]);
  });

  it('is idempotent: formatting formatted output changes nothing', () => {
    for (const { path } of rows.slice(0, 200)) {
      const once = formatFile(path);
      const again = loadRule(once);
      expect(again.diagnostics).toEqual([]);
      expect(formatRule(again.data!)).toBe(once);
    }
  });
});
