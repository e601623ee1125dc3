/**
 * Every KQL query of the rules corpus, turned into the DSL Kibana builds (kqlToDsl with the ECS
 * schema as the data view, as the app does), compiles without diagnostics, and on sample events
 * explain's root truth equals matches. Reads ../shared (tests only; the product never does).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';
import { getSchema } from '../../eql/schema/index.ts';
import { dataViewOf } from '../../rule/preview/kql-rule.ts';
import { kqlToDsl } from '../dsl/to-dsl.ts';
import { parseKql } from '../syntax/parser.ts';
import { compileQueryDsl } from './compile.ts';

const CORPUS = sharedData('rules-corpus', 'KQL evaluator on the rules corpus');

const EVENTS = [
  {},
  {
    '@timestamp': '2024-01-01T00:00:00Z',
    event: { category: ['process'], type: ['start'], action: 'exec', dataset: 'endpoint.events.process' },
    host: { os: { type: 'windows', name: 'Windows 10' } },
    process: { name: 'powershell.exe', args: ['powershell.exe', '-enc', 'AAAA'], command_line: 'powershell.exe -enc AAAA', parent: { name: 'cmd.exe' } },
    user: { name: 'SYSTEM', id: 'S-1-5-18' },
    source: { ip: '10.0.0.1', port: 445 },
    destination: { ip: '8.8.8.8', port: 53 },
  },
  {
    event: { category: 'authentication', outcome: 'failure', action: 'logon-failed', module: 'system' },
    user: { name: ['root', null] },
    message: 'Failed password for root from 192.168.1.10',
    cloud: { provider: 'aws' },
    aws: { cloudtrail: { error_code: 'AccessDenied' } },
  },
];

describe.skipIf(!CORPUS)('rules corpus KQL through kqlToDsl', () => {
  it('compiles every query without diagnostics; explain agrees with matches', () => {
    const schema = getSchema();
    const dataView = dataViewOf(schema);
    const fieldType = (f: string) => {
      const info = schema.lookup(f);
      return info && { type: info.type };
    };
    const failures: string[] = [];
    let queries = 0;
    for (const file of tomlFilesUnder(path.join(CORPUS!, 'rules'))) {
      const rule = (TOML.parse(readFileSync(file, 'utf8')) as { rule?: { language?: string; query?: string } }).rule;
      if (rule?.language !== 'kuery' || typeof rule.query !== 'string') continue;
      const parsed = parseKql(rule.query);
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue; // the parser's own corpus test reports these
      queries++;
      const dsl = kqlToDsl(parsed.node, { dataView });
      const compiled = compileQueryDsl(dsl.query, { fieldType, rangeOf: dsl.rangeOf });
      const where = path.relative(CORPUS!, file);
      for (const d of compiled.diagnostics) failures.push(`${where}: ${d.message}`);
      for (const event of EVENTS) {
        if (compiled.explain(event).truth !== compiled.matches(event)) failures.push(`${where}: explain disagrees on ${JSON.stringify(event).slice(0, 40)}`);
      }
    }
    expect(queries).toBeGreaterThan(700);
    expect(failures).toEqual([]);
  });
});
