/**
 * Schema-aware analysis of a parsed EQL statement: fields, types, functions, sequences, lints.
 *
 * One walk over the tree infers a value type per expression and reports what Elasticsearch's
 * verifier would reject (eql-semantics §12) plus lints. Types are coarse families (string,
 * number, date …): that is the level at which Elasticsearch decides compatibility.
 */
import type { Diagnostic, TextEdit, TextRange } from '../../diagnostic.ts';
import type {
  CallExpr,
  CompareExpr,
  EventFilter,
  Expr,
  FieldRef,
  InExpr,
  MatchExpr,
  Query,
  SampleQuery,
  SequenceQuery,
  Stage,
  Statement,
} from '../syntax/ast.ts';
import { isKeyword, isPlainIdentifier } from '../syntax/scanner.ts';
import type { FieldInfo, FieldSchema } from '../schema/index.ts';
import { ecsVersionOf, findSimilar } from '../schema/index.ts';
import {
  FUNCTIONS,
  UNSUPPORTED_FUNCTIONS,
  arityRange,
  caseAwareNames,
  lookupFunction,
  paramAt,
  type FunctionDef,
  type ParamKind,
} from '../functions/registry.ts';
import { CheckMessages, formatCheckMessage, ordinal, type CheckMessage } from './messages.ts';
import { lintRegex, valueOffsetToSource } from './regex.ts';

/** A value's type family; 'unknown' when we cannot tell (unknown field, error node). */
export type ValueType = 'string' | 'number' | 'boolean' | 'date' | 'ip' | 'version' | 'text' | 'object' | 'other' | 'null' | 'unknown';

export interface AnalyzeOptions {
  schema: FieldSchema;
  timestampField?: string;
  eventCategoryField?: string;
  tiebreakerField?: string;
}

/** Types that never combine with anything (already reported where they appear). */
const SILENT: ReadonlySet<ValueType> = new Set(['unknown', 'null', 'other', 'text', 'object']);

/** Whether a comparison between these families is accepted by Elasticsearch. */
function compatible(a: ValueType, b: ValueType): boolean {
  if (a === b || SILENT.has(a) || SILENT.has(b)) return true;
  const pair = (x: ValueType, y: ValueType) => (a === x && b === y) || (a === y && b === x);
  // Dates take ISO strings or epoch millis; versions compare with string literals (semver order);
  // ip fields take address literals (`destination.ip != "127.0.0.1"` runs in production rules).
  return pair('date', 'string') || pair('date', 'number') || pair('version', 'string') || pair('ip', 'string');
}

export function analyze(text: string, ast: Statement, options: AnalyzeOptions): Diagnostic[] {
  return new Analyzer(text, options).run(ast);
}

class Analyzer {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly schema: FieldSchema;
  private readonly fieldInfo = new Map<FieldRef, FieldInfo | undefined>();
  private readonly multiValueReported = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly options: AnalyzeOptions,
  ) {
    this.schema = options.schema;
  }

  run(ast: Statement): Diagnostic[] {
    this.checkConfigFields();
    this.query(ast.query);
    // In source order (stable), as the Problems panel lists them; rangeless ones first.
    return this.diagnostics.sort((a, b) => (a.range?.start ?? -1) - (b.range?.start ?? -1));
  }

  private report(def: CheckMessage, range: TextRange | undefined, args: readonly (string | number)[], fix?: Diagnostic['fix']): void {
    const d: Diagnostic = { severity: def.severity, code: def.code, message: formatCheckMessage(def, args), source: def.source };
    if (range) d.range = { start: range.start, end: range.end };
    if (fix) d.fix = fix;
    this.diagnostics.push(d);
  }

  private src(range: TextRange): string {
    return this.text.slice(range.start, range.end);
  }

  private checkConfigFields(): void {
    const configs: [string, string | undefined][] = [
      ['timestamp', this.options.timestampField],
      ['tiebreaker', this.options.tiebreakerField],
      ['event category', this.options.eventCategoryField],
    ];
    for (const [what, name] of configs) {
      if (name && !this.schema.lookup(name) && !this.schema.unknownFieldExcuse(name)) {
        this.report(CheckMessages.unknownConfigField, undefined, [what, name]);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Queries

  private query(q: Query): void {
    switch (q.kind) {
      case 'event':
        this.filter(q.filter);
        break;
      case 'sequence':
        this.sequence(q);
        break;
      case 'sample':
        this.joined(q, q.stages);
        break;
      case 'error-query':
        break;
    }
  }

  private sequence(q: SequenceQuery): void {
    const stages = q.until ? [...q.stages, q.until] : q.stages;
    this.joined(q, stages);
    if (!q.maxspan) {
      const hasMissing = q.stages.some((s) => s.missing);
      if (hasMissing) {
        const stage = q.stages.find((s) => s.missing)!;
        this.report(CheckMessages.missingMaxspan, stage.range, []);
      }
      this.report(CheckMessages.sequenceMaxspan, { start: q.range.start, end: q.range.start + 'sequence'.length }, []);
    }
    for (const s of q.stages) {
      if (s.runs < 1 || s.runs > 100) this.report(CheckMessages.runsRange, s.range, [s.runs]);
    }
  }

  /** Shared by sequences and samples: stage filters and join keys. */
  private joined(q: SequenceQuery | SampleQuery, stages: Stage[]): void {
    for (const key of q.by) this.joinKey(key);
    for (const stage of stages) {
      this.filter(stage.filter);
      for (const key of stage.by) this.joinKey(key);
    }
    if (stages.length === 0) return;
    const keysOf = (s: Stage) => [...q.by, ...s.by];
    const first = keysOf(stages[0]);
    for (const stage of stages.slice(1)) {
      const keys = keysOf(stage);
      if (keys.length !== first.length) {
        const range = stage.by.length > 0 ? { start: stage.by[0].range.start, end: stage.by[stage.by.length - 1].range.end } : stage.range;
        this.report(CheckMessages.joinKeyCount, range, [first.length, keys.length]);
        continue;
      }
      for (let k = q.by.length; k < keys.length; k++) {
        const a = this.fieldType(first[k]);
        const b = this.fieldType(keys[k]);
        if (!compatible(a, b) || (a !== b && !SILENT.has(a) && !SILENT.has(b))) {
          this.report(CheckMessages.joinKeyType, keys[k].range, [
            first[k].name,
            this.fieldInfo.get(first[k])?.type ?? a,
            keys[k].name,
            this.fieldInfo.get(keys[k])?.type ?? b,
          ]);
        }
      }
    }
  }

  private joinKey(key: FieldRef): void {
    this.field(key);
    const info = this.fieldInfo.get(key);
    if (info?.array && !this.multiValueReported.has(info.name)) {
      this.multiValueReported.add(info.name);
      this.report(CheckMessages.multiValueJoinKey, key.range, [key.name]);
    }
  }

  private filter(f: EventFilter): void {
    if (f.category !== null) this.category(f);
    const t = this.expr(f.condition);
    this.requireBoolean(f.condition, t);
  }

  private category(f: EventFilter): void {
    const field = this.options.eventCategoryField ?? 'event.category';
    if (field !== 'event.category') return;
    const allowed = this.schema.lookup(field)?.allowedValues;
    if (!allowed || allowed.includes(f.category!)) return;
    const close = findSimilar(f.category!, allowed, 1);
    this.report(
      CheckMessages.unknownCategory,
      f.categoryRange,
      [f.category!, close.length ? `; did you mean [${close[0]}]?` : ''],
      close.length ? { title: `Change to ${close[0]}`, edits: [{ range: f.categoryRange, text: close[0] }] } : undefined,
    );
  }

  private requireBoolean(e: Expr, t: ValueType): void {
    if (t === 'boolean' || SILENT.has(t)) return;
    this.report(CheckMessages.nonBooleanCondition, e.range, [this.typeName(e, t)]);
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  private expr(e: Expr): ValueType {
    switch (e.kind) {
      case 'literal':
        return e.type === 'string' ? 'string' : e.type === 'boolean' ? 'boolean' : e.type === 'null' ? 'null' : 'number';
      case 'field':
        return this.field(e);
      case 'not': {
        const t = this.expr(e.operand);
        this.requireBoolean(e.operand, t);
        return 'boolean';
      }
      case 'logical':
        for (const op of e.operands) this.requireBoolean(op, this.expr(op));
        return 'boolean';
      case 'compare':
        this.compare(e);
        return 'boolean';
      case 'arith': {
        this.requireNumber(e.left, this.expr(e.left));
        this.requireNumber(e.right, this.expr(e.right));
        return 'number';
      }
      case 'unary':
        this.requireNumber(e.operand, this.expr(e.operand));
        return 'number';
      case 'in':
        this.inExpr(e);
        return 'boolean';
      case 'match':
        this.match(e);
        return 'boolean';
      case 'call':
        return this.call(e);
      case 'error':
        return 'unknown';
    }
  }

  private requireNumber(e: Expr, t: ValueType): void {
    if (t === 'number' || SILENT.has(t)) return;
    this.report(CheckMessages.arithNonNumber, e.range, [this.src(e.range), this.typeName(e, t)]);
  }

  private compare(e: CompareExpr): void {
    const l = this.expr(e.left);
    const r = this.expr(e.right);
    if (isNull(e.left) || isNull(e.right)) return;
    if (this.readsField(e.left) && this.readsField(e.right)) {
      this.report(CheckMessages.fieldComparison, e.range, [this.src(e.range)]);
      return;
    }
    this.eqWildcard(e, l, r);
    if (!compatible(l, r)) {
      // Elasticsearch converts the literal for string-vs-number (`keyword_field == 123` runs in
      // its conformance suite); detection-rules' validator rejects it. Follow the schema's flavor.
      const lenient = this.schema.flavor === 'elasticsearch' && (l === 'string' || l === 'number') && (r === 'string' || r === 'number');
      const def = lenient ? CheckMessages.compareMismatchLenient : CheckMessages.compareMismatch;
      this.report(def, e.range, [this.src(e.left.range), this.typeName(e.left, l), this.src(e.right.range), this.typeName(e.right, r)]);
    }
  }

  /** `x == "a*"`: the author almost always meant a wildcard match. */
  private eqWildcard(e: CompareExpr, l: ValueType, r: ValueType): void {
    if (e.op !== '==' && e.op !== '!=') return;
    const lit = [e.left, e.right].find((x) => x.kind === 'literal' && x.type === 'string' && String(x.value).includes('*'));
    if (!lit) return;
    if (!(l === 'string' || r === 'string' || l === 'unknown' || r === 'unknown')) return;
    // `:` has the field on the left and the literal on the right; offer the fix only in that shape.
    const fix = e.op === '==' && lit === e.right ? { title: 'Use ":" (case-insensitive wildcard match)', edits: [{ range: e.opRange, text: ':' }] } : undefined;
    this.report(CheckMessages.eqWildcard, e.opRange, [e.op], fix);
  }

  private inExpr(e: InExpr): void {
    const t = this.expr(e.operand);
    const expected: ValueType = t;
    let firstLiteralType: ValueType | null = null;
    let ipListReported = false;
    e.values.forEach((v, i) => {
      const vt = this.expr(v);
      if (this.readsField(v)) {
        this.report(CheckMessages.fieldComparison, v.range, [this.src(e.range)]);
        return;
      }
      const want = SILENT.has(expected) ? firstLiteralType : expected;
      if (want && !compatible(want, vt)) {
        this.report(CheckMessages.inMismatch, v.range, [ordinal(i + 1), this.src(e.range), want, this.src(v.range), this.typeName(v, vt)]);
      } else if (want === 'ip' && vt === 'string' && !ipListReported) {
        ipListReported = true;
        this.report(CheckMessages.ipInList, e.range, [this.src(e.operand.range)]);
      }
      if (!SILENT.has(vt)) firstLiteralType ??= vt;
    });
  }

  private match(e: MatchExpr): void {
    const t = this.expr(e.operand);
    const opName = e.op === ':' ? ':' : `${e.op}${e.caseInsensitive ? '~' : ''}`;
    if (!SILENT.has(t) && t !== 'string') {
      const hint = t === 'number' ? '; use string(…) to match numbers as text' : t === 'ip' ? '; use cidrMatch for IP ranges' : '';
      this.report(CheckMessages.matchNonString, e.range, [opName, this.src(e.operand.range), this.typeName(e.operand, t), hint]);
    }
    for (const p of e.patterns) {
      if (p.type !== 'string' && p.type !== 'null') this.report(CheckMessages.matchPatternNotString, p.range, [opName, p.raw]);
    }
    if (e.op === 'regex') {
      for (const p of e.patterns) {
        if (typeof p.value !== 'string') continue;
        for (const problem of lintRegex(p.value, e.caseInsensitive)) {
          // A syntax error points at its character inside the literal, as Lucene's "at position N" does.
          const at = problem.offset === undefined ? undefined : p.range.start + valueOffsetToSource(p.raw, problem.offset);
          const range = at === undefined || at >= p.range.end ? p.range : { start: at, end: Math.min(at + 1, p.range.end) };
          this.report(problem.kind === 'invalid' ? CheckMessages.regexInvalid : CheckMessages.regexNeverMatches, range, [problem.message]);
        }
      }
    } else {
      this.leadingWildcard(e);
    }
  }

  /** Leading wildcards are costly on `keyword` fields (every term is scanned), cheap on `wildcard` ones. */
  private leadingWildcard(e: MatchExpr): void {
    if (e.operand.kind !== 'field') return;
    const info = this.fieldInfo.get(e.operand);
    if (info?.type !== 'keyword') return;
    const p = e.patterns.find((x) => typeof x.value === 'string' && /^[*?]/.test(x.value));
    if (p) this.report(CheckMessages.leadingWildcard, p.range, [String(p.value), info.name]);
  }

  private call(e: CallExpr): ValueType {
    const argTypes = e.args.map((a) => this.expr(a));
    const def = lookupFunction(e.name);
    if (!def) {
      this.unknownFunction(e);
      return 'unknown';
    }
    if (e.caseInsensitive && !def.caseAware) this.report(CheckMessages.tildeNotAllowed, e.nameRange, [def.name, caseAwareNames()]);
    const { min, max } = arityRange(def);
    if (e.args.length < min || e.args.length > max) {
      this.report(CheckMessages.functionArity, e.range, [def.name, arityText(min, max), `${e.args.length}`]);
    }
    e.args.forEach((arg, i) => {
      const p = paramAt(def, i);
      if (p) this.argument(e, def, arg, argTypes[i], p.kind, i);
    });
    return def.result;
  }

  private argument(call: CallExpr, def: FunctionDef, arg: Expr, t: ValueType, kind: ParamKind, i: number): void {
    if (kind === 'literal-integer') {
      if (arg.kind !== 'literal' || (arg.type !== 'integer' && arg.type !== 'long' && arg.type !== 'null')) {
        this.report(CheckMessages.functionArgLiteral, arg.range, [ordinal(i), def.name, 'integer']);
      }
      return;
    }
    if (kind === 'value' || SILENT.has(t)) return;
    const ok = t === kind || (kind === 'number' && t === 'number');
    if (!ok) {
      this.report(CheckMessages.functionArgs, arg.range, [capitalize(ordinal(i)), this.src(call.range), kind, this.src(arg.range), this.typeName(arg, t)]);
    }
  }

  private unknownFunction(e: CallExpr): void {
    const unsupported = UNSUPPORTED_FUNCTIONS.get(e.name.toLowerCase());
    if (unsupported) {
      this.report(CheckMessages.unsupportedFunction, e.nameRange, [unsupported]);
      return;
    }
    const close = findSimilar(
      e.name,
      FUNCTIONS.map((f) => f.name),
      1,
    );
    if (close.length === 0) {
      this.report(CheckMessages.unknownFunction, e.nameRange, [e.name]);
      return;
    }
    this.report(CheckMessages.unknownFunctionSuggest, e.nameRange, [e.name, close[0]], {
      title: `Change to ${close[0]}`,
      edits: [{ range: e.nameRange, text: close[0] }],
    });
  }

  /**
   * Whether an expression reads a field, for the field-against-field rule. An optional field
   * that no index maps is replaced by the null literal in Elasticsearch (`?a == ?b` is
   * `null == null`), so it does not count.
   */
  private readsField(e: Expr): boolean {
    if (e.kind === 'field') return !(e.optional && !this.schema.lookup(e.name) && !this.schema.isObjectPath(e.name));
    switch (e.kind) {
      case 'arith':
        return this.readsField(e.left) || this.readsField(e.right);
      case 'unary':
        return this.readsField(e.operand);
      case 'call':
        return e.args.some((a) => this.readsField(a));
      default:
        return false;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Fields

  private fieldType(ref: FieldRef): ValueType {
    const info = this.fieldInfo.get(ref);
    if (info) return info.family;
    return this.schema.isObjectPath(ref.name) ? 'object' : 'unknown';
  }

  private field(ref: FieldRef): ValueType {
    if (this.fieldInfo.has(ref)) return this.fieldType(ref);
    const info = this.schema.lookup(ref.name);
    this.fieldInfo.set(ref, info);
    if (!info) {
      if (this.schema.isObjectPath(ref.name)) {
        const sub = this.schema.fieldsWithPrefix(`${ref.name}.`)[0]?.name ?? `${ref.name}.…`;
        if (!ref.optional) this.report(CheckMessages.objectField, ref.range, [ref.name, sub]);
        return 'object';
      }
      if (!ref.optional) this.unknownField(ref);
      return 'unknown';
    }
    if (info.missingInStacks.length > 0 && !ref.optional) {
      const stack = info.missingInStacks[0];
      this.report(CheckMessages.fieldNotInStack, ref.range, [ref.name, ecsVersionOf(stack), info.missingInStacks.join(', ')], {
        title: `Make ${ref.name} optional`,
        edits: [{ range: { start: ref.range.start, end: ref.range.start }, text: '?' }],
      });
    }
    if (info.family === 'text') {
      const parent = ref.name.replace(/\.[^.]+$/, '');
      const keyword = parent !== ref.name ? this.schema.lookup(parent) : undefined;
      const useParent = keyword && keyword.family === 'string';
      this.report(
        CheckMessages.textField,
        ref.range,
        [ref.name, info.type, useParent ? `; use [${parent}]` : ''],
        useParent ? { title: `Use ${parent}`, edits: [{ range: this.nameRange(ref), text: quoteName(parent) }] } : undefined,
      );
    } else if (info.family === 'object') {
      const sub = this.schema.fieldsWithPrefix(`${ref.name}.`)[0]?.name ?? `${ref.name}.…`;
      this.report(CheckMessages.objectField, ref.range, [ref.name, sub]);
    }
    return info.family;
  }

  private unknownField(ref: FieldRef): void {
    const suggestions = this.schema.similar(ref.name, 3);
    const excuse = this.schema.unknownFieldExcuse(ref.name);
    const optionalFix = {
      title: `Make ${ref.name} optional (?${ref.name})`,
      edits: [{ range: { start: ref.range.start, end: ref.range.start }, text: '?' }] as TextEdit[],
    };
    const fix =
      suggestions.length === 1
        ? { title: `Change to ${suggestions[0]}`, edits: [{ range: this.nameRange(ref), text: quoteName(suggestions[0]) }] }
        : optionalFix;
    if (excuse) {
      const hint = suggestions.length ? `, or did you mean [${suggestions.join(', ')}]?` : '';
      this.report(CheckMessages.unknownFieldMaybe, ref.range, [ref.name, excuse, hint], fix);
    } else if (suggestions.length === 0) {
      this.report(CheckMessages.unknownField, ref.range, [ref.name], fix);
    } else if (suggestions.length === 1) {
      this.report(CheckMessages.unknownFieldSuggest, ref.range, [ref.name, suggestions[0]], fix);
    } else {
      this.report(CheckMessages.unknownFieldSuggestMany, ref.range, [ref.name, suggestions.join(', ')], fix);
    }
  }

  /** The range of the name itself, without a leading `?`. */
  private nameRange(ref: FieldRef): TextRange {
    const start = this.text.charCodeAt(ref.range.start) === 63 /* ? */ ? ref.range.start + 1 : ref.range.start;
    return { start, end: ref.range.end };
  }

  private typeName(e: Expr, t: ValueType): string {
    if (e.kind === 'field') return this.fieldInfo.get(e)?.type ?? t;
    if (e.kind === 'literal') return e.type === 'string' ? 'keyword' : e.type;
    return t;
  }
}

function isNull(e: Expr): boolean {
  return e.kind === 'literal' && e.type === 'null';
}

function arityText(min: number, max: number): string {
  const words = ['no', 'one', 'two', 'three', 'four', 'five'];
  const w = (x: number) => words[x] ?? String(x);
  const args = (x: number) => (x === 1 ? 'argument' : 'arguments');
  if (max === Infinity) return `at least ${w(min)} ${args(min)}`;
  if (min === max) return `exactly ${w(min)} ${args(min)}`;
  return `${w(min)} to ${w(max)} arguments`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A dotted name as it must be written: segments that are not plain identifiers get backquotes. */
export function quoteName(name: string): string {
  return name
    .split('.')
    .map((seg) => (isPlainIdentifier(seg) && !isKeyword(seg) ? seg : `\`${seg.replace(/`/g, '``')}\``))
    .join('.');
}
