/**
 * Every KQL query of the rules corpus (../shared/rules-corpus, rules with language = "kuery",
 * deprecated ones included) parses without diagnostics, formats to text that parses to the same
 * tree, and prints (Kibana style) to text that parses to the same tree. Plus robustness: random
 * mutations of corpus queries never throw, keep every range inside the text, and a single
 * mutation gives at most one error — except where a stray `"` re-pairs every later quote, which
 * turns the rest of the query into different (genuinely wrong) text: about 0.1% of mutations, so
 * the test bounds the rate and prints it.
 */
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../scripts/shared-data.ts';
import { kqlCorpusQueries } from '../../../test/kql-corpus.ts';
import type { KqlNode } from './ast.ts';
import { parseKql } from './parser.ts';
import { formatKql, printKql } from './printer.ts';

const CORPUS = sharedData('rules-corpus', 'KQL parser on the rules corpus');
const queries = CORPUS ? kqlCorpusQueries(CORPUS) : [];
const treeOf = (text: string) => JSON.stringify(parseKql(text).node, (k, v) => (k === 'range' ? undefined : v));

/** Every range in the tree (nodes, fields, values). */
function ranges(node: KqlNode, out: { start: number; end: number }[] = []): { start: number; end: number }[] {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object') continue;
    for (const [k, v] of Object.entries(x)) {
      if (k === 'range') out.push(v as { start: number; end: number });
      else stack.push(v);
    }
  }
  return out;
}

describe.skipIf(!CORPUS)('KQL on the rules corpus', () => {
  it('holds 792 KQL queries', () => {
    expect(queries.length).toBe(792);
  });

  it('parses every KQL query without diagnostics', () => {
    const failures = queries
      .map(({ file, query }) => ({ file, diagnostics: parseKql(query).diagnostics.map((d) => `${d.severity} ${d.message} @${d.range?.start}`) }))
      .filter((f) => f.diagnostics.length > 0);
    expect(failures).toEqual([]);
  });

  it('formats every query to text that parses to the same tree', () => {
    const failures = queries.filter(({ query }) => {
      const formatted = formatKql(query);
      return formatted === null || treeOf(formatted) !== treeOf(query);
    });
    expect(failures.map((f) => f.file)).toEqual([]);
  });

  it('formats every query idempotently', () => {
    const failures = queries.filter(({ query }) => {
      const once = formatKql(query) as string;
      return formatKql(once) !== once;
    });
    expect(failures.map((f) => f.file)).toEqual([]);
  });

  it('prints every query Kibana-style to text that parses to the same tree', () => {
    const failures = queries.filter(({ query }) => {
      const printed = printKql(parseKql(query).node);
      return parseKql(printed).diagnostics.length > 0 || treeOf(printed) !== treeOf(query);
    });
    expect(failures.map((f) => f.file)).toEqual([]);
  });
});

// A small deterministic generator, so a failure can be replayed.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    s ^= s >>> 12;
    return s / 2 ** 32;
  };
}

const INSERTS = ['(', ')', '{', '}', ':', '"', '\\', '*', '<', '>=', ' and ', ' or ', ' not ', 'not ', ' ', '\u00a0', 'x'];

function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.4) return text.slice(0, at) + INSERTS[Math.floor(rnd() * INSERTS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
  return text.slice(0, at);
}

describe.skipIf(!CORPUS)('KQL parser robustness on mutated corpus queries', () => {
  it('never throws, keeps ranges inside the text, and almost always gives at most one error per mutation', () => {
    const rnd = random(18);
    let runs = 0;
    const multiError: string[] = [];
    const badRanges: string[] = [];
    for (const { query } of queries) {
      for (let k = 0; k < 5; k++) {
        const text = mutate(query, rnd);
        runs++;
        const { node, diagnostics } = parseKql(text);
        for (const r of [...ranges(node), ...diagnostics.map((d) => d.range ?? { start: -1, end: -1 })]) {
          if (!(r.start >= 0 && r.start <= r.end && r.end <= text.length)) badRanges.push(`${JSON.stringify(r)} in ${JSON.stringify(text)}`);
        }
        if (diagnostics.filter((d) => d.severity === 'error').length > 1) multiError.push(text);
      }
    }
    console.log(`KQL mutations: ${runs} parsed, ${multiError.length} with more than one error`);
    expect(badRanges.slice(0, 5)).toEqual([]);
    expect(multiError.length / runs).toBeLessThan(0.005);
  });
});
