/**
 * The evaluator's entry points: `compileQuery` turns an AST into closures once;
 * `runQuery` applies them to events; `evaluate` does both (and parses text).
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { Statement, FieldRef, Stage } from '../syntax/ast.ts';
import { parseQuery } from '../syntax/parser.ts';
import type { CompileContext, CompiledFilter, Evaluator, StaticType } from './compile.ts';
import { compileFieldRef, compileFilter } from './compile.ts';
import { toEpochMillis } from './dates.ts';
import type { KeySpec } from './keys.ts';
import { renderKeys } from './keys.ts';
import type { FieldCatalog } from './mapping.ts';
import { buildCatalog } from './mapping.ts';
import { applyLimits, createOrderKeys, sortByOrder, timestampOf } from './order.ts';
import type { Limit, OrderKeys } from './order.ts';
import { allLimits, pipeLimits } from './pipes.ts';
import { runSample } from './sample.ts';
import type { SampleFilter } from './sample.ts';
import { runSequence } from './sequence.ts';
import type { SequencePlan, SequenceStage } from './sequence.ts';
import type { EvalOptions, EvalResult, Match, ResultKind, SequenceTraceEntry } from './types.ts';
import { MAX_COMBINATIONS } from './multi-value.ts';
import { eventsOfCategory } from './event-index.ts';
import { compileFieldAccessor, splitFieldName } from '../../events/field.ts';
import type { WitnessValue } from './multi-value.ts';

export interface CompiledQuery {
  kind: ResultKind;
  ast: Statement;
  options: Required<Pick<EvalOptions, 'timestampField' | 'eventCategoryField' | 'maxSamplesPerKey' | 'resultPosition'>> & EvalOptions;
  diagnostics: Diagnostic[];
  /** Event queries: the filter. */
  filter?: CompiledFilter;
  sequence?: SequencePlan & { keyTypes: StaticType[] };
  sample?: { filters: SampleFilter[]; keyTypes: StaticType[] };
  pipeWindows: Limit[];
  timestamp: Evaluator;
  /** Names what `timestamp` computes when it depends on the field alone: parsed timestamps are then reused across runs over the same events. */
  timestampCacheKey?: string;
  tiebreaker?: Evaluator;
  /** Evaluator of every compiled AST node (for explanations). */
  evaluators: Map<object, Evaluator>;
  /** Filters of the stages, in query order (sequences and samples), for explanations. */
  stageFilters: CompiledFilter[];
  /** Set while running when a script leaf had more combinations of field values than it tries. */
  combinationBudget: { hit: boolean; range?: { start: number; end: number } };
  /** Per "some value matches" leaf: the values that made it true for an event (explanations). */
  witnesses: Map<object, (event: object) => WitnessValue[] | null>;
  /** Every field path the query reads (timestamp, tiebreaker and category included). */
  fieldPaths: (readonly string[])[];
  /** Set while running by the first Java exception (overflow, / by zero, number()): the query fails. */
  runtimeError: { failure?: { range: { start: number; end: number }; message: string } };
}

/** How a Java exception is reported: Elasticsearch fails the whole query with it. */
function runtimeDiagnostic(failure: { range: { start: number; end: number }; message: string }): Diagnostic {
  return {
    severity: 'error',
    code: 'eql/runtime-error',
    source: 'eql',
    range: failure.range,
    message: `${failure.message}: Elasticsearch fails the whole query with this error (a Java exception while evaluating it).`,
  };
}

function defaults(options: EvalOptions): CompiledQuery['options'] {
  return {
    ...options,
    timestampField: options.timestampField ?? '@timestamp',
    eventCategoryField: options.eventCategoryField ?? 'event.category',
    maxSamplesPerKey: options.maxSamplesPerKey ?? 1,
    resultPosition: options.resultPosition ?? 'tail',
  };
}

function fieldRef(name: string): FieldRef {
  return { kind: 'field', path: name.split('.'), name, optional: true, range: { start: 0, end: 0 } };
}

function compileKeys(ctx: CompileContext, refs: FieldRef[]): KeySpec[] {
  return refs.map((r) => {
    const c = compileFieldRef(ctx, r);
    const shared = !c.constant && c.ev === compileFieldAccessor(c.resolved.path);
    return { ev: c.ev, optional: r.optional, type: c.type, name: r.name, shared };
  });
}

/**
 * Compiles a parsed statement. `events`, when given, lets field resolution apply dynamic
 * mapping (fields that exist only in documents) exactly as Elasticsearch would for that data.
 */
export function compileQuery(ast: Statement, options: EvalOptions = {}, events?: readonly object[]): CompiledQuery {
  const opts = defaults(options);
  const catalog: FieldCatalog = buildCatalog(opts.mapping);
  const diagnostics: Diagnostic[] = [];
  const combinationBudget: CompiledQuery['combinationBudget'] = { hit: false };
  const witnesses: CompiledQuery['witnesses'] = new Map();
  const runtimeError: CompiledQuery['runtimeError'] = {};
  let compiling = true;
  const ctx: CompileContext = {
    catalog,
    events,
    diagnostics,
    timestampField: opts.timestampField,
    evaluators: new Map(),
    scanned: new Map(),
    paths: new Map(),
    witnesses,
    onCombinationBudget(range) {
      if (!combinationBudget.hit) {
        combinationBudget.hit = true;
        combinationBudget.range = range;
      }
    },
    onRuntimeError(range, message) {
      // While compiling, only constant folding evaluates: the query cannot run at all.
      if (compiling) diagnostics.push(runtimeDiagnostic({ range, message }));
      else runtimeError.failure ??= { range, message };
    },
  };
  const ts = compileFieldRef(ctx, fieldRef(opts.timestampField));
  const tsEv = ts.ev;
  const timestamp: Evaluator =
    ts.type === 'date'
      ? tsEv
      : (e) => {
          let v = tsEv(e);
          if (Array.isArray(v)) v = v[0];
          return toEpochMillis(v);
        };
  const tiebreaker = opts.tiebreakerField ? compileFieldRef(ctx, fieldRef(opts.tiebreakerField)).ev : undefined;
  // Without a mapping entry (formats, null_value), the field's name and static type fix the function.
  const timestampCacheKey = ts.resolved.info ? undefined : `timestamp\u0000${opts.timestampField}\u0000${ts.type}\u0000${ts.constant ? 'constant' : ''}`;
  const q = ast.query;
  const compiled: CompiledQuery = {
    kind: 'events',
    ast,
    options: opts,
    diagnostics,
    pipeWindows: [],
    timestamp,
    timestampCacheKey,
    tiebreaker,
    evaluators: ctx.evaluators,
    stageFilters: [],
    combinationBudget,
    witnesses,
    runtimeError,
    fieldPaths: [],
  };
  const cat = opts.eventCategoryField;
  switch (q.kind) {
    case 'error-query':
      diagnostics.push({ severity: 'error', code: 'eql/syntax', message: 'The query could not be parsed.', source: 'eql', range: q.range });
      break;
    case 'event':
      compiled.filter = compileFilter(ctx, q.filter, cat);
      break;
    case 'sequence': {
      compiled.kind = 'sequences';
      const stages: SequenceStage[] = [];
      let keyTypes: StaticType[] = [];
      q.stages.forEach((st: Stage, astIndex) => {
        const f = compileFilter(ctx, st.filter, cat);
        compiled.stageFilters.push(f);
        const keys = compileKeys(ctx, [...q.by, ...st.by]);
        if (astIndex === 0) keyTypes = keys.map((k) => k.type);
        for (let r = 0; r < Math.max(1, st.runs); r++) {
          stages.push({
            test: f.test,
            categoryName: f.categoryName,
            categoryValue: f.categoryValue,
            condition: f.condition,
            keys,
            missing: st.missing,
            astIndex,
            filterId: astIndex,
          });
        }
      });
      const keyCount = q.by.length + (q.stages[0]?.by.length ?? 0);
      for (const st of [...q.stages, ...(q.until ? [q.until] : [])]) {
        if (q.by.length + st.by.length !== keyCount) {
          diagnostics.push({
            severity: 'error',
            code: 'eql/join-keys',
            message: `Inconsistent number of join keys specified; expected [${keyCount}] but found [${q.by.length + st.by.length}].`,
            source: 'eql',
            range: st.range,
          });
        }
      }
      if (stages.some((s) => s.missing) && !q.maxspan) {
        diagnostics.push({
          severity: 'error',
          code: 'eql/missing-maxspan',
          message: 'A sequence with missing events ![…] requires [maxspan].',
          source: 'eql',
          range: q.range,
        });
      }
      let until: SequencePlan['until'];
      if (q.until) {
        const f = compileFilter(ctx, q.until.filter, cat);
        until = { test: f.test, keys: compileKeys(ctx, [...q.by, ...q.until.by]) };
      }
      compiled.sequence = { stages, until, maxspan: q.maxspan?.millis, keyTypes };
      break;
    }
    case 'sample': {
      compiled.kind = 'samples';
      const filters: SampleFilter[] = [];
      let keyTypes: StaticType[] = [];
      q.stages.forEach((st, k) => {
        const f = compileFilter(ctx, st.filter, cat);
        compiled.stageFilters.push(f);
        const keys = compileKeys(ctx, [...q.by, ...st.by]);
        if (k === 0) keyTypes = keys.map((x) => x.type);
        filters.push({ test: f.test, keys });
      });
      if (ast.pipes.length > 0) {
        diagnostics.push({
          severity: 'error',
          code: 'eql/sample-pipes',
          message: 'Pipes are not supported with [sample].',
          source: 'eql',
          range: ast.pipes[0].range,
        });
      }
      compiled.sample = { filters, keyTypes };
      break;
    }
  }
  if (q.kind !== 'sample') compiled.pipeWindows = pipeLimits(ast.pipes, diagnostics);
  compiling = false;
  compiled.fieldPaths = [...ctx.paths!.values()];
  return compiled;
}

/**
 * The field paths a query reads over any events (timestamp, tiebreaker and category included),
 * to read only those from a file (events/project.ts): the answers over events projected onto
 * them are the same.
 */
export function queryFieldPaths(query: string | Statement, options: EvalOptions = {}): (readonly string[])[] {
  const ast = typeof query === 'string' ? parseQuery(query).ast : query;
  return compileQuery(ast, options).fieldPaths;
}

function hasErrors(ds: Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Events tried both ways before the cheaper order of a filter's two tests is chosen. */
const ORDER_SAMPLE = 1024;

/**
 * Appends to `hits` the indices of the events `f` accepts, reading the timestamp of each while
 * the event is in the cache (the sort needs it next). When the condition may run on any event,
 * the test that rejects more of the first events runs first (Lucene leads a conjunction with
 * its most selective clause too): `process where process.name == "cmd.exe"` then reads the
 * category of the few events named cmd.exe instead of every event's.
 */
function acceptedEvents(f: CompiledFilter, events: readonly object[], order: OrderKeys, hits: number[]): void {
  let from = 0;
  const category = f.category;
  if (category && f.conditionFirstOk) {
    const condition = f.condition;
    const sample = Math.min(events.length, ORDER_SAMPLE);
    let categoryPasses = 0;
    let conditionPasses = 0;
    for (; from < sample; from++) {
      const e = events[from];
      const a = category(e) === true;
      const b = condition(e) === true;
      if (a) categoryPasses++;
      if (b) conditionPasses++;
      if (a && b) {
        hits.push(from);
        timestampOf(order, from);
      }
    }
    if (conditionPasses < categoryPasses) {
      for (let i = from; i < events.length; i++) {
        const e = events[i];
        if (condition(e) !== true || category(e) !== true) continue;
        hits.push(i);
        timestampOf(order, i);
      }
      return;
    }
  }
  const test = f.test;
  for (let i = from; i < events.length; i++) {
    if (test(events[i]) !== true) continue;
    hits.push(i);
    timestampOf(order, i);
  }
}

/** Runs a compiled query. Any error diagnostic means no results, as in Elasticsearch. */
export function runQuery(compiled: CompiledQuery, events: readonly object[], trace = compiled.options.trace === true): EvalResult {
  const diagnostics = [...compiled.diagnostics];
  const result: EvalResult = { kind: compiled.kind, matches: [], diagnostics };
  if (hasErrors(diagnostics)) return result;
  const opts = compiled.options;
  const order = createOrderKeys(events, compiled.timestamp, compiled.tiebreaker, compiled.timestampCacheKey);
  compiled.combinationBudget.hit = false;
  compiled.runtimeError.failure = undefined;
  if (compiled.filter) {
    const f = compiled.filter;
    const hits: number[] = [];
    const pure = f.categoryName !== null && f.categoryValue !== undefined && f.categoryValue === compileFieldAccessor(splitFieldName(opts.eventCategoryField));
    const ofCategory = pure ? eventsOfCategory(events, f.categoryValue!, f.categoryName!) : undefined;
    if (ofCategory) {
      // The events of the category, from the index kept with the events: only their conditions run.
      const condition = f.condition;
      for (let k = 0; k < ofCategory.length; k++) {
        const i = ofCategory[k];
        if (condition(events[i]) !== true) continue;
        hits.push(i);
        timestampOf(order, i);
      }
    } else acceptedEvents(f, events, order, hits);
    const limited = applyLimits(sortByOrder(order, hits), allLimits(compiled.pipeWindows, opts.size, opts.resultPosition));
    result.matches = limited.map((i): Match => ({ events: [i], joinKeys: [] }));
  } else if (compiled.sequence) {
    const traceLog: SequenceTraceEntry[] | undefined = trace ? [] : undefined;
    const seqs = runSequence(compiled.sequence, events, order, traceLog);
    const limited = applyLimits(seqs, allLimits(compiled.pipeWindows, opts.size, opts.resultPosition));
    const types = compiled.sequence.keyTypes;
    result.matches = limited.map((s) => ({ events: s.events, stages: s.stages, joinKeys: renderKeys(s.key, types, 'sequences') }));
    if (traceLog) result.trace = traceLog;
  } else if (compiled.sample) {
    const samples = runSample(compiled.sample.filters, events, order, Math.max(1, opts.maxSamplesPerKey));
    // Samples are ordered by key; the size limit keeps the first ones.
    const limited = opts.size === undefined ? samples : samples.slice(0, opts.size);
    const types = compiled.sample.keyTypes;
    result.matches = limited.map((s) => ({ events: s.events, stages: s.events.map((_, k) => k), joinKeys: renderKeys(s.key, types, 'samples') }));
  }
  if (compiled.runtimeError.failure) {
    result.matches = [];
    delete result.trace;
    diagnostics.push(runtimeDiagnostic(compiled.runtimeError.failure));
    return result;
  }
  if (compiled.combinationBudget.hit) {
    diagnostics.push({
      severity: 'warning',
      code: 'eql/multi-value-budget',
      source: 'eql',
      range: compiled.combinationBudget.range,
      message: `Multi-valued fields gave this condition more than ${MAX_COMBINATIONS.toLocaleString('en')} combinations of values on some events; Elasticsearch tries them all, only the first ${MAX_COMBINATIONS.toLocaleString('en')} were tried here.`,
    });
  }
  return result;
}

/**
 * Parses (when given text), compiles and runs a query over events. Never throws: an unexpected
 * failure becomes an 'eql/internal' diagnostic, so a worker calling it stays alive.
 */
export function evaluate(query: string | Statement, events: readonly object[], options: EvalOptions = {}): EvalResult {
  try {
    return evaluateUnguarded(query, events, options);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      kind: 'events',
      matches: [],
      diagnostics: [{ severity: 'error', code: 'eql/internal', source: 'eql', message: `The evaluator failed unexpectedly: ${message}.` }],
    };
  }
}

function evaluateUnguarded(query: string | Statement, events: readonly object[], options: EvalOptions): EvalResult {
  let ast: Statement;
  const diagnostics: Diagnostic[] = [];
  if (typeof query === 'string') {
    const parsed = parseQuery(query);
    ast = parsed.ast;
    diagnostics.push(...parsed.diagnostics);
  } else ast = query;
  const compiled = compileQuery(ast, options, events);
  if (hasErrors(diagnostics)) {
    // The parser's messages say what is wrong; the compiler's would only repeat it vaguely.
    return { kind: compiled.kind, matches: [], diagnostics };
  }
  const result = runQuery(compiled, events);
  result.diagnostics.unshift(...diagnostics);
  return result;
}
