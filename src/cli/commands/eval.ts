/**
 * `rule-studio eval --events FILE (--rule FILE.toml | --query EQL | --queries FILE.jsonl)
 *   [--id-field F] [--size N] [--timestamp-field F] [--tiebreaker-field F]
 *   [--event-category-field F] [--mapping FILE] [--json]`
 *
 * Evaluates EQL over events (DESIGN.md "CLI contract"). With --json, one line per query:
 * `{"kind","matches":[{"events":[ID…],"join_keys":[…]}],"diagnostics":[…]}` (plus `name` for
 * --queries). ID is the event's 0-based position in FILE, or its --id-field value; a missing
 * event placeholder is null. Without --size every match is returned. Exit 1 when a query or the
 * events have errors, 2 on a usage error.
 */
import TOML from '@iarna/toml';
import type { CliIO } from '../io.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { lineColumnAt } from '../../diagnostic.ts';
import { readEvents } from '../../events/read.ts';
import { getField } from '../../events/field.ts';
import { evaluate } from '../../eql/run/evaluate.ts';
import type { EvalOptions, EvalResult, IndexMapping } from '../../eql/run/types.ts';

const USAGE = `usage: rule-studio eval --events FILE (--rule FILE.toml | --query EQL | --queries FILE.jsonl)
                        [--id-field FIELD] [--size N] [--timestamp-field F] [--tiebreaker-field F]
                        [--event-category-field F] [--mapping FILE] [--json]`;

const VALUE_FLAGS = ['--events', '--rule', '--query', '--queries', '--id-field', '--size', '--timestamp-field', '--tiebreaker-field', '--event-category-field', '--mapping'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

interface Parsed {
  values: Partial<Record<ValueFlag, string>>;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(args: string[]): Parsed {
  const values: Parsed['values'] = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') { json = true; continue; }
    const eq = a.indexOf('=');
    const flag = (eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a) as ValueFlag;
    if (!VALUE_FLAGS.includes(flag)) throw new UsageError(`unknown option ${a}`);
    const value = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (values[flag] !== undefined) throw new UsageError(`${flag} given twice`);
    values[flag] = value;
  }
  return { values, json };
}

interface QueryJob {
  name?: string;
  query: string;
  size?: number;
  maxSamplesPerKey?: number;
  /** Settings from a rule file. */
  rule?: Pick<EvalOptions, 'timestampField' | 'eventCategoryField' | 'tiebreakerField'>;
}

function parseSize(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a non-negative integer, found [${text}]`);
  return Number(text);
}

function readRule(io: CliIO, path: string): QueryJob {
  const text = io.readFile(path);
  let doc: Record<string, unknown>;
  try {
    doc = TOML.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new UsageError(`${path} is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
  const rule = (doc.rule ?? {}) as Record<string, unknown>;
  if (typeof rule.query !== 'string') throw new UsageError(`${path} has no rule.query`);
  if (rule.language !== undefined && rule.language !== 'eql') throw new UsageError(`${path} is a [${String(rule.language)}] rule; only EQL rules can be evaluated`);
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    name: str(rule.name) ?? path,
    query: rule.query,
    rule: {
      timestampField: str(rule.timestamp_override) ?? str(rule.timestamp_field),
      eventCategoryField: str(rule.event_category_override),
      tiebreakerField: str(rule.tiebreaker_field),
    },
  };
}

function readQueries(io: CliIO, path: string): QueryJob[] {
  const jobs: QueryJob[] = [];
  io.readFile(path).split('\n').forEach((line, k) => {
    if (line.trim() === '') return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new UsageError(`${path}:${k + 1}: not a JSON object`);
    }
    if (typeof v.query !== 'string') throw new UsageError(`${path}:${k + 1}: "query" must be a string`);
    jobs.push({
      name: v.name === undefined ? undefined : String(v.name),
      query: v.query,
      size: typeof v.size === 'number' ? v.size : undefined,
      maxSamplesPerKey: typeof v.max_samples_per_key === 'number' ? v.max_samples_per_key : undefined,
    });
  });
  return jobs;
}

type Located = Diagnostic & { line?: number; column?: number };

function locate(text: string, ds: Diagnostic[]): Located[] {
  return ds.map((d) => (d.range ? { ...d, ...lineColumnAt(text, d.range.start) } : d));
}

function countText(kind: EvalResult['kind'], n: number): string {
  if (n === 0) return 'No matches';
  const noun = kind === 'events' ? 'event' : kind === 'sequences' ? 'sequence' : 'sample';
  return `${n} ${noun}${n === 1 ? '' : 's'} matched`;
}

export async function run(args: string[], io: CliIO): Promise<number> {
  let parsed: Parsed;
  let jobs: QueryJob[];
  let mapping: IndexMapping | undefined;
  let size: number | undefined;
  let eventsText: string;
  try {
    parsed = parseArgs(args);
    const v = parsed.values;
    if (!v['--events']) throw new UsageError('--events is required');
    const sources = (['--rule', '--query', '--queries'] as const).filter((f) => v[f] !== undefined);
    if (sources.length !== 1) throw new UsageError('give exactly one of --rule, --query, --queries');
    size = v['--size'] !== undefined ? parseSize(v['--size'], '--size') : undefined;
    eventsText = readText(io, v['--events']);
    if (v['--mapping'] !== undefined) {
      try {
        mapping = JSON.parse(readText(io, v['--mapping'])) as IndexMapping;
      } catch (e) {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`${v['--mapping']} is not valid JSON`);
      }
    }
    if (v['--rule'] !== undefined) jobs = [readRule(io, v['--rule'])];
    else if (v['--queries'] !== undefined) jobs = readQueries(io, v['--queries']);
    else jobs = [{ query: v['--query']! }];
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`rule-studio eval: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const v = parsed.values;

  const read = readEvents(eventsText);
  let failed = false;
  for (const d of locate(eventsText, read.diagnostics)) {
    io.err(`${v['--events']}:${d.line ?? 1}:${d.column ?? 1} ${d.severity} ${d.code} ${d.message}`);
    if (d.severity === 'error') failed = true;
  }
  const idField = v['--id-field'];
  const idOf = (i: number | null): unknown => {
    if (i === null) return null;
    if (idField === undefined) return read.positions[i];
    const value = getField(read.events[i], idField.split('.'));
    return value === undefined ? null : value;
  };

  for (const job of jobs) {
    const options: EvalOptions = {
      timestampField: v['--timestamp-field'] ?? job.rule?.timestampField,
      tiebreakerField: v['--tiebreaker-field'] ?? job.rule?.tiebreakerField,
      eventCategoryField: v['--event-category-field'] ?? job.rule?.eventCategoryField,
      size: job.size ?? size,
      maxSamplesPerKey: job.maxSamplesPerKey,
      mapping,
    };
    const result = evaluate(job.query, read.events, options);
    const diagnostics = locate(job.query, result.diagnostics);
    if (diagnostics.some((d) => d.severity === 'error')) failed = true;
    if (parsed.json) {
      const line: Record<string, unknown> = {};
      if (job.name !== undefined && v['--queries'] !== undefined) line.name = job.name;
      line.kind = result.kind;
      line.matches = result.matches.map((m) => ({ events: m.events.map(idOf), join_keys: m.joinKeys }));
      line.diagnostics = diagnostics;
      io.out(JSON.stringify(line));
      continue;
    }
    const title = job.name ?? 'query';
    io.out(`${title}: ${countText(result.kind, result.matches.length)}`);
    for (const d of diagnostics) io.out(`  ${title}:${d.line ?? 1}:${d.column ?? 1} ${d.severity} ${d.code} ${d.message}`);
    result.matches.forEach((m, k) => {
      const ids = m.events.map((i) => (i === null ? '(missing)' : JSON.stringify(idOf(i)))).join(', ');
      const keys = m.joinKeys.length > 0 ? ` by ${m.joinKeys.map((x) => JSON.stringify(x)).join(', ')}` : '';
      io.out(result.kind === 'events' ? `  ${ids}` : `  ${k + 1}.${keys}: ${ids}`);
    });
  }
  return failed ? 1 : 0;
}

function readText(io: CliIO, path: string): string {
  try {
    return io.readFile(path);
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
}
