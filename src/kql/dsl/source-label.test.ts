/**
 * kqlSourceLabel: a DSL clause labelled with the KQL text it came from (kqlToDsl's ranges), so the
 * Why tree reads like the query. Clause shapes per ../shared/kql-reference/README.md "KQL → DSL".
 */
import { describe, expect, it } from 'vitest';
import { parseKql } from '../syntax/parser.ts';
import { kqlSourceLabel } from './source-label.ts';
import { kqlToDsl, type QueryDsl } from './to-dsl.ts';

function labelled(text: string) {
  const dsl = kqlToDsl(parseKql(text).node);
  return { dsl, label: kqlSourceLabel(text, dsl) };
}
const should = (q: QueryDsl) => (q.bool as { should: QueryDsl[] }).should;
const filter = (q: QueryDsl) => (q.bool as { filter: QueryDsl[] }).filter;

describe('kqlSourceLabel', () => {
  it('is the clause text, whitespace collapsed outside quotes', () => {
    const { dsl, label } = labelled('process.name :\n   "a  b"   and  host.name:x');
    expect(label(dsl.query)).toBe('process.name : "a  b" and host.name:x');
    expect(label(filter(dsl.query)[0])).toBe('process.name : "a  b"');
    // The field's own clause under the one-field should (match_phrase here) has the same text.
    expect(label(should(filter(dsl.query)[0])[0])).toBe('process.name : "a  b"');
  });

  it('names the field of a value written in a list', () => {
    const { dsl, label } = labelled('process.name:(sh or bash)');
    const [sh, bash] = should(dsl.query);
    expect(label(sh)).toBe('process.name: sh');
    expect(label(should(bash)[0])).toBe('process.name: bash');
    expect(label(dsl.query)).toBe('process.name:(sh or bash)');
  });

  it('leaves a clause with no text to the evaluator (empty query)', () => {
    const { dsl, label } = labelled('');
    expect(label(dsl.query)).toBeUndefined();
    expect(label({})).toBeUndefined();
  });
});
