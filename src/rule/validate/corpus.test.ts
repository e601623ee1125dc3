/**
 * Every active rule of the upstream corpus (2,068 rules that pass detection-rules' CI) must
 * validate without errors, except for the schema gaps listed in known-gaps.ts.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadRule } from '../load.ts';
import { validateRule } from './index.ts';
import { KNOWN_GAPS } from './known-gaps.ts';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';

const CORPUS = sharedData('rules-corpus', 'rule validation on the rules corpus') ?? '';

describe.skipIf(!CORPUS)('rules corpus', () => {
  it('active rules raise no errors beyond the known schema gaps', () => {
    let active = 0;
    let clean = 0;
    const gapCounts = new Map<string, number>();
    const unexpected: string[] = [];
    // `severity code` → count, for the diagnostics that are not errors (warnings and info).
    const otherCounts = new Map<string, number>();
    for (const file of tomlFilesUnder(CORPUS)) {
      const rule = loadRule(readFileSync(file, 'utf8'), file);
      expect(rule.data, file).not.toBeNull();
      const metadata = rule.data!.metadata as { maturity?: string };
      if (metadata.maturity === 'deprecated') continue;
      active++;
      const diagnostics = validateRule(rule, { today: '2026/11/23' });
      for (const d of diagnostics)
        if (d.severity !== 'error') otherCounts.set(`${d.severity} ${d.code}`, (otherCounts.get(`${d.severity} ${d.code}`) ?? 0) + 1);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (errors.length === 0) clean++;
      for (const d of errors) {
        const gap = KNOWN_GAPS.find((g) => g.code === d.code && (!g.message || g.message.test(d.message)));
        if (gap) gapCounts.set(d.code, (gapCounts.get(d.code) ?? 0) + 1);
        else unexpected.push(`${relative(CORPUS, file)}: ${d.code} ${d.path} ${d.message}`);
      }
    }
    console.log(`corpus: ${active} active rules, ${clean} with zero errors`);
    for (const [code, n] of gapCounts) console.log(`  known gap ${code}: ${n}`);
    for (const [key, n] of [...otherCounts].sort((a, b) => b[1] - a[1])) console.log(`  ${key}: ${n}`);
    expect(active).toBe(2068);
    expect(unexpected.slice(0, 20)).toEqual([]);
  });
});
