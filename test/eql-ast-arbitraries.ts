/**
 * fast-check arbitraries for valid EQL ASTs, in the exact form the parser produces (flat and/or
 * chains, literals with their `raw` spelling), for print/parse round-trip properties. Test-only.
 */
import fc from 'fast-check';
import type { Expr, FieldRef, Literal, Pipe, Query, Stage, Statement, TimeUnit } from '../src/eql/syntax/ast.ts';
import { quoteString } from '../src/eql/syntax/printer.ts';
import { isKeyword } from '../src/eql/syntax/scanner.ts';
import { TIME_UNIT_MILLIS } from '../src/eql/syntax/time-units.ts';

const R = { start: 0, end: 0 };

const plainName = fc.stringMatching(/^[a-zA-Z_@][a-zA-Z0-9_]{0,6}$/).filter((s) => !isKeyword(s));
const oddName = fc.string({ unit: 'binary', minLength: 1, maxLength: 5 }).filter((s) => !/[\r\n]/.test(s));
const segment = fc.oneof({ weight: 4, arbitrary: plainName }, { weight: 1, arbitrary: oddName });

const field: fc.Arbitrary<FieldRef> = fc
  .record({ path: fc.array(segment, { minLength: 1, maxLength: 3 }), optional: fc.boolean() })
  .map(({ path, optional }) => ({ kind: 'field', path, name: path.join('.'), optional, range: R }));

function lit(value: Literal['value'], type: Literal['type'], raw: string): Literal {
  return { kind: 'literal', value, type, raw, range: R };
}

const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }).map((v) => lit(v, 'string', quoteString(v))),
  fc
    .string({ unit: 'binary-ascii', maxLength: 8 })
    .filter((v) => !/["\r\n]/.test(v))
    .map((v) => lit(v, 'string', `"""${v}"""`)),
  fc.integer({ min: 0, max: 2147483647 }).map((n) => lit(n, 'integer', String(n))),
  fc.integer({ min: 2147483648, max: Number.MAX_SAFE_INTEGER }).map((n) => lit(n, 'long', String(n))),
  fc.tuple(fc.nat(9999), fc.nat(99)).map(([a, b]) => lit(Number(`${a}.${b}`), 'double', `${a}.${b}`)),
  fc.boolean().map((b) => lit(b, 'boolean', String(b))),
  fc.constant(lit(null, 'null', 'null')),
);

/** The parser merges `(a and b) and c` into one chain; generated trees must be in that form. */
function logical(op: 'and' | 'or', parts: Expr[]): Expr {
  const operands = parts.flatMap((p) => (p.kind === 'logical' && p.op === op ? p.operands : [p]));
  return { kind: 'logical', op, operands, range: R };
}

export const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', maxDepth: 5 },
      literal,
      field,
      fc
        .record({ op: fc.constantFrom('and' as const, 'or' as const), parts: fc.array(sub, { minLength: 2, maxLength: 4 }) })
        .map(({ op, parts }) => logical(op, parts)),
      sub.map((operand): Expr => ({ kind: 'not', operand, range: R })),
      fc
        .tuple(fc.constantFrom('==' as const, '!=' as const, '<' as const, '<=' as const, '>' as const, '>=' as const), sub, sub)
        .map(([op, left, right]): Expr => ({ kind: 'compare', op, opRange: R, left, right, range: R })),
      fc
        .tuple(fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const, '%' as const), sub, sub)
        .map(([op, left, right]): Expr => ({ kind: 'arith', op, left, right, range: R })),
      fc.tuple(fc.constantFrom('-' as const, '+' as const), sub).map(([op, operand]): Expr => ({ kind: 'unary', op, operand, range: R })),
      fc
        .tuple(sub, fc.array(sub, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean())
        .map(([operand, values, negated, caseInsensitive]): Expr => ({ kind: 'in', operand, values, negated, caseInsensitive, range: R })),
      fc
        .tuple(
          sub,
          fc.constantFrom(':' as const, 'like' as const, 'regex' as const),
          fc.boolean(),
          fc.boolean(),
          fc.array(literal, { minLength: 1, maxLength: 3 }),
        )
        .map(
          ([operand, op, ci, list, patterns]): Expr => ({
            kind: 'match',
            op,
            caseInsensitive: op !== ':' && ci,
            opRange: R,
            operand,
            patterns: list ? patterns : patterns.slice(0, 1),
            list,
            range: R,
          }),
        ),
      fc
        .tuple(plainName, fc.boolean(), fc.array(sub, { maxLength: 3 }))
        .map(([name, caseInsensitive, args]): Expr => ({ kind: 'call', name, nameRange: R, caseInsensitive, args, range: R })),
    ),
  };
});

const category = fc.oneof(fc.constant(null), plainName, fc.string({ unit: 'binary', maxLength: 6 }));

const stage = (missing: boolean) =>
  fc.record({ category, condition: expr, by: fc.array(field, { maxLength: 2 }), runs: fc.integer({ min: 1, max: 100 }) }).map(
    ({ category, condition, by, runs }): Stage => ({
      kind: 'stage',
      filter: { kind: 'filter', category, categoryRange: R, condition, range: R },
      missing,
      by,
      runs,
      range: R,
    }),
  );

const timeUnit = fc.constantFrom<TimeUnit>('ms', 's', 'm', 'h', 'd');

const sequence: fc.Arbitrary<Query> = fc
  .record({
    by: fc.array(field, { maxLength: 2 }),
    maxspan: fc.option(fc.tuple(fc.integer({ min: 1, max: 1000 }), timeUnit)),
    stages: fc.array(fc.tuple(stage(false), fc.boolean()), { minLength: 2, maxLength: 4 }),
    until: fc.option(stage(false)),
  })
  .map(({ by, maxspan, stages, until }) => ({
    kind: 'sequence' as const,
    by,
    maxspan:
      maxspan === null ? null : { kind: 'maxspan' as const, value: maxspan[0], unit: maxspan[1], millis: maxspan[0] * TIME_UNIT_MILLIS[maxspan[1]], range: R },
    // Missing-event stages need a maxspan and at least one positive stage (stage 0 stays positive).
    stages: stages.map(([s, missing], i) => ({ ...s, missing: maxspan !== null && i > 0 && missing })),
    until,
    range: R,
  }));

const sample: fc.Arbitrary<Query> = fc
  .record({
    by: fc.array(field, { maxLength: 2 }),
    stages: fc.array(
      stage(false).map((s) => ({ ...s, runs: 1 })),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ by, stages }) => ({ kind: 'sample' as const, by, stages, range: R }));

const event: fc.Arbitrary<Query> = fc.record({ category, condition: expr }).map(({ category, condition }) => ({
  kind: 'event' as const,
  filter: { kind: 'filter' as const, category, categoryRange: R, condition, range: R },
  range: R,
}));

const pipe: fc.Arbitrary<Pipe> = fc
  .tuple(fc.constantFrom('head', 'tail'), fc.integer({ min: 0, max: 1000 }))
  .map(([name, n]) => ({ kind: 'pipe', name, nameRange: R, args: [lit(n, 'integer', String(n))], range: R }));

export const statement: fc.Arbitrary<Statement> = fc
  .oneof(event, sequence, sample)
  .chain((query) =>
    (query.kind === 'sample' ? fc.constant<Pipe[]>([]) : fc.array(pipe, { maxLength: 2 })).map(
      (pipes): Statement => ({ kind: 'statement', query, pipes, range: R }),
    ),
  );
