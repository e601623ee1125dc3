/**
 * Every fact of ../shared/kql-reference/kql-to-dsl.jsonl (Kibana's is/range/exists/nested/and/
 * or/not/ast tests, each with its source), one test per fact, against the stub data view
 * (test/kql-stub-data-view.ts). The input is the fact's KQL text, parsed by our parser, since that
 * is what the product translates; a fact whose `options.context` is a nested path is translated
 * inside that nested block and compared with the block's inner query. Facts marked "shape only"
 * check what Kibana's test checks. A fact listed in test/kql-known-gaps.json (key
 * `kql-to-dsl.jsonl:<line>`, with its reason) runs with `it.fails`, so the list is exactly the
 * failing facts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../scripts/shared-data.ts';
import knownGaps from '../../../test/kql-known-gaps.json' with { type: 'json' };
import { stubDataView } from '../../../test/kql-stub-data-view.ts';
import { parseKql } from '../syntax/parser.ts';
import { type KqlToDslOptions, kqlToDsl, type QueryDsl } from './to-dsl.ts';

const DIR = sharedData('kql-reference', 'KQL to DSL facts');
const FILE = 'kql-to-dsl.jsonl';
const facts: Record<string, unknown>[] = DIR
  ? readFileSync(join(DIR, FILE), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l))
  : [];
const gaps = knownGaps as Record<string, string>;
let passed = 0;

function check(fact: Record<string, unknown>): void {
  const factOptions = (fact.options ?? {}) as Record<string, unknown>;
  const context = factOptions.context as { nested: { path: string } } | undefined;
  const options: KqlToDslOptions = {
    dataView: factOptions.indexPattern === null ? undefined : stubDataView,
    caseInsensitive: factOptions.caseInsensitive as boolean | undefined,
    dateFormatTZ: factOptions.dateFormatTZ as string | undefined,
    filtersInMustClause: factOptions.filtersInMustClause as boolean | undefined,
    nestedIgnoreUnmapped: factOptions.nestedIgnoreUnmapped as boolean | undefined,
  };
  const { node, diagnostics } = parseKql(fact.kql as string);
  expect(diagnostics).toEqual([]);
  const result = kqlToDsl(node, options);
  expect(result.diagnostics).toEqual([]);
  let query: QueryDsl = result.query;
  if (context) {
    const nested = query.nested as { path: string; query: QueryDsl };
    expect(nested.path).toBe(context.nested.path);
    query = nested.query;
  }
  const dsl = fact.dsl as Record<string, unknown>;
  if (fact.assertion) {
    // Shape only, as Kibana's test: one should clause per stub field, or a script clause.
    const should = (query.bool as { should: QueryDsl[] }).should;
    if (String((dsl.bool as { should: unknown }).should).includes('12 stub fields')) expect(should).toHaveLength(12);
    else expect(Object.keys(should[0])).toEqual(['script']);
  } else {
    expect(query).toEqual(dsl);
  }
  passed++;
}

describe.skipIf(!DIR)('KQL → DSL facts (Kibana)', () => {
  it('loads all 43 facts', () => expect(facts).toHaveLength(43));
  it('lists only facts of this file that exist as known gaps', () => {
    const keys = Object.keys(gaps).filter((k) => k.startsWith(`${FILE}:`));
    expect(keys.filter((k) => Number(k.slice(FILE.length + 1)) > facts.length)).toEqual([]);
  });
  facts.forEach((fact, index) => {
    const key = `${FILE}:${index + 1}`;
    const title = `${key} ${JSON.stringify(fact.kql)} (${String(fact.source).split('#')[1]})`;
    if (gaps[key]) it.fails(`${title} — known gap: ${gaps[key]}`, () => check(fact));
    else it(title, () => check(fact));
  });
  afterAll(() => console.log(`KQL to DSL facts: ${passed} / ${facts.length} pass`));
});
