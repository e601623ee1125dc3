/**
 * Every fact of ../shared/kql-reference/kql-parse-facts.jsonl (Kibana's ast/function/escape_kuery
 * tests, each with its source in the fact), one test per fact: KQL text → tree, literal → value,
 * node → printed KQL, escapeKuery input → output. A fact listed in test/kql-known-gaps.json (key
 * `kql-parse-facts.jsonl:<line>`, with its reason) runs with `it.fails`, so the list is exactly
 * the failing facts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../scripts/shared-data.ts';
import { buildFactNode, toFactAst } from '../../../test/kql-fact-node.ts';
import knownGaps from '../../../test/kql-known-gaps.json' with { type: 'json' };
import { parseKql } from './parser.ts';
import { escapeKuery, printKql } from './printer.ts';

const DIR = sharedData('kql-reference', 'KQL parse facts');
const FILE = 'kql-parse-facts.jsonl';
const facts: Record<string, unknown>[] = DIR
  ? readFileSync(join(DIR, FILE), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l))
  : [];
const gaps = knownGaps as Record<string, string>;
let passed = 0;

function check(fact: Record<string, unknown>): void {
  if ('ast' in fact) {
    const { node, diagnostics } = parseKql(fact.kql as string);
    expect(diagnostics).toEqual([]);
    const ast = fact.ast as Record<string, unknown>;
    if ('printed_back_as' in ast) expect(printKql(node)).toBe(ast.printed_back_as);
    else expect(toFactAst(node)).toEqual(ast);
  } else if ('kql_literal' in fact) {
    const { node, diagnostics } = parseKql(fact.kql_literal as string);
    expect(diagnostics).toEqual([]);
    expect(node.type).toBe('is');
    if (node.type === 'is') {
      expect(node.field).toBeNull();
      expect(node.value.kind === 'wildcard' ? { wildcard: node.value.parts.join('*') } : node.value.value).toEqual(fact.value);
    }
  } else if ('printed_kql' in fact) {
    expect(printKql(buildFactNode(fact.node as string))).toBe(fact.printed_kql);
  } else if ('escapeKuery' in fact) {
    expect(escapeKuery(fact.raw_value as string)).toBe(fact.escapeKuery);
  } else {
    throw new Error(`unknown fact shape: ${JSON.stringify(fact)}`);
  }
  passed++;
}

describe.skipIf(!DIR)('KQL parse facts (Kibana)', () => {
  it('loads all 93 facts', () => expect(facts).toHaveLength(93));
  it('lists only facts of this file that exist as known gaps', () => {
    const keys = Object.keys(gaps).filter((k) => k.startsWith(`${FILE}:`));
    expect(keys.filter((k) => Number(k.slice(FILE.length + 1)) > facts.length)).toEqual([]);
  });
  facts.forEach((fact, index) => {
    const key = `${FILE}:${index + 1}`;
    const input = fact.kql ?? fact.kql_literal ?? fact.node ?? fact.raw_value;
    const title = `${key} ${JSON.stringify(input)} (${String(fact.source).split('#')[1]})`;
    if (gaps[key]) it.fails(`${title} — known gap: ${gaps[key]}`, () => check(fact));
    else it(title, () => check(fact));
  });
  afterAll(() => console.log(`KQL parse facts: ${passed} / ${facts.length} pass`));
});
