/**
 * Every EQL query of the rules corpus and of Elasticsearch's conformance suite parses without
 * error diagnostics. Reads ../shared (tests only; the product never does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import { parseQuery } from './parser.ts';
import { formatQuery, printQuery } from './printer.ts';
import { scan, TokenKind } from './scanner.ts';
import { stripRanges } from './strip-ranges.ts';
import { sharedData, tomlFilesUnder } from '../../../scripts/shared-data.ts';

const CORPUS = sharedData('rules-corpus', 'EQL parser on the rules corpus');
const CONFORMANCE = sharedData('eql-conformance', 'EQL parser on the conformance suite');

function errorsOf(query: string): string[] {
  return parseQuery(query)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.message} @${d.range?.start}`);
}

interface CorpusRule {
  rule?: { language?: string; query?: string };
}

function corpusQueries(corpus: string): { file: string; query: string }[] {
  const out: { file: string; query: string }[] = [];
  for (const sub of ['rules', 'rules_building_block']) {
    for (const file of tomlFilesUnder(path.join(corpus, sub))) {
      const doc = TOML.parse(readFileSync(file, 'utf8')) as CorpusRule;
      if (doc.rule?.language === 'eql' && typeof doc.rule.query === 'string') out.push({ file, query: doc.rule.query });
    }
  }
  return out;
}

interface ConformanceFile {
  queries?: { name?: string; query?: string }[];
}

const OBSOLETE = new Set(['test_sampling.toml', 'test_between_queries.toml']);

describe.skipIf(!CORPUS)('rules corpus', () => {
  const queries = CORPUS ? corpusQueries(CORPUS) : [];
  it('holds 1,081 EQL queries', () => {
    expect(queries.length).toBe(1081);
  });
  it('parses every EQL query without errors', () => {
    const failures = queries.map(({ file, query }) => ({ file: path.relative(CORPUS!, file), errors: errorsOf(query) })).filter((f) => f.errors.length > 0);
    expect(failures).toEqual([]);
  });
});

describe.skipIf(!CORPUS)('printer on the rules corpus', () => {
  const queries = CORPUS ? corpusQueries(CORPUS) : [];
  it('prints every query to text that parses back to the same AST', () => {
    const failures: string[] = [];
    for (const { file, query } of queries) {
      const ast = parseQuery(query).ast;
      const back = parseQuery(printQuery(ast));
      if (back.diagnostics.length > 0 || JSON.stringify(stripRanges(back.ast)) !== JSON.stringify(stripRanges(ast))) failures.push(file);
    }
    expect(failures).toEqual([]);
  });
  it('formats keeping every comment, or declines (null) when one has no place', () => {
    const commentsOf = (t: string) =>
      scan(t)
        .filter((k) => k.kind === TokenKind.LineComment || k.kind === TokenKind.BlockComment)
        .map((k) => t.slice(k.start, k.end));
    const failures: string[] = [];
    let formatted = 0;
    for (const { file, query } of queries) {
      const out = formatQuery(query);
      if (out === null) continue;
      formatted++;
      const back = parseQuery(out);
      const same = back.diagnostics.length === 0 && JSON.stringify(stripRanges(back.ast)) === JSON.stringify(stripRanges(parseQuery(query).ast));
      if (!same || JSON.stringify(commentsOf(out)) !== JSON.stringify(commentsOf(query))) failures.push(file);
    }
    expect(failures).toEqual([]);
    expect(formatted).toBeGreaterThanOrEqual(1000);
  });
  it('formats idempotently', () => {
    const failures: string[] = [];
    for (const { file, query } of queries) {
      const once = formatQuery(query);
      if (once !== null && formatQuery(once) !== once) failures.push(file);
    }
    expect(failures).toEqual([]);
  });
});

describe.skipIf(!CONFORMANCE)('conformance suite', () => {
  const dir = CONFORMANCE ?? '';
  const files = (CONFORMANCE ? readdirSync(dir) : []).filter((f) => f.endsWith('.toml') && !OBSOLETE.has(f)).sort();
  for (const name of files) {
    it(`parses every query of ${name} without errors`, () => {
      // `join_keys = [null]` is accepted by the JVM's TOML reader but is not TOML (see README).
      const text = readFileSync(path.join(dir, name), 'utf8').replace(/^(join_keys\s*=.*)$/gm, (line) => line.replace(/(?<!")\bnull\b(?!")/g, '"null"'));
      const doc = TOML.parse(text) as ConformanceFile;
      const queries = (doc.queries ?? []).filter((q): q is { name?: string; query: string } => typeof q.query === 'string');
      expect(queries.length).toBeGreaterThan(0);
      const failures = queries.map((q) => ({ name: q.name, errors: errorsOf(q.query) })).filter((f) => f.errors.length > 0);
      expect(failures).toEqual([]);
    });
  }
});
