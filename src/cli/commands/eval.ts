/**
 * `rule-studio eval --events FILE (--rule FILE.toml | --query EQL | --queries FILE.jsonl)
 *   [--id-field F] [--size N] [--timestamp-field F] [--tiebreaker-field F]
 *   [--event-category-field F] [--mapping FILE] [--json]`
 *
 * Evaluates EQL over events (DESIGN.md "CLI contract"). With --json, one line per query:
 * `{"kind","matches":[{"events":[ID…],"join_keys":[…]}],"diagnostics":[…]}` (plus `name` for
 * --queries). ID is the event's 0-based position in FILE, or its --id-field value; a missing
 * event placeholder is null. Without --size every match is returned. Exit 1 when the rule, a
 * query or the events have errors (printed as `file:line:col severity code message`); 2 on a
 * usage error (a wrong flag: the message and the usage) or a mistake in what a flag names (a
 * missing file, a --queries line or a --mapping that is not a JSON object: one line).
 */
import type { CliIO } from '../io.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { lineColumnAt } from '../../diagnostic.ts';
import { loadRule } from '../../rule/load.ts';
import { diagnosticLine, oneLine } from '../per-file.ts';
import { readEvents } from '../../events/read.ts';
import { getField } from '../../events/field.ts';
import { evaluate } from '../../eql/run/evaluate.ts';
import type { EvalOptions, EvalResult, IndexMapping } from '../../eql/run/types.ts';

const USAGE = `usage: rule-studio eval --events FILE (--rule FILE.toml | --query EQL | --queries FILE.jsonl)
                        [--id-field FIELD] [--size N] [--timestamp-field F] [--tiebreaker-field F]
                        [--event-category-field F] [--mapping FILE] [--json]`;

const VALUE_FLAGS = [
  '--events',
  '--rule',
  '--query',
  '--queries',
  '--id-field',
  '--size',
  '--timestamp-field',
  '--tiebreaker-field',
  '--event-category-field',
  '--mapping',
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

interface Parsed {
  values: Partial<Record<ValueFlag, string>>;
  json: boolean;
}

/** A wrong flag: the message and the usage, exit 2. */
class UsageError extends Error {}
/** A mistake in a file a flag names (missing, not the expected JSON): one line, exit 2. */
class InputError extends Error {}
/** A rule file with errors: its diagnostics as `file:line:col …` lines, exit 1. */
class DataError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

function parseArgs(args: string[]): Parsed {
  const values: Parsed['values'] = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') {
      json = true;
      continue;
    }
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
  const text = readText(io, path);
  const loaded = loadRule(text, path);
  if (!loaded.data) throw new DataError(loaded.diagnostics.map((d) => diagnosticLine(path, text, d)));
  const problem = (code: string, message: string) => new DataError([`${path} error ${code} ${message}`]);
  const section = loaded.data.rule;
  const rule = (section && typeof section === 'object' && !Array.isArray(section) ? section : {}) as Record<string, unknown>;
  if (typeof rule.query !== 'string') throw problem('eval/no-query', 'The rule has no `rule.query` to evaluate.');
  if (rule.language !== undefined && rule.language !== 'eql') {
    throw problem('eval/not-eql', `The rule's language is [${String(rule.language)}]; only EQL rules can be evaluated.`);
  }
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const jsonKind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

function readQueries(io: CliIO, path: string): QueryJob[] {
  const jobs: QueryJob[] = [];
  readText(io, path)
    .split('\n')
    .forEach((line, k) => {
      if (line.trim() === '') return;
      const where = `${path}:${k + 1}`;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        throw new InputError(`${where}: not JSON; each line must be an object {"name", "query"}`);
      }
      if (!isObject(v)) throw new InputError(`${where}: each line must be a JSON object {"name", "query"}, found ${jsonKind(v)}`);
      if (typeof v.query !== 'string') throw new InputError(`${where}: "query" must be a string`);
      const count = (key: string) => {
        const n = v[key];
        if (n === undefined) return undefined;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
          throw new InputError(`${where}: "${key}" must be a non-negative integer, found ${JSON.stringify(n)}`);
        return n;
      };
      jobs.push({
        name: v.name === undefined ? undefined : String(v.name),
        query: v.query,
        size: count('size'),
        maxSamplesPerKey: count('max_samples_per_key'),
      });
    });
  return jobs;
}

function readMapping(io: CliIO, path: string): IndexMapping {
  let mapping: unknown;
  try {
    mapping = JSON.parse(readText(io, path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: not valid JSON (${oneLine((e as Error).message)})`);
  }
  if (!isObject(mapping)) throw new InputError(`${path}: a mapping must be a JSON object (an Elasticsearch index mapping), found ${jsonKind(mapping)}`);
  return mapping;
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
    if (v['--mapping'] !== undefined) mapping = readMapping(io, v['--mapping']);
    if (v['--rule'] !== undefined) jobs = [readRule(io, v['--rule'])];
    else if (v['--queries'] !== undefined) jobs = readQueries(io, v['--queries']);
    else jobs = [{ query: v['--query']! }];
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`rule-studio eval: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`rule-studio eval: ${e.message}`);
      return 2;
    }
    if (e instanceof DataError) {
      for (const line of e.lines) io.err(line);
      return 1;
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
    throw new InputError(`cannot read ${path}: no such file, or not readable`);
  }
}
