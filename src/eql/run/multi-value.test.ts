/**
 * Multi-valued fields inside expressions, as Elasticsearch (7.15 and later) runs them. Sources:
 * - x-pack/plugin/eql/.../planner/QueryTranslator.java `toQuery`: a ScriptQuery built only from
 *   literals, fields and functions becomes `MultiValueAwareScriptQuery(Scripts
 *   .multiValueDocValuesRewrite(script))` (PR #74567, issue #55341 "Scripts should check all
 *   docvalues not just the first", docs #76663 removed the limitation in 7.15).
 * - x-pack/plugin/ql/.../gen/script/Scripts.java `multiValueDocValuesRewrite`: every docValue
 *   read becomes a variable Xi of nested loops; "Multiple .docValue(doc,params.%s) calls for the
 *   same field will use multiple .docValue calls, meaning a different value of the field will
 *   be used for each usage"; `InternalQlScriptUtils.not(` is moved outside the loops.
 * - x-pack/plugin/eql/.../parser/ExpressionBuilder.java: `a != b` is `Not(Equals(a, b))` and
 *   `x not in (…)` is `Not(In(…))`, so for scripts they mean "no value is equal".
 * - x-pack/plugin/eql/.../whitelist/InternalEqlScriptUtils.java `multiValueDocValues`: true as
 *   soon as one value's script is true; no values runs the script once with null.
 * - ExpressionTranslators.BinaryComparisons.checkBinaryComparison: the right side must be
 *   foldable ("Comparisons against fields are not (currently) supported"), so field == field
 *   and field + 1 == other are errors, while fields on one side (a - b > 0) are scripts.
 * - Lucene queries (term, range, wildcard, prefix) match any value; a negated one (`!=`,
 *   `not in`) is a NotQuery, true when no value matches.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../syntax/parser.ts';
import { compileQuery, evaluate, runQuery } from './evaluate.ts';
import { explainEvent } from './explain.ts';
import { MAX_COMBINATIONS, scriptValues } from './multi-value.ts';
import type { ExplainNode } from './types.ts';

const proc = (fields: object) => ({ event: { category: 'process' }, '@timestamp': 1, ...fields });
const matches = (query: string, event: object) => {
  const r = evaluate(`process where ${query}`, [event]);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.matches.length === 1;
};

describe('multi-valued fields inside scripts: any combination of values', () => {
  it.each([
    // arithmetic: 60 * 2 > 100 (the lowest value alone, 10, would not match)
    ['process.pid * 2 > 100', { process: { pid: [10, 60] } }, true],
    ['process.pid * 2 > 200', { process: { pid: [10, 60] } }, false],
    ['-process.pid < -50', { process: { pid: [10, 60] } }, true],
    ['process.pid % 7 == 4', { process: { pid: [10, 60] } }, true],
    // functions of a field
    ['length(file.name) > 10', { file: { name: ['a.txt', 'verylongname.exe'] } }, true],
    ['length(file.name) > 20', { file: { name: ['a.txt', 'verylongname.exe'] } }, false],
    ['substring(file.name, 0, 3) == "abc"', { file: { name: ['xyz1', 'abcd'] } }, true],
    ['string(process.pid) : "60"', { process: { pid: [10, 60] } }, true],
    ['length(file.name) in (4, 5)', { file: { name: ['ab', 'abcde'] } }, true],
    ['concat(file.name, "") like "ab*"', { file: { name: ['xy', 'abcde'] } }, true],
    ['concat(file.name, "") regex "ab.*"', { file: { name: ['xy', 'abcde'] } }, true],
    ['between(file.name, "a", "c") == "b"', { file: { name: ['xyz', 'abc'] } }, true],
    // a pushed-down function is a script when the field is not its first argument
    ['startsWith("explorer.exe", file.name)', { file: { name: ['x', 'explorer'] } }, true],
    ['startsWith("explorer.exe", file.name)', { file: { name: ['x', 'y'] } }, false],
    ['stringContains("cmd.exe /c whoami", process.args)', { process: { args: ['-enc', 'whoami'] } }, true],
    ['indexOf(file.name, "b") == 1', { file: { name: ['b', 'ab'] } }, true],
    // two multi-valued fields: every pair (5 - 3 > 0)
    ['process.pid - process.ppid > 0', { process: { pid: [1, 5], ppid: [3, 9] } }, true],
    ['process.pid - process.ppid > 4', { process: { pid: [1, 5], ppid: [3, 9] } }, false],
    ['concat(a, b) == "34"', { a: [1, 3], b: ['2', '4'] }, true],
    ['startsWith(a, b)', { a: ['xyz', 'abc'], b: ['q', 'ab'] }, true],
    // each occurrence of one field is its own variable: 2 - 1 > 0
    ['a - a > 0', { a: [1, 2] }, true],
    ['a - a > 0', { a: 2 }, false],
    // `!=` is not(==), and `not` stays outside the loops: true when no value is equal
    ['length(x) != 3', { x: ['abc', 'abcd'] }, false],
    ['length(x) != 3', { x: ['ab', 'abcd'] }, true],
    ['not length(x) == 3', { x: ['abc', 'abcd'] }, false],
    ['length(x) not in (3)', { x: ['abc', 'abcd'] }, false],
    // nulls inside arrays are not doc values; no value at all runs once with null (no match)
    ['length(x) == 2', { x: [null, 'ab'] }, true],
    ['length(x) > 0', { x: [] }, false],
    ['length(?y) > 0', {}, false],
    // nested arrays are flattened, as Lucene indexes them
    ['x * 1 == 4', { x: [[1, [4]], 2] }, true],
  ])('%s over %j → %s', (query, fields, expected) => {
    expect(matches(query, proc(fields))).toBe(expected);
  });

  it('queries Lucene runs directly keep their own semantics: any value, and a negation means none', () => {
    // RangeQuery / TermQuery over all values; `!=` is NotQuery(TermQuery).
    expect(matches('process.pid > 50', proc({ process: { pid: [10, 60] } }))).toBe(true);
    expect(matches('x != "abc"', proc({ x: ['abc', 'abcd'] }))).toBe(false);
    expect(matches('x != "abc"', proc({ x: ['abce', 'abcd'] }))).toBe(true);
    expect(matches('startsWith(x, "ab")', proc({ x: ['q', 'abcd'] }))).toBe(true);
  });

  it('single values give the same answers as before (the fast path)', () => {
    expect(matches('process.pid * 2 > 100', proc({ process: { pid: 60 } }))).toBe(true);
    expect(matches('process.pid * 2 > 100', proc({ process: { pid: [60] } }))).toBe(true);
    expect(matches('length(x) != 3', proc({ x: 'abc' }))).toBe(false);
    expect(matches('length(x) != 3', proc({ x: 'ab' }))).toBe(true);
  });

  it('rejects comparisons between fields, as Elasticsearch does, even through expressions', () => {
    for (const q of ['a == b', 'a + 1 == b', 'length(a) == length(b)']) {
      const r = evaluate(`process where ${q}`, [proc({ a: 1, b: 1 })]);
      expect(r.diagnostics.map((d) => d.code)).toContain('eql/field-comparison');
    }
  });

  it('a field held both nested and dotted is two values, in Lucene queries and in scripts', () => {
    const e = proc({ a: { b: 1 }, 'a.b': 2 });
    expect(matches('a.b == 2', e)).toBe(true);
    expect(matches('a.b == 1', e)).toBe(true);
    expect(matches('a.b * 10 == 20', e)).toBe(true);
    expect(matches('a.b * 10 == 30', e)).toBe(false);
  });

  it('an arithmetic error in a combination tried before a true one fails the query, as in Elasticsearch', () => {
    // Values are tried in doc-values order (0 first): 10 / 0 throws before 10 / 5 is tried.
    const r = evaluate('process where 10 / x == 2', [proc({ x: [5, 0] })]);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('eql/runtime-error');
  });

  it(`tries at most ${MAX_COMBINATIONS.toLocaleString('en')} combinations per condition and event, and says so`, () => {
    const many = Array.from({ length: 50 }, (_, i) => i);
    // 50³ = 125,000 combinations, none true: a warning, no match.
    const r = evaluate('process where a + b + c < 0', [proc({ a: many, b: many, c: many })]);
    expect(r.matches).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['eql/multi-value-budget']);
    // Within the bound: no warning.
    const ok = evaluate('process where a + b < 0', [proc({ a: many, b: many })]);
    expect(ok.diagnostics).toEqual([]);
  });

  it('script values are doc values: flattened, without nulls, sorted, distinct', () => {
    expect(scriptValues([3, null, [1, 3], 2])).toEqual([1, 2, 3]);
    expect(scriptValues(['b', 'a', 'b'])).toEqual(['a', 'b']);
    expect(scriptValues([])).toEqual([null]);
    expect(scriptValues(undefined)).toEqual([null]);
    expect(scriptValues(7)).toEqual([7]);
  });
});

describe('Why names the value that made a condition true', () => {
  const leaves = (n: ExplainNode): ExplainNode[] => (n.kind === 'leaf' ? [n] : n.children.flatMap(leaves));
  const explain = (query: string, event: object) => leaves(explainEvent(compileQuery(parseQuery(query).ast), event));

  it('for scripts: the values of the first combination Elasticsearch accepts', () => {
    const [leaf] = explain('process where process.pid - process.ppid > 0', proc({ process: { pid: [1, 5], ppid: [3, 9] } }));
    expect(leaf.truth).toBe(true);
    expect(leaf.values).toEqual([
      { field: 'process.pid', value: [1, 5], missing: false, matched: [5] },
      { field: 'process.ppid', value: [3, 9], missing: false, matched: [3] },
    ]);
  });

  it('for one field used twice: one value per occurrence', () => {
    const [leaf] = explain('process where a - a > 0', proc({ a: [1, 2] }));
    expect(leaf.values).toEqual([{ field: 'a', value: [1, 2], missing: false, matched: [2, 1] }]);
  });

  it('for Lucene queries on a multi-valued field: the value that matched', () => {
    const [leaf] = explain('process where process.args : "*enc*"', proc({ process: { args: ['cmd', '-EncodedCommand', 'x'] } }));
    expect(leaf.values[0].matched).toEqual(['-EncodedCommand']);
  });

  it('nothing when the condition is false, the field single-valued, or the truth is "no value matches"', () => {
    expect(explain('process where length(x) > 9', proc({ x: ['a', 'b'] }))[0].values[0].matched).toBeUndefined();
    expect(explain('process where length(x) > 0', proc({ x: 'a' }))[0].values[0].matched).toBeUndefined();
    expect(explain('process where x != "c"', proc({ x: ['a', 'b'] }))[0].values[0].matched).toBeUndefined();
  });

  it('agrees with the evaluator', () => {
    const q = 'process where length(file.name) > 10 or process.pid * 2 > 100';
    const compiled = compileQuery(parseQuery(q).ast);
    for (const e of [proc({ file: { name: ['a', 'verylongname.exe'] } }), proc({ process: { pid: [1, 60] } }), proc({ process: { pid: [1, 2] } })]) {
      expect(explainEvent(compiled, e).truth === true).toBe(runQuery(compiled, [e]).matches.length === 1);
    }
  });
});
