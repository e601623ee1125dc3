/**
 * kqlToDsl beyond the Kibana facts (to-dsl-facts.test.ts): rangeOf, nested errors as values,
 * value lists, free text. Expected DSL per ../shared/kql-reference/README.md "KQL → DSL".
 */
import { describe, expect, it } from 'vitest';
import { stubDataView } from '../../../test/kql-stub-data-view.ts';
import { parseKql } from '../syntax/parser.ts';
import { kqlToDsl, type QueryDsl } from './to-dsl.ts';

const dsl = (text: string) => kqlToDsl(parseKql(text).node, { dataView: stubDataView });

describe('kqlToDsl', () => {
  it('maps every clause back to the text it came from', () => {
    const text = 'extension:jpg and not machine.os.keyword:(win or osx)';
    const { query, rangeOf } = dsl(text);
    const slice = (clause: object) => {
      const r = rangeOf(clause);
      return r && text.slice(r.start, r.end);
    };
    const filter = (query.bool as { filter: QueryDsl[] }).filter;
    expect(slice(query)).toBe(text);
    expect(slice(filter[0])).toBe('extension:jpg');
    const should = (filter[0].bool as { should: QueryDsl[] }).should;
    expect(slice(should[0])).toBe('extension:jpg');
    const notClause = filter[1];
    expect(slice(notClause)).toBe('not machine.os.keyword:(win or osx)');
    const or = notClause.bool as { must_not: QueryDsl };
    expect(slice(or.must_not)).toBe('machine.os.keyword:(win or osx)');
    const values = (or.must_not.bool as { should: QueryDsl[] }).should;
    expect(values.map(slice)).toEqual(['win', 'osx']);
    expect(values[0]).toEqual({ bool: { should: [{ term: { 'machine.os.keyword': { value: 'win' } } }], minimum_should_match: 1 } });
  });

  it('uses multi_match for free text and phrase for quoted free text', () => {
    expect(dsl('"a b"').query).toEqual({ multi_match: { type: 'phrase', query: 'a b', lenient: true } });
    expect(dsl('a b').query).toEqual({ multi_match: { type: 'best_fields', query: 'a b', lenient: true } });
  });

  it('escapes query_string reserved characters around wildcards', () => {
    expect(dsl('extension:a-b/c*').query).toEqual({
      bool: { should: [{ query_string: { fields: ['extension'], query: 'a\\-b\\/c*' } }], minimum_should_match: 1 },
    });
  });

  it('reports a nested field queried outside its nested group (Kibana throws) and still builds the query', () => {
    const result = dsl('nestedField.child:foo');
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['kql/nested-field', 'nestedField.child is a nested field, but is not in a nested group in the KQL expression.'],
    ]);
    expect(result.query).toEqual({ bool: { should: [{ match: { 'nestedField.child': 'foo' } }], minimum_should_match: 1 } });
  });

  it('turns an error node into a clause that matches nothing', () => {
    expect(dsl('a and ').query).toEqual({
      bool: {
        filter: [{ multi_match: { type: 'best_fields', query: 'a', lenient: true } }, { bool: { must_not: { match_all: {} } } }],
      },
    });
  });

  it('passes unknown fields through by name without a data view', () => {
    expect(kqlToDsl(parseKql('f:v').node, {}).query).toEqual({ bool: { should: [{ match: { f: 'v' } }], minimum_should_match: 1 } });
  });

  // Kibana is.ts@2adc277e: match_all needs a lone-wildcard *field* too; free text `*` has a null
  // field, so it takes the query_string path (the README table lists `*` with match_all).
  it('gives query_string for free-text *, and match_all for *:*', () => {
    expect(dsl('*').query).toEqual({ query_string: { query: '*' } });
    expect(dsl('*:*').query).toEqual({ match_all: {} });
  });

  it('expands a wildcard field name over the data view, wrapping nested fields', () => {
    const should = (dsl('nestedField.*:foo').query.bool as { should: QueryDsl[] }).should;
    // `*` matches dots too (Kibana wildcard.test: [\s\S]*), so the doubly nested field is covered.
    expect(should).toEqual([
      { nested: { path: 'nestedField', query: { match: { 'nestedField.child': 'foo' } }, score_mode: 'none' } },
      {
        nested: {
          path: 'nestedField.nestedChild',
          query: { match: { 'nestedField.nestedChild.doublyNestedChild': 'foo' } },
          score_mode: 'none',
        },
      },
    ]);
  });
});
