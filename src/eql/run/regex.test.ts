import { describe, expect, it } from 'vitest';
import { compileRegex } from './regex.ts';

const m = (pattern: string, s: string, ci = false) => compileRegex(pattern, ci).matcher!(s);

describe('Lucene regex', () => {
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
    expect(m('a\\.b', 'axb')).toBe(false);
    expect(m('C:\\\\Windows\\\\.*', 'C:\\Windows\\x')).toBe(true);
  });

  it('supports Lucene-specific "…" strings, @, # and <n-m> intervals', () => {
    expect(m('"a.b"c', 'a.bc')).toBe(true);
    expect(m('x@', 'xanything')).toBe(true);
    expect(m('#|a', 'a')).toBe(true);
    expect(m('port<1-100>', 'port42')).toBe(true);
    expect(m('port<1-100>', 'port420')).toBe(false);
  });

  it('has no \\d \\s \\w classes: they are escaped letters', () => {
    expect(m('\\d', 'd')).toBe(true);
    expect(m('\\d', '1')).toBe(false);
  });

  it('regex~ is case-insensitive, classes included', () => {
    expect(m('ab[c-d]', 'ABD', true)).toBe(true);
    expect(m('ab[c-d]', 'ABD')).toBe(false);
  });

  it('stays linear on patterns that make backtracking engines explode', () => {
    const t0 = performance.now();
    expect(m('(a*)*b', 'a'.repeat(5000))).toBe(false);
    expect(m('(a|aa)*c', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('reports a step-budget overrun as null instead of hanging', () => {
    const r = compileRegex('(a|b|c|d)*x.{0,50}y', false, 1000);
    expect(r.matcher!('abcd'.repeat(2000))).toBeNull();
  });

  it('reports syntax errors, unsupported operators and oversized patterns as values', () => {
    expect(compileRegex('(a', false).error?.code).toBe('eql/regex-syntax');
    expect(compileRegex('~a', false).error?.code).toBe('eql/regex-unsupported');
    expect(compileRegex('a&b', false).error?.code).toBe('eql/regex-unsupported');
    expect(compileRegex('(a{1000}){1000}', false).error?.code).toBe('eql/regex-budget');
  });
});
