/**
 * `rule-studio eval --events FILE (--rule FILE.toml | --query Q | --queries FILE.jsonl)
 *   [--language eql|kuery|esql] [--now ISO]
 *   [--id-field F] [--size N] [--timestamp-field F] [--tiebreaker-field F]
 *   [--event-category-field F] [--mapping FILE] [--json]`
 *
 * Evaluates EQL or KQL over events (DESIGN.md "CLI contract"). With --json, one line per query:
 * `{"kind","matches":[{"events":[ID…],"join_keys":[…]}],"diagnostics":[…]}` (plus `name` for
 * --queries). ID is the event's 0-based position in FILE, or its --id-field value; a missing
 * event placeholder is null. Without --size every match is returned. The language is --language,
 * else the rule's `language`, else EQL. A KQL rule runs as Kibana runs it once at "now" (--now,
 * default the latest event's timestamp) over its window: kind "events", or "threshold" (one match
 * per group, join_keys its values), "new_terms" (one per new combination, join_keys the new values)
 * or "threat_match" (one per event ↔ indicator pair: events [event, indicator], join_keys the
 * mapped values); a bare KQL query (--query, --queries) matches over all the events. ES|QL is
 * not supported yet (exit 2). Exit 1 when the rule, a
 * query or the events have errors (printed as `file:line:col severity code message`); 2 on a
 * usage error (a wrong flag: the message and the usage) or a mistake in what a flag names (a
 * missing file, a --queries line or a --mapping that is not a JSON object: one line).
 */
import type { CliIO } from '../io.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { lineColumnAt } from '../../diagnostic.ts';
import { diagnosticLine, oneLine } from '../per-file.ts';
import { readEvents } from '../../events/read.ts';
import { getField } from '../../events/field.ts';
import { evaluate, queryFieldPaths } from '../../eql/run/evaluate.ts';
import { parseQuery } from '../../eql/syntax/parser.ts';
import { compileProjection } from '../../events/project.ts';
import { parseIsoDate } from '../../eql/run/dates.ts';
import type { EvalOptions, IndexMapping } from '../../eql/run/types.ts';
import type { TomlTable } from '../../rule/types.ts';
import type { PreviewMatch } from '../../rule/preview/types.ts';

const USAGE = `usage: rule-studio eval --events FILE (--rule FILE.toml | --query Q | --queries FILE.jsonl)
                        [--language eql|kuery|esql] [--now ISO]
                        [--id-field FIELD] [--size N] [--timestamp-field F] [--tiebreaker-field F]
                        [--event-category-field F] [--mapping FILE] [--json]`;

type Language = 'eql' | 'kuery';
const LANGUAGES = ['eql', 'kuery', 'esql'];

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
  '--language',
  '--now',
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

interface Parsed {
  values: Partial<Record<ValueFlag, string>>;
  json: boolean;
}

/** A wrong flag: the message and the usage, exit 2. */
class UsageError extends Error {}
/** A language we cannot run yet (ES|QL): one line, exit 2. */
class UnsupportedError extends Error {}
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
  language: Language;
  /** A KQL rule's data: its type, window, threshold… */
  data?: TomlTable;
  size?: number;
  maxSamplesPerKey?: number;
  /** Settings from a rule file. */
  rule?: Pick<EvalOptions, 'timestampField' | 'eventCategoryField' | 'tiebreakerField'>;
}

function parseSize(text: string, what: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a non-negative integer, found [${text}]`);
  return Number(text);
}

/** --language, or else the rule's language (undefined: EQL). ES|QL stops here. */
function languageOf(given: string | undefined, ruleLanguage: unknown, where: string): Language {
  const language = given ?? (ruleLanguage === undefined ? 'eql' : String(ruleLanguage));
  if (language === 'esql') throw new UnsupportedError(`ES|QL${given ? '' : ` (the language of ${where})`} is not supported yet; eval runs EQL and KQL`);
  if (language === 'eql' || language === 'kuery') return language;
  if (given !== undefined) throw new UsageError(`--language must be one of ${LANGUAGES.join(', ')}, found [${given}]`);
  throw new DataError([`${where} error eval/language The rule's language is [${language}]; eval runs EQL and KQL (kuery) rules.`]);
}

async function readRule(io: CliIO, path: string, givenLanguage: string | undefined): Promise<QueryJob> {
  const text = readText(io, path);
  // The TOML reader is loaded only for --rule: `eval --query` starts without it.
  const { loadRule } = await import('../../rule/load.ts');
  const loaded = loadRule(text, path);
  if (!loaded.data) throw new DataError(loaded.diagnostics.map((d) => diagnosticLine(path, text, d)));
  const problem = (code: string, message: string) => new DataError([`${path} error ${code} ${message}`]);
  const section = loaded.data.rule;
  const rule = (section && typeof section === 'object' && !Array.isArray(section) ? section : {}) as Record<string, unknown>;
  if (typeof rule.query !== 'string') throw problem('eval/no-query', 'The rule has no `rule.query` to evaluate.');
  const language = languageOf(givenLanguage, rule.language, path);
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    name: str(rule.name) ?? path,
    query: rule.query,
    language,
    data: loaded.data,
    rule: {
      timestampField: str(rule.timestamp_override) ?? str(rule.timestamp_field),
      eventCategoryField: str(rule.event_category_override),
      tiebreakerField: str(rule.tiebreaker_field),
    },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const jsonKind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

function readQueries(io: CliIO, path: string, language: Language): QueryJob[] {
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
        language,
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

type Kind = 'events' | 'sequences' | 'samples' | 'threshold' | 'new_terms' | 'threat_match';

const NOUNS: Record<Kind, [string, string]> = {
  events: ['event', 'events'],
  sequences: ['sequence', 'sequences'],
  samples: ['sample', 'samples'],
  threshold: ['group', 'groups'],
  new_terms: ['new term', 'new terms'],
  threat_match: ['indicator match', 'indicator matches'],
};

function countText(kind: Kind, n: number): string {
  if (n === 0) return 'No matches';
  return `${n} ${NOUNS[kind][n === 1 ? 0 : 1]} matched`;
}

/** One query's answer, whatever the language. */
interface Answer {
  kind: Kind;
  matches: (Pick<PreviewMatch, 'joinKeys' | 'count'> & { events: (number | null)[] })[];
  diagnostics: Located[];
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
    if (v['--now'] !== undefined && parseIsoDate(v['--now']) === null) throw new UsageError(`--now must be an ISO-8601 time, found [${v['--now']}]`);
    if (v['--mapping'] !== undefined) mapping = readMapping(io, v['--mapping']);
    if (v['--rule'] !== undefined) jobs = [await readRule(io, v['--rule'], v['--language'])];
    else {
      const language = languageOf(v['--language'], undefined, 'the query');
      jobs = v['--queries'] !== undefined ? readQueries(io, v['--queries'], language) : [{ query: v['--query']!, language }];
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`rule-studio eval: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError || e instanceof UnsupportedError) {
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

  const read = readEvents(eventsText, { positions: true, project: projectionFor(jobs, v, mapping) });
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
    const answer = job.language === 'kuery' ? await runKql(job, read.events, v, mapping, size) : await runEql(job, read.events, v, mapping, size);
    if (answer.diagnostics.some((d) => d.severity === 'error')) failed = true;
    if (parsed.json) {
      const line: Record<string, unknown> = {};
      if (job.name !== undefined && v['--queries'] !== undefined) line.name = job.name;
      line.kind = answer.kind;
      line.matches = answer.matches.map((m) => ({ events: m.events.map(idOf), join_keys: m.joinKeys }));
      line.diagnostics = answer.diagnostics;
      io.out(JSON.stringify(line));
      continue;
    }
    const title = job.name ?? 'query';
    io.out(`${title}: ${countText(answer.kind, answer.matches.length)}`);
    for (const d of answer.diagnostics) io.out(`  ${title}:${d.line ?? 1}:${d.column ?? 1} ${d.severity} ${d.code} ${d.message}`);
    answer.matches.forEach((m, k) => io.out(matchLine(answer.kind, m, k, idOf)));
  }
  return failed ? 1 : 0;
}

type Flags = Parsed['values'];

/**
 * When every job is a plain EQL query that parses (no rule filters, no KQL: those may read any
 * field), each event is kept with only the fields the queries and `--id-field` read: the answers
 * are the same (project.ts), and the process keeps a fraction of each event alive.
 */
function projectionFor(jobs: QueryJob[], v: Flags, mapping: IndexMapping | undefined): ((event: object) => object) | undefined {
  const paths: (readonly string[])[] = [];
  for (const job of jobs) {
    if (job.language !== 'eql' || (job.data !== undefined && hasFilters(job.data))) return undefined;
    const parsed = parseQuery(job.query);
    if (parsed.diagnostics.length > 0) return undefined;
    paths.push(...queryFieldPaths(parsed.ast, evalOptionsOf(job, v, mapping, undefined)));
  }
  if (v['--id-field'] !== undefined) paths.push(v['--id-field'].split('.'));
  return compileProjection(paths);
}

function hasFilters(data: TomlTable): boolean {
  const filters = (data.rule as TomlTable | undefined)?.filters;
  return Array.isArray(filters) && filters.length > 0;
}

function evalOptionsOf(job: QueryJob, v: Flags, mapping: IndexMapping | undefined, size: number | undefined): EvalOptions {
  return {
    timestampField: v['--timestamp-field'] ?? job.rule?.timestampField,
    tiebreakerField: v['--tiebreaker-field'] ?? job.rule?.tiebreakerField,
    eventCategoryField: v['--event-category-field'] ?? job.rule?.eventCategoryField,
    size: job.size ?? size,
    maxSamplesPerKey: job.maxSamplesPerKey,
    mapping,
  };
}

async function runEql(job: QueryJob, events: object[], v: Flags, mapping: IndexMapping | undefined, size: number | undefined): Promise<Answer> {
  const options = evalOptionsOf(job, v, mapping, size);
  if (!job.data) {
    const result = evaluate(job.query, events, options);
    return { kind: result.kind, matches: result.matches, diagnostics: locate(job.query, result.diagnostics) };
  }
  // A rule's filters select the events its query sees.
  let kind: Kind = 'events';
  // Rule previews (filters, KQL) need the schema and the DSL evaluator: loaded only when used, so a
  // plain EQL run starts as fast as the evaluator alone.
  const { evaluateFiltered } = await import('../../rule/preview/filtered.ts');
  const result = evaluateFiltered(job.data, events, { now: v['--now'], mapping }, (subset) => {
    const evaluated = evaluate(job.query, subset, options);
    kind = evaluated.kind;
    return evaluated;
  });
  return { kind, matches: result.matches, diagnostics: locate(job.query, result.diagnostics) };
}

/** A KQL rule previewed at "now", or a bare KQL query over every event. */
async function runKql(job: QueryJob, events: object[], v: Flags, mapping: IndexMapping | undefined, size: number | undefined): Promise<Answer> {
  const { previewKqlRule } = await import('../../rule/preview/kql-rule.ts');
  const rule = { ...((job.data?.rule as TomlTable | undefined) ?? { type: 'query', language: 'kuery', query: job.query }) };
  if (v['--timestamp-field'] !== undefined) rule.timestamp_override = v['--timestamp-field'];
  const result = previewKqlRule({ ...job.data, rule }, events, { now: v['--now'], mapping, applyWindow: job.data !== undefined });
  const limit = job.size ?? size;
  // Ranges are offsets in the text the diagnostic's path names (the query or the threat query).
  const textOf = (path: string | undefined) =>
    path && typeof rule[path.replace(/^rule\./, '')] === 'string' ? (rule[path.replace(/^rule\./, '')] as string) : '';
  const diagnostics = result.diagnostics.map((d): Located => (d.range ? { ...d, ...lineColumnAt(textOf(d.path), d.range.start) } : d));
  return { kind: result.kind, matches: limit === undefined ? result.matches : result.matches.slice(0, limit), diagnostics };
}

function matchLine(kind: Kind, m: Answer['matches'][number], k: number, idOf: (i: number | null) => unknown): string {
  const id = (i: number | null) => (i === null ? '(missing)' : JSON.stringify(idOf(i)));
  const ids = m.events.map(id).join(', ');
  const keys = m.joinKeys.map((x) => JSON.stringify(x)).join(', ');
  switch (kind) {
    case 'events':
      return `  ${ids}`;
    case 'threshold':
      return `  ${k + 1}.${keys ? ` by ${keys}` : ''} (${m.events.length} events): ${ids}`;
    case 'new_terms':
      return `  ${k + 1}. new ${keys}: ${ids}`;
    case 'threat_match':
      return `  ${k + 1}. ${id(m.events[0])} matches indicator ${id(m.events[1])} on ${keys}`;
    default:
      return `  ${k + 1}.${keys ? ` by ${keys}` : ''}: ${ids}`;
  }
}

function readText(io: CliIO, path: string): string {
  try {
    return io.readFile(path);
  } catch {
    throw new InputError(`cannot read ${path}: no such file, or not readable`);
  }
}
