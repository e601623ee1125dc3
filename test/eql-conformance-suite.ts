/**
 * Loads Elasticsearch's EQL conformance suite (../shared/eql-conformance, see its README) into
 * runnable cases: datasets with the harness's transformations, mappings with the keyword
 * placeholder resolved, and per-file request settings. Pure: the caller supplies file reading,
 * so the vitest suite, the CLI script and the benchmark share it.
 */
import TOML from '@iarna/toml';
import type { IndexMapping } from '../src/eql/run/types.ts';
import type { EvalResult } from '../src/eql/run/types.ts';
import { javaToString } from '../src/eql/run/java.ts';

export interface ConformanceDataset {
  name: string;
  events: object[];
  mapping: IndexMapping[];
  idField: string;
  tiebreakerField?: string;
}

export interface ConformanceCase {
  file: string;
  name: string;
  query: string;
  /** A flat list, or a list of acceptable alternatives. */
  expected: number[] | number[][];
  joinKeys?: string[];
  size: number;
  maxSamplesPerKey?: number;
  dataset: ConformanceDataset;
}

export type ReadFile = (relativePath: string) => string;

function dropLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith(prefix))
    .join('\n');
}

function loadMapping(read: ReadFile, path: string): IndexMapping {
  const text = dropLines(read(path), '#').replace(/\[runtime_random_keyword_type\]/g, 'keyword');
  return JSON.parse(text) as IndexMapping;
}

function loadData(read: ReadFile, path: string): object[] {
  return JSON.parse(dropLines(read(path), '//')) as object[];
}

/**
 * The endgame data with `@timestamp` derived from the FILETIME `timestamp` as the Java
 * DataLoader does: floor(timestamp / 10000) - 11644473600000. The FILETIME values exceed 2^53,
 * so they are read as text and computed exactly with BigInt.
 */
function loadEndgame(read: ReadFile): object[] {
  const text = read('test_data.json').replace(/"timestamp": (\d+)/g, '"timestamp": "$1"');
  const events = JSON.parse(text) as Record<string, unknown>[];
  for (const e of events) {
    const raw = e.timestamp as string;
    const millis = BigInt(raw) / 10000n - 11644473600000n;
    e['@timestamp'] = Number(millis);
    e.timestamp = Number(raw);
  }
  return events;
}

/** `join_keys = [null, "x"]` is not TOML; quote bare nulls inside join_keys arrays only. */
function quoteNullJoinKeys(text: string): string {
  return text.replace(/join_keys\s*=\s*\[[^\]]*\]/g, (m) => m.replace(/(?<!")\bnull\b(?!")/g, '"null"'));
}

interface RawCase {
  name?: string;
  query?: string;
  expected_event_ids?: number[] | number[][];
  join_keys?: unknown[];
  size?: number;
  max_samples_per_key?: number;
}

export const CONFORMANCE_FILES = [
  'test_queries.toml',
  'additional_test_queries.toml',
  'test_queries_date.toml',
  'test_extra.toml',
  'test_missing_events.toml',
  'test_sample.toml',
  'test_sample_multi.toml',
] as const;

export function loadDatasets(read: ReadFile): Record<string, ConformanceDataset> {
  const endgame: ConformanceDataset = {
    name: 'endgame-140',
    events: loadEndgame(read),
    mapping: [loadMapping(read, 'data/endgame-140.mapping')],
    idField: 'serial_event_id',
    tiebreakerField: 'serial_event_id',
  };
  const extra: ConformanceDataset = {
    name: 'extra',
    events: loadData(read, 'data/extra.data'),
    mapping: [loadMapping(read, 'data/extra.mapping')],
    idField: 'sequence',
    tiebreakerField: 'sequence',
  };
  const missing: ConformanceDataset = {
    name: 'missing-events',
    events: loadData(read, 'data/missing-events.data'),
    mapping: [loadMapping(read, 'data/missing-events.mapping')],
    idField: 'sequence',
    tiebreakerField: 'sequence',
  };
  const sample: ConformanceDataset = {
    name: 'sample1,sample2,sample3',
    events: ['sample1', 'sample2', 'sample3'].flatMap((n) => loadData(read, `data/${n}.data`)),
    mapping: ['sample1', 'sample2', 'sample3'].map((n) => loadMapping(read, `data/${n}.mapping`)),
    idField: 'id',
  };
  const multi: ConformanceDataset = {
    name: 'sample-multi',
    events: loadData(read, 'data/sample-multi.data'),
    mapping: [loadMapping(read, 'data/sample-multi.mapping')],
    idField: 'id',
  };
  return {
    'test_queries.toml': endgame,
    'additional_test_queries.toml': endgame,
    'test_queries_date.toml': endgame,
    'test_extra.toml': extra,
    'test_missing_events.toml': missing,
    'test_sample.toml': sample,
    'test_sample_multi.toml': multi,
  };
}

export function loadConformanceCases(read: ReadFile): ConformanceCase[] {
  const datasets = loadDatasets(read);
  const cases: ConformanceCase[] = [];
  for (const file of CONFORMANCE_FILES) {
    const doc = TOML.parse(quoteNullJoinKeys(read(file))) as unknown as { queries?: RawCase[] };
    for (const q of doc.queries ?? []) {
      cases.push({
        file,
        name: String(q.name),
        query: String(q.query).trim(),
        expected: q.expected_event_ids ?? [],
        joinKeys: q.join_keys && q.join_keys.length > 0 ? q.join_keys.map((k) => String(k)) : undefined,
        size: q.size ?? 50,
        maxSamplesPerKey: q.max_samples_per_key && q.max_samples_per_key > 0 ? q.max_samples_per_key : undefined,
        dataset: datasets[file],
      });
    }
  }
  return cases;
}

/** Ids as the Java harness reads them: `_source[idField]`, -1 for a missing placeholder. */
export function actualIds(result: EvalResult, dataset: ConformanceDataset): number[] {
  const ids: number[] = [];
  for (const m of result.matches) {
    for (const i of m.events) ids.push(i === null ? -1 : Number((dataset.events[i] as Record<string, unknown>)[dataset.idField]));
  }
  return ids;
}

export function actualJoinKeys(result: EvalResult): string[] {
  return result.matches.flatMap((m) => m.joinKeys.map((k) => javaToString(k)));
}

export interface CaseOutcome {
  pass: boolean;
  ids: number[];
  joinKeys: string[];
  reason?: string;
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Compares exactly as the Java harness does (ids, alternatives, join keys when given). */
export function judge(c: ConformanceCase, result: EvalResult): CaseOutcome {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const ids = actualIds(result, c.dataset);
  const joinKeys = actualJoinKeys(result);
  if (errors.length > 0) return { pass: false, ids, joinKeys, reason: errors.map((d) => `${d.code}: ${d.message}`).join('; ') };
  const expected = c.expected;
  const alternatives = expected.length > 0 && Array.isArray(expected[0]) ? (expected as number[][]) : [expected as number[]];
  if (!alternatives.some((alt) => sameList(alt, ids))) {
    return { pass: false, ids, joinKeys, reason: `ids ${JSON.stringify(ids)} != expected ${JSON.stringify(expected)}` };
  }
  if (c.joinKeys && !sameList(c.joinKeys, joinKeys)) {
    return { pass: false, ids, joinKeys, reason: `join keys ${JSON.stringify(joinKeys)} != expected ${JSON.stringify(c.joinKeys)}` };
  }
  return { pass: true, ids, joinKeys };
}
