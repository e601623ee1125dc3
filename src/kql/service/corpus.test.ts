/**
 * Runs checkKql on every KQL query (`language = "kuery"`) of the detection-rules corpus
 * (/work/shared/rules-corpus), each with its own rule context (stack, index patterns,
 * integrations, read as src/rule/eql-settings.ts `querySettingsOf` reads them). Elastic runs
 * these rules in production, so none may have an error-level diagnostic, and an unknown-field
 * warning on a field that ECS has would be a false alarm. Prints the counts per code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../eql/schema/index.ts';
import { querySettingsOf } from '../../rule/eql-settings.ts';
import type { TomlTable } from '../../rule/types.ts';
import { checkKql } from './check.ts';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';

const CORPUS = sharedData('rules-corpus', 'KQL checks on the rules corpus') ?? '';

describe.skipIf(!CORPUS)('KQL rules of the corpus', () => {
  it('have no error-level diagnostic and no unknown-field warning on an ECS field', () => {
    const ecs = getSchema({});
    const errors: string[] = [];
    const falseUnknown: string[] = [];
    const rulesByCode = new Map<string, number>();
    const diagnosticsByCode = new Map<string, number>();
    const times: number[] = [];
    const warmTimes: number[] = [];
    let rules = 0;
    for (const top of ['rules', 'rules_building_block']) {
      for (const path of tomlFilesUnder(join(CORPUS, top))) {
        const settings = querySettingsOf(TOML.parse(readFileSync(path, 'utf8')) as TomlTable);
        if (settings.language !== 'kuery') continue;
        rules++;
        const schema = getSchema({ stackVersion: settings.stackVersion, indexPatterns: settings.indexPatterns, integrations: settings.integrations });
        const t0 = performance.now();
        const diagnostics = checkKql(settings.query, { schema });
        const t1 = performance.now();
        checkKql(settings.query, { schema }); // again, warm: what the editor sees on the next keystroke
        times.push(t1 - t0);
        warmTimes.push(performance.now() - t1);
        const where = (d: (typeof diagnostics)[number]) =>
          `${path.slice(CORPUS.length + 1)}: ${d.code} ${d.message} [${d.range ? settings.query.slice(d.range.start, d.range.end) : ''}]`;
        for (const code of new Set(diagnostics.map((d) => `${d.severity} ${d.code}`))) rulesByCode.set(code, (rulesByCode.get(code) ?? 0) + 1);
        for (const d of diagnostics) {
          const key = `${d.severity} ${d.code}`;
          diagnosticsByCode.set(key, (diagnosticsByCode.get(key) ?? 0) + 1);
          if (d.severity === 'error') errors.push(where(d));
          const name = d.range && settings.query.slice(d.range.start, d.range.end).replace(/^"|"$/g, '');
          if (d.code === 'kql/unknown-field' && name && ecs.lookup(name)) falseUnknown.push(where(d));
        }
      }
    }
    const stats = (xs: number[]) => {
      xs.sort((a, b) => a - b);
      return `p50 ${xs[Math.floor(xs.length / 2)].toFixed(2)} ms, p99 ${xs[Math.floor(xs.length * 0.99)].toFixed(2)} ms, max ${xs[xs.length - 1].toFixed(2)} ms`;
    };
    console.log(
      [
        `KQL rules: ${rules}`,
        `parse+check, first check per query (schema prebuilt, suggestion caches cold): ${stats(times)}`,
        `parse+check, repeated: ${stats(warmTimes)}`,
        'diagnostics by severity and code (rules / diagnostics):',
        ...[...rulesByCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `  ${code}: ${n} / ${diagnosticsByCode.get(code)}`),
        ...errors.slice(0, 40),
      ].join('\n'),
    );
    expect(rules).toBeGreaterThan(700);
    expect(errors).toEqual([]);
    expect(falseUnknown).toEqual([]);
  });
});
