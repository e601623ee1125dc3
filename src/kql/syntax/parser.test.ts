/**
 * Parser behaviour beyond the Kibana facts (those run in parse-facts.test.ts): ranges, error
 * recovery and its messages. Grammar rules: Kibana grammar.peggy, as summarised in
 * ../shared/kql-reference/README.md "Syntax".
 */
import { describe, expect, it } from 'vitest';
import type { KqlNode } from './ast.ts';
import { MAX_KQL_DEPTH, parseKql } from './parser.ts';

const errors = (text: string) => parseKql(text).diagnostics.filter((d) => d.severity === 'error');
const slice = (text: string, node: { range: { start: number; end: number } }) => text.slice(node.range.start, node.range.end);

describe('parseKql', () => {
  it('gives match_all for an empty or blank query', () => {
    expect(parseKql('').node.type).toBe('match_all');
    expect(parseKql(' \u00a0\n').node.type).toBe('match_all');
  });

  it('gives every node the range of its text', () => {
    const text = ' foo:(a or b) and not bar > 3 ';
    const node = parseKql(text).node as Extract<KqlNode, { type: 'and' }>;
    expect(slice(text, node)).toBe('foo:(a or b) and not bar > 3');
    expect(slice(text, node.args[0])).toBe('foo:(a or b)');
    expect(slice(text, node.args[1])).toBe('not bar > 3');
    const or = node.args[0] as Extract<KqlNode, { type: 'or' }>;
    expect(or.args.map((a) => slice(text, a))).toEqual(['a', 'b']);
  });

  it('keeps whitespace inside an unquoted value and trims its ends', () => {
    const node = parseKql('msg:  a  b  ').node as Extract<KqlNode, { type: 'is' }>;
    expect(node.value).toMatchObject({ kind: 'literal', value: 'a  b' });
  });

  it('reads escapes and \\uXXXX in unquoted values', () => {
    const node = parseKql('p:C\\:\\\\Windows\\u0041').node as Extract<KqlNode, { type: 'is' }>;
    expect(node.value).toMatchObject({ kind: 'literal', value: 'C:\\WindowsA' });
  });

  it('builds wildcard parts from unescaped stars only', () => {
    const node = parseKql('f:a*b\\*c*').node as Extract<KqlNode, { type: 'is' }>;
    expect(node.value).toMatchObject({ kind: 'wildcard', parts: ['a', 'b*c', ''] });
  });

  it('reports an unclosed parenthesis once, at the parenthesis', () => {
    expect(errors('(a or b').map((d) => [d.range, d.message])).toEqual([
      [{ start: 0, end: 1 }, 'This [(] is not closed: expected [)] before the end of the query.'],
    ]);
  });

  it('reports a stray closing parenthesis', () => {
    expect(errors('a) or b').map((d) => d.range)).toEqual([{ start: 1, end: 2 }]);
  });

  it('reports a dangling and (with whitespace after it) at the operator', () => {
    const d = errors('a and ');
    expect(d).toHaveLength(1);
    expect(d[0].range).toEqual({ start: 2, end: 5 });
    expect(d[0].message).toContain('after [and]');
  });

  it('warns when a value ends with an operator word (Kibana reads it as part of the value)', () => {
    const r = parseKql('foo:bar and');
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.range])).toEqual([['warning', 'kql/dangling-operator', { start: 8, end: 11 }]]);
  });

  it('reports a colon without a value', () => {
    expect(errors('a:').map((d) => d.message)).toEqual(['Expected a value after [:] but found the end of the query.']);
  });

  it('reports a range operator without a value', () => {
    expect(errors('a >= )')).toHaveLength(1);
  });

  it('reports an unterminated string once', () => {
    expect(errors('(x:"abc').map((d) => d.message)).toEqual(['Unterminated string: add the closing ["].']);
  });

  it('reports leading garbage once and parses what follows', () => {
    const r = parseKql(': a:b');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.node.type).toBe('is');
  });

  it('explains a not inside a value', () => {
    expect(errors('msg:cannot be')[0].message).toContain('[not] followed by a space');
  });

  it('gives one error per independent mistake', () => {
    expect(errors('(a "b") or c:').map((d) => d.range)).toEqual([
      { start: 3, end: 6 },
      { start: 12, end: 13 },
    ]);
  });

  it('turns 10,000 nested parentheses into a diagnostic, not a stack overflow', () => {
    const text = `${'('.repeat(10_000)}a${')'.repeat(10_000)}`;
    const d = errors(text);
    expect(d.map((x) => x.code)).toEqual(['kql/syntax-too-deep']);
    expect(d[0].message).toContain(String(MAX_KQL_DEPTH));
    expect(errors(`${'('.repeat(100)}a${')'.repeat(100)}`)).toEqual([]);
  });
});

describe('parseKql messages inside value lists', () => {
  it('asks for a value (not a field) after an operator in a list', () => {
    expect(errors('f:(a or )')[0].message).toBe('Expected a value, [(] or [not] after [or] but found [)].');
  });

  it('explains that not cannot follow the colon directly (Kibana grammar: ListOfValues has no not)', () => {
    expect(errors('f: not a')[0].message).toBe('[not] cannot come right after [:]; write [not f:…] or [f:(not …)].');
  });
});

describe('parseKql on hostile depth', () => {
  it('caps a long run of not (which Kibana rejects anyway) instead of building a tree too deep to walk', () => {
    const d = errors(`${'not '.repeat(100_000)}a`);
    expect(d.map((x) => x.code)).toEqual(['kql/syntax', 'kql/syntax-too-deep']);
  });

  it('caps nested value lists and nested blocks', () => {
    expect(errors(`f:${'('.repeat(10_000)}a${')'.repeat(10_000)}`).map((x) => x.code)).toEqual(['kql/syntax-too-deep']);
    expect(errors(`${'a:{'.repeat(10_000)}b:c${'}'.repeat(10_000)}`).map((x) => x.code)).toEqual(['kql/syntax-too-deep']);
  });
});
