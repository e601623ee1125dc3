/**
 * checkKql end to end: the parser's diagnostics, then (only without a syntax error) the schema
 * checks, for the rule's schema.
 */
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../eql/schema/index.ts';
import { checkKql } from './check.ts';

const codes = (text: string, options = {}) =>
  checkKql(text, options).map((d) => `${d.severity} ${d.code} ${d.range ? text.slice(d.range.start, d.range.end) : ''}`);

describe('checkKql', () => {
  it('is silent on a valid ECS query', () => {
    expect(codes('event.category:process and process.name:("cmd.exe" or powershell.exe) and not process.pid > 4')).toEqual([]);
  });

  it('gives the type errors the brief names: process.pid:abc, source.ip:"not an ip"', () => {
    expect(codes('process.pid:abc')).toEqual(['error kql/type-mismatch abc']);
    expect(codes('source.ip:"not an ip"')).toEqual(['error kql/type-mismatch "not an ip"']);
    expect(codes('source.ip:(10.0.0.0/8 or 192.168.1.1)')).toEqual([]);
  });

  it('reports only the syntax error when the query does not parse (one mistake, one diagnostic)', () => {
    const found = checkKql('process.nmae:x and (process.pid:abc');
    expect(found.every((d) => d.code.startsWith('kql/syntax'))).toBe(true);
    expect(found).toHaveLength(1);
  });

  it('checks fields in value lists and nested blocks', () => {
    expect(codes('process.pid:(1 or x)')).toEqual(['error kql/type-mismatch x']);
    expect(codes('dll.pe.sections:{ entropy > high }')).toEqual(['error kql/type-mismatch high']);
  });

  it('orders diagnostics by position', () => {
    expect(codes('process.name > a and process.nmae:x')).toEqual(['warning kql/range-on-string process.name > a', 'warning kql/unknown-field process.nmae']);
  });

  it('uses the rule context: a non-ECS field of a listed index pattern is known', () => {
    // winlogbeat-* brings the Beats fields (src/eql/schema: beats extension), as for EQL rules.
    expect(codes('winlog.event_id:4624')).toEqual(['warning kql/unknown-field winlog.event_id']);
    expect(codes('winlog.event_id:4624', { indexPatterns: ['winlogbeat-*'] })).toEqual([]);
    expect(codes('winlog.event_id:4624', { schema: getSchema({ indexPatterns: ['winlogbeat-*'] }) })).toEqual([]);
  });

  it('survives 10,000 nested parentheses with a diagnostic', () => {
    const text = `${'('.repeat(10_000)}a${')'.repeat(10_000)}`;
    expect(checkKql(text).length).toBeGreaterThan(0);
  });
});

describe('a field written once is reported once', () => {
  it('in a value list, whose field the parser copies to every value', () => {
    // kql-reference §1: `foo:(bar or baz)` → or([is(foo,bar), is(foo,baz)]).
    expect(codes('process.nmae:(a or b or c)')).toEqual(['warning kql/unknown-field process.nmae']);
    expect(codes('process.parent:(a or b)')).toEqual(['warning kql/object-field process.parent']);
    expect(codes('process.pid:(a or b)')).toEqual(['error kql/type-mismatch a', 'error kql/type-mismatch b']);
  });
});
