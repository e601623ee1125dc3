/**
 * The schema checks on hand-built trees (one clause each): unknown fields, ranges on strings,
 * values of the wrong type, nested paths, the leading-wildcard lint. Expectations about what
 * Elasticsearch accepts cite ../shared/kql-reference/README.md (§2 DSL, §3 per-type semantics).
 */
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../eql/schema/index.ts';
import type { KqlNode } from '../syntax/ast.ts';
import { analyzeKql } from './analyze.ts';
import { andOf, isAt, nestedOf, rangeOf } from '../../../test/kql-service-ast.ts';

const schema = getSchema({});

function check(text: string, node: KqlNode) {
  return analyzeKql(text, node, schema).map((d) => ({ code: d.code, severity: d.severity, at: d.range && text.slice(d.range.start, d.range.end) }));
}
const is = (text: string) => check(text, isAt(text));
const range = (text: string) => check(text, rangeOf(text));

describe('fields', () => {
  it('accepts ECS fields, text fields included (KQL searches them with match)', () => {
    expect(is('process.name:cmd.exe')).toEqual([]);
    expect(is('message:error')).toEqual([]);
    expect(is('"process.name":cmd.exe')).toEqual([]);
  });

  it('warns on an unknown field, with did-you-mean and a fix when there is one candidate', () => {
    const text = 'process.nmae:cmd.exe';
    const [d] = analyzeKql(text, isAt(text), schema);
    expect(d).toMatchObject({ code: 'kql/unknown-field', severity: 'warning', range: { start: 0, end: 12 } });
    expect(d.message).toContain('did you mean [process.name]');
    expect(d.fix?.edits).toEqual([{ range: { start: 0, end: 12 }, text: 'process.name' }]);
  });

  it('warns on an unknown field without candidates, with no fix', () => {
    const [d] = analyzeKql('zzzqqq:1', isAt('zzzqqq:1'), schema);
    expect(d.code).toBe('kql/unknown-field');
    expect(d.fix).toBeUndefined();
  });

  it('expands wildcard field names and warns only when they match nothing', () => {
    // `file.hash.*:*` runs in production rules (threat intel); Kibana expands the pattern (kql-reference §1).
    expect(is('file.hash.*:*')).toEqual([]);
    expect(is('*:foo')).toEqual([]);
    expect(is('proc*.nam*:x')).toEqual([]);
    expect(is('nosuch.*:x')).toEqual([{ code: 'kql/unknown-field', severity: 'warning', at: 'nosuch.*' }]);
  });

  it('an object path is fine for exists, but a value on it never matches', () => {
    // exists on an object is true when any sub-field has a value (kql-reference §3 exists).
    expect(is('process.parent:*')).toEqual([]);
    expect(is('process.parent:x')).toEqual([{ code: 'kql/object-field', severity: 'warning', at: 'process.parent' }]);
  });

  it('checks every clause of an and, in source order', () => {
    expect(check('process.nmae:a and process.pid:x', andOf('process.nmae:a and process.pid:x')).map((d) => d.code)).toEqual([
      'kql/unknown-field',
      'kql/type-mismatch',
    ]);
  });

  it('warns on a field a listed stack version lacks', () => {
    const old = getSchema({ stackVersion: '8.3.0' });
    const text = 'cloud.entity.attributes.managed:true';
    expect(analyzeKql(text, isAt(text), old).map((d) => d.code)).toEqual(['kql/field-not-in-stack']);
  });
});

describe('nested queries', () => {
  it('resolves field names relative to the nested path', () => {
    // kql-reference §1: `path:{ subquery }`, inner names are relative to the path.
    expect(check('dll.pe.sections:{ name:.text }', nestedOf('dll.pe.sections:{ name:.text }'))).toEqual([]);
    expect(check('dll.pe.sections:{ entropy:abc }', nestedOf('dll.pe.sections:{ entropy:abc }'))).toEqual([
      { code: 'kql/type-mismatch', severity: 'error', at: 'abc' },
    ]);
  });

  it('suggests the relative name inside a nested block', () => {
    const text = 'dll.pe.sections:{ nmae:x }';
    const [d] = analyzeKql(text, nestedOf(text), schema);
    expect(d.message).toContain('dll.pe.sections.name');
    expect(d.fix?.edits[0].text).toBe('name');
  });

  it('warns when the path is not a nested field (Elasticsearch rejects the nested query)', () => {
    expect(check('process.parent:{ name:x }', nestedOf('process.parent:{ name:x }'))).toEqual([
      { code: 'kql/not-nested', severity: 'warning', at: 'process.parent' },
    ]);
  });
});

describe('ranges', () => {
  it('warns on a range over a keyword or text field (lexicographic)', () => {
    // kql-reference §3 range: keyword/text compare terms in byte order.
    expect(range('process.name > a')).toEqual([{ code: 'kql/range-on-string', severity: 'warning', at: 'process.name > a' }]);
    expect(range('message <= z')).toEqual([{ code: 'kql/range-on-string', severity: 'warning', at: 'message <= z' }]);
  });

  it('accepts numbers, dates with date math and addresses', () => {
    expect(range('process.pid > 4')).toEqual([]);
    expect(range('@timestamp >= now-1d/d')).toEqual([]);
    expect(range('@timestamp < "2024-01-01T00:00:00Z"')).toEqual([]);
    expect(range('source.ip >= 10.0.0.0')).toEqual([]);
  });

  it('rejects bounds of the wrong type; a range bound is one address, not a CIDR block', () => {
    expect(range('process.pid > abc')).toEqual([{ code: 'kql/type-mismatch', severity: 'error', at: 'abc' }]);
    expect(range('@timestamp > yesterday')).toEqual([{ code: 'kql/type-mismatch', severity: 'error', at: 'yesterday' }]);
    expect(range('source.ip > 10.0.0.0/8')).toEqual([{ code: 'kql/type-mismatch', severity: 'error', at: '10.0.0.0/8' }]);
  });
});

describe('values of the wrong type', () => {
  // kql-reference §3 term/match: numeric/date/boolean/ip fields parse the value; an unparseable value is an error.
  it.each([
    ['process.pid:abc', 'abc'],
    ['source.ip:"not an ip"', '"not an ip"'],
    ['@timestamp:yesterday', 'yesterday'],
    ['process.code_signature.trusted:yes', 'yes'],
    ['process.pid:true', 'true'],
  ])('%s is a type mismatch', (text, at) => expect(is(text)).toEqual([{ code: 'kql/type-mismatch', severity: 'error', at }]));

  it.each(['process.pid:4', 'process.pid:"4"', 'source.ip:10.0.0.0/8', 'source.ip:"::1"', '@timestamp:2024-01-01', 'process.code_signature.trusted:true'])(
    '%s is accepted',
    (text) => expect(is(text)).toEqual([]),
  );

  it('rejects wildcards on numeric and ip fields (query_string refuses them there), but not exists', () => {
    expect(is('process.pid:12*')).toEqual([{ code: 'kql/type-mismatch', severity: 'error', at: '12*' }]);
    expect(is('source.ip:10.*')).toEqual([{ code: 'kql/type-mismatch', severity: 'error', at: '10.*' }]);
    expect(is('process.pid:*')).toEqual([]);
  });

  it('leaves keyword, wildcard-typed and unknown fields alone', () => {
    expect(is('process.name:123')).toEqual([]);
    expect(is('process.command_line:*whoami*')).toEqual([]);
  });
});

describe('lint/leading-wildcard', () => {
  it('is an info on keyword fields only', () => {
    expect(is('process.name:*cmd.exe')).toEqual([{ code: 'lint/leading-wildcard', severity: 'info', at: '*cmd.exe' }]);
    expect(is('process.name:cmd*')).toEqual([]);
    expect(is('process.command_line:*cmd*')).toEqual([]);
  });
});

describe('depth', () => {
  it('walks 10,000 nested nots without growing the stack', () => {
    const text = 'process.pid:abc';
    let node: KqlNode = isAt(text);
    for (let i = 0; i < 10_000; i++) node = { type: 'not', arg: node, range: { start: 0, end: text.length } };
    expect(analyzeKql(text, node, schema).map((d) => d.code)).toEqual(['kql/type-mismatch']);
  });
});

describe('one mistake, one diagnostic', () => {
  it('an unknown nested path is reported once, not again for each field inside it', () => {
    const text = 'nosuchpath:{ x:1 }';
    expect(check(text, nestedOf(text))).toEqual([{ code: 'kql/unknown-field', severity: 'warning', at: 'nosuchpath' }]);
  });
});
