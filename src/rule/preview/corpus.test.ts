/**
 * Every KQL rule of the detection-rules corpus (../shared/rules-corpus) previews: its query,
 * filters, threat query and threat filters compile, and its type runs over a few sample events,
 * with no error-level diagnostic (Elastic runs these rules in production). Prints the counts
 * per diagnostic code and per rule type.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';
import { loadRule } from '../load.ts';
import { previewKqlRule } from './kql-rule.ts';

const CORPUS = sharedData('rules-corpus', 'rule preview of the corpus KQL rules');

const EVENTS = [
  { '@timestamp': '2024-05-01T11:00:00Z', event: { category: ['process'], type: ['start'] }, host: { name: 'a', id: 'h1' }, process: { name: 'bash' } },
  { '@timestamp': '2024-05-01T12:00:00Z', event: { category: ['process'], type: ['start'] }, host: { name: 'a', id: 'h1' }, process: { name: 'sh' } },
  { '@timestamp': '2024-05-01T12:00:00Z', _index: 'logs-ti_x', threat: { indicator: { ip: '10.0.0.1' } } },
];

describe.skipIf(!CORPUS)('corpus KQL rules in the preview', () => {
  it('compile and run with no error-level diagnostic', () => {
    const errors: string[] = [];
    const codes = new Map<string, number>();
    const types = new Map<string, number>();
    for (const file of tomlFilesUnder(CORPUS!)) {
      const loaded = loadRule(readFileSync(file, 'utf8'), file);
      const rule = loaded.data?.rule as Record<string, unknown> | undefined;
      if (rule?.language !== 'kuery') continue;
      types.set(String(rule.type), (types.get(String(rule.type)) ?? 0) + 1);
      const result = previewKqlRule(loaded.data!, EVENTS);
      for (const d of result.diagnostics) {
        codes.set(`${d.severity} ${d.code}`, (codes.get(`${d.severity} ${d.code}`) ?? 0) + 1);
        if (d.severity === 'error') errors.push(`${file}: ${d.code} ${d.message}`);
      }
    }
    console.log('corpus KQL rules by type:', Object.fromEntries(types), 'diagnostics:', Object.fromEntries(codes));
    expect([...types.values()].reduce((a, b) => a + b, 0)).toBe(792);
    expect(errors).toEqual([]);
  }, 120_000);
});
