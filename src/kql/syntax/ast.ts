/**
 * The KQL syntax tree, as Kibana's grammar builds it (`or`/`and` flattened, `not`, `nested`,
 * `range`, `is`), with the source range of every node so diagnostics, hover and "Why" can point
 * at the text. Values keep the type the grammar gives them: numerals stay strings; unquoted
 * `true`/`false`/`null` become booleans and null.
 */
import type { TextRange } from '../../diagnostic.ts';

/** A field name: `process.name`, `"quoted name"`, `*` (all fields) or a pattern such as `host.*`. */
export interface KqlField {
  /** The name after unescaping; for a pattern, the text with `*` as its wildcard. */
  name: string;
  quoted: boolean;
  /** The name holds an unescaped `*` (expanded against the known fields). */
  wildcard: boolean;
  range: TextRange;
}

/** A value written without wildcards: `bar`, `"a phrase"`, `true`, `null`, `200` (a string). */
export interface KqlLiteral {
  kind: 'literal';
  value: string | boolean | null;
  /** Written in double quotes: a phrase, never a wildcard. */
  quoted: boolean;
  range: TextRange;
}

/**
 * An unquoted value with at least one unescaped `*`: `parts` are the literal runs between the
 * wildcards, unescaped (`a*b\*c*` gives `["a", "b*c", ""]`); a lone `*` gives `["", ""]`.
 */
export interface KqlWildcard {
  kind: 'wildcard';
  parts: string[];
  range: TextRange;
}

export type KqlValue = KqlLiteral | KqlWildcard;

export type RangeOperator = 'gt' | 'gte' | 'lt' | 'lte';

/** `field: value`; `field` is null for free text (`foo`, `"a phrase"`, `jpg*`). */
export interface KqlIs {
  type: 'is';
  field: KqlField | null;
  value: KqlValue;
  range: TextRange;
}

/** `field > value` (and `>=`, `<`, `<=`): the value is one literal, never a wildcard. */
export interface KqlRange {
  type: 'range';
  field: KqlField;
  operator: RangeOperator;
  value: KqlLiteral;
  range: TextRange;
}

export interface KqlAnd {
  type: 'and';
  args: KqlNode[];
  range: TextRange;
}

export interface KqlOr {
  type: 'or';
  args: KqlNode[];
  range: TextRange;
}

export interface KqlNot {
  type: 'not';
  arg: KqlNode;
  range: TextRange;
}

/** `path: { query }`: field names inside `query` are relative to `path`. */
export interface KqlNested {
  type: 'nested';
  path: KqlField;
  query: KqlNode;
  range: TextRange;
}

/** The empty (or all-whitespace) query: Kibana's `is(*, *)`, which matches every document. */
export interface KqlMatchAll {
  type: 'match_all';
  range: TextRange;
}

/**
 * What error recovery leaves where the text could not be parsed (a dangling `and`, `:` without a
 * value). It never matches; the parse result carries the diagnostic that explains it.
 */
export interface KqlError {
  type: 'error';
  range: TextRange;
}

export type KqlNode = KqlIs | KqlRange | KqlAnd | KqlOr | KqlNot | KqlNested | KqlMatchAll | KqlError;
