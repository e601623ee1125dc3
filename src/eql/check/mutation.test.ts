/**
 * Property: one mistake gives one diagnostic. Real queries are mutated once (a character or a
 * token deleted, inserted or replaced); whenever the result does not parse, the full check —
 * the function `validate`, the editor's markers and the Problems panel all use — must give
 * exactly one diagnostic, an error. Runs on the bundled rules and a few in-repo queries always,
 * and on every EQL query of ../shared/rules-corpus when it is there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';
import { parseQuery } from '../syntax/parser.ts';
import { scan, TokenKind } from '../syntax/scanner.ts';
import { checkQuery, type CheckOptions } from './index.ts';

interface Sample {
  query: string;
  options: CheckOptions;
}

const IN_REPO: string[] = [
  'sequence by host.id, process.entity_id with maxspan=5m\n  [process where event.type == "start" and process.name : ("cmd.exe", "powershell*")] by process.parent.entity_id\n  ![file where startsWith~(file.path, "C:\\\\Temp")] with runs=2\nuntil [process where event.type == "end"]',
  'process where ?process.Ext.token.integrity_level_name in~ ("high", "system") and not process.args regex """.*-[eE][nN][cC].*""" | tail 3',
  'sample by host.id [network where cidrMatch(destination.ip, "10.0.0.0/8")] [dns where length(dns.question.name) > 40]',
  'any where `weird field` == "x" /* comment */ and add(process.pid, 1) % 2 == 0 // trailing',
  'network where destination.port in (22, 3389) and not (source.ip == "127.0.0.1" or destination.ip : "10.*") | head 10',
];

/** The EQL queries (that parse) of the rules under `dir`, with the rule's check options. */
function eqlRules(dir: string): Sample[] {
  const samples: Sample[] = [];
  for (const path of tomlFilesUnder(dir)) {
    const doc = TOML.parse(readFileSync(path, 'utf8')) as {
      metadata?: { min_stack_version?: string };
      rule?: { language?: string; query?: unknown; index?: string[] };
    };
    const rule = doc.rule;
    if (rule?.language !== 'eql' || typeof rule.query !== 'string' || parseQuery(rule.query).diagnostics.length > 0) continue;
    samples.push({ query: rule.query, options: { indexPatterns: rule.index, stackVersion: doc.metadata?.min_stack_version } });
  }
  return samples;
}

const CHARACTERS = [...'abz09"\'()[],.:=!<>|?*~` \n/\\-+&@#{};%é\u00a0'];
const WORDS = [
  'where',
  'and',
  'or',
  'not',
  'in',
  'in~',
  'like~',
  'regex',
  'sequence',
  'sample',
  'by',
  'with',
  'maxspan',
  'until',
  'any',
  'true',
  'null',
  '==',
  '!=',
  ':',
  '=',
  '(',
  ')',
  '[',
  ']',
  '![',
  ',',
  '|',
  '"x"',
  '1',
  '5m',
  'process.name',
  '?x',
  'length(',
  'runs=2',
  '/*',
];

const mutationArb = fc.record({
  kind: fc.constantFrom('delete-char', 'insert-char', 'replace-char', 'delete-token', 'insert-token', 'replace-token'),
  at: fc.nat(),
  other: fc.nat(),
  character: fc.constantFrom(...CHARACTERS),
  word: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
});
type Mutation = typeof mutationArb extends fc.Arbitrary<infer T> ? T : never;

/** The query with one mutation applied. Inserted or replacing tokens are keywords or the query's own. */
function mutate(query: string, m: Mutation): string {
  const tokens = scan(query).filter((t) => t.kind !== TokenKind.EOF);
  const at = m.at % (query.length + 1);
  const token = tokens[m.at % tokens.length];
  const copied = tokens[m.other % tokens.length];
  const word = m.word ?? query.slice(copied.start, copied.end);
  switch (m.kind) {
    case 'delete-char':
      return query.slice(0, at) + query.slice(at + 1);
    case 'insert-char':
      return query.slice(0, at) + m.character + query.slice(at);
    case 'replace-char':
      return query.slice(0, at) + m.character + query.slice(at + 1);
    case 'delete-token':
      return query.slice(0, token.start) + query.slice(token.end);
    case 'insert-token':
      return query.slice(0, token.start) + word + ' ' + query.slice(token.start);
    default:
      return query.slice(0, token.start) + word + query.slice(token.end);
  }
}

function checkMutations(samples: Sample[], numRuns: number): { failing: number } {
  let failing = 0;
  fc.assert(
    fc.property(fc.nat(samples.length - 1), mutationArb, (index, m) => {
      const { query, options } = samples[index];
      const text = mutate(query, m);
      if (parseQuery(text).diagnostics.length === 0) return;
      failing++;
      const { diagnostics } = checkQuery(text, options);
      const shown = diagnostics.map((d) => `${d.severity} ${d.code} ${JSON.stringify(text.slice(d.range?.start ?? 0, d.range?.end ?? 0))}: ${d.message}`);
      expect(shown.length === 1 && diagnostics[0].severity === 'error', `mutated query:\n${text}\ndiagnostics:\n${shown.join('\n')}`).toBe(true);
    }),
    { numRuns },
  );
  return { failing };
}

describe('one mutation, one diagnostic', () => {
  it('on the bundled rules and in-repo queries', () => {
    const samples = [...eqlRules(join(import.meta.dirname, '../../../rules')), ...IN_REPO.map((query) => ({ query, options: {} }))];
    expect(samples.length).toBeGreaterThanOrEqual(IN_REPO.length + 2);
    const { failing } = checkMutations(samples, 1500);
    expect(failing).toBeGreaterThan(500);
  });

  const corpus = sharedData('rules-corpus', 'EQL mutation property test on the rules corpus');
  it.skipIf(corpus === null)('on every EQL query of the rules corpus', () => {
    const samples = eqlRules(corpus!);
    expect(samples.length).toBeGreaterThan(1000);
    const { failing } = checkMutations(samples, 3000);
    console.log(`corpus mutation property: ${samples.length} queries, ${failing} of 3000 mutations fail to parse, each with exactly one diagnostic`);
    expect(failing).toBeGreaterThan(1200);
  });
});
