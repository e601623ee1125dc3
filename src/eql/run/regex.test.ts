import { describe, expect, it } from 'vitest';
import { compileRegex } from './regex.ts';

// The whole language is tested in src/eql/regex/regex.test.ts; this is the evaluator's wrapper.
const m = (pattern: string, s: string, ci = false) => compileRegex(pattern, ci).matcher!(s);

describe('Lucene regex (evaluator)', () => {
  it('is anchored at both ends', () => {
    expect(m('abc', 'abc')).toBe(true);
    expect(m('abc', 'xabc')).toBe(false);
    expect(m('.*abc.*', 'xabcx')).toBe(true);
  });

  it('supports classes, repetition, alternation, groups and escapes', () => {
    expect(m('[a-c]+[^0-9]{2,3}', 'abcxy')).toBe(true);
    expect(m('[a-c]+[^0-9]{2,3}', 'abc1y')).toBe(false);
    expect(m('(foo|bar)?baz', 'baz')).toBe(true);
    expect(m('a\\.b', 'a.b')).toBe(true);
    expect(m('C:\\\\Windows\\\\.*', 'C:\\Windows\\x')).toBe(true);
  });

  it('has Lucene 9 predefined classes \\d \\s \\w (Lucene RegExp.expandPredefined, Elasticsearch 8.0+)', () => {
    expect(m('\\d', 'd')).toBe(false);
    expect(m('\\d', '1')).toBe(true);
    expect(m('a\\sb', 'a b')).toBe(true);
  });

  it('regex~ folds single characters, not ranges (Lucene REGEXP_CHAR vs REGEXP_CHAR_RANGE)', () => {
    expect(m('ab[c-d]', 'ABd', true)).toBe(true);
    expect(m('ab[c-d]', 'ABD', true)).toBe(false);
    expect(m('ab[cd]', 'ABD', true)).toBe(true);
    expect(m('ab[c-d]', 'ABd')).toBe(false);
  });

  it('supports complement and intersection (RegexpFlag.ALL)', () => {
    expect(m('~(.*\\.tmp)', 'a.exe')).toBe(true);
    expect(m('~(.*\\.tmp)', 'a.tmp')).toBe(false);
    expect(m('.*cmd.*&.*exe', 'cmd.exe')).toBe(true);
  });

  it('stays linear on patterns that make backtracking engines explode', () => {
    const t0 = performance.now();
    expect(m('(a*)*b', 'a'.repeat(5000))).toBe(false);
    expect(m('(a|aa)*c', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('reports syntax errors and patterns too complex to determinize as values', () => {
    expect(compileRegex('(a', false).error?.code).toBe('eql/regex-syntax');
    expect(compileRegex('\\n', false).error?.code).toBe('eql/regex-syntax');
    expect(compileRegex('(a{1000}){1000}', false).error?.code).toBe('eql/regex-budget');
    expect(compileRegex('.*a.{20}', false).error?.message).toMatch(/too complex/);
  });
});
