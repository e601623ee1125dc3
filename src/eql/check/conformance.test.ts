/**
 * Every query of Elasticsearch's EQL conformance suite runs successfully in Elasticsearch, so
 * checked against the suite's own index mappings it must get no error from the checks (a
 * false positive in type, function or key checking would show up here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import { schemaFromMappings } from '../schema/index.ts';
import { checkQuery } from './index.ts';
import { sharedData } from '../../../scripts/shared-data.ts';

const SUITE = sharedData('eql-conformance', 'EQL checks on the conformance suite') ?? '';

const FILES: [file: string, mappings: string[]][] = [
  ['test_queries.toml', ['endgame-140']],
  ['additional_test_queries.toml', ['endgame-140']],
  ['test_queries_date.toml', ['endgame-140']],
  ['test_extra.toml', ['extra']],
  ['test_missing_events.toml', ['missing-events']],
  ['test_sample.toml', ['sample1', 'sample2', 'sample3']],
  ['test_sample_multi.toml', ['sample-multi']],
];

/**
 * Fields the data adds through dynamic mapping (the .mapping files list only some): strings
 * become text with a keyword sub-field, numbers long/float, booleans boolean.
 */
function dynamicMapping(docs: unknown[]): unknown {
  const properties: Record<string, unknown> = {};
  const add = (target: Record<string, unknown>, doc: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(doc)) {
      const v = Array.isArray(value) ? value.find((x) => x !== null) : value;
      if (v === null || v === undefined || key in target) continue;
      if (typeof v === 'object') {
        const sub = ((target[key] as { properties?: Record<string, unknown> })?.properties ?? {}) as Record<string, unknown>;
        add(sub, v as Record<string, unknown>);
        target[key] = { properties: sub };
      } else if (typeof v === 'string') target[key] = { type: 'text', fields: { keyword: { type: 'keyword' } } };
      else if (typeof v === 'number') target[key] = { type: Number.isInteger(v) ? 'long' : 'float' };
      else if (typeof v === 'boolean') target[key] = { type: 'boolean' };
    }
  };
  for (const d of docs) if (d && typeof d === 'object') add(properties, d as Record<string, unknown>);
  return { properties };
}

function readData(name: string): unknown[] {
  const path = name === 'endgame-140' ? join(SUITE, 'test_data.json') : join(SUITE, 'data', `${name}.data`);
  const text = readFileSync(path, 'utf8');
  return JSON.parse(
    text
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('//'))
      .join('\n'),
  ) as unknown[];
}

function readMapping(name: string): unknown {
  // The loader skips `#` comment lines.
  const text = readFileSync(join(SUITE, 'data', `${name}.mapping`), 'utf8');
  return JSON.parse(
    text
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('#'))
      .join('\n'),
  );
}

const describeSuite = describe.skipIf(!SUITE);

describeSuite('EQL conformance queries', () => {
  it.each(FILES)('%s: no check errors against its mapping', (file, mappingNames) => {
    // Explicit mappings first: the first definition of a field wins.
    const schema = schemaFromMappings([...mappingNames.map(readMapping), ...mappingNames.map((n) => dynamicMapping(readData(n)))]);
    // The suite's TOML has `join_keys = [null]`, which is not TOML; join keys are not needed here.
    const source = readFileSync(join(SUITE, file), 'utf8').replace(/^join_keys\s*=\s*\[[^\]]*\]/gm, '');
    const doc = TOML.parse(source) as { queries?: { name: string; query: string }[] };
    const problems: string[] = [];
    let syntax = 0;
    for (const q of doc.queries ?? []) {
      for (const d of checkQuery(q.query, { schema }).diagnostics) {
        if (d.severity !== 'error') continue;
        if (d.code.startsWith('eql/syntax')) syntax++;
        else problems.push(`${q.name}: ${d.code} ${d.message}`);
      }
    }
    if (syntax) console.log(`${file}: ${syntax} syntax errors (parser's concern)`);
    expect(problems).toEqual([]);
  });
});
