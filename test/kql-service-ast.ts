/**
 * Hand-built KQL syntax trees for the service's unit tests: one clause at a time, with the
 * source ranges the parser would give, so the checks can be tested apart from the parser.
 */
import type { KqlField, KqlIs, KqlNested, KqlNode, KqlRange, KqlValue, RangeOperator } from '../src/kql/syntax/ast.ts';

function fieldAt(text: string, start: number, end: number): KqlField {
  const raw = text.slice(start, end);
  const quoted = raw.startsWith('"');
  const name = quoted ? raw.slice(1, -1) : raw;
  return { name, quoted, wildcard: !quoted && name.includes('*'), range: { start, end } };
}

function valueAt(text: string, start: number, end: number): KqlValue {
  const raw = text.slice(start, end);
  const range = { start, end };
  if (raw.startsWith('"')) return { kind: 'literal', value: raw.slice(1, -1), quoted: true, range };
  if (raw.includes('*')) return { kind: 'wildcard', parts: raw.split('*'), range };
  const value = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : raw;
  return { kind: 'literal', value, quoted: false, range };
}

/** `field:value` starting at `from` in `text` (no spaces inside the clause). */
export function isAt(text: string, from = 0, to = text.length): KqlIs {
  const colon = text.indexOf(':', from);
  return { type: 'is', field: fieldAt(text, from, colon), value: valueAt(text, colon + 1, to), range: { start: from, end: to } };
}

const OPS: [string, RangeOperator][] = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['>', 'gt'],
  ['<', 'lt'],
];

/** `field > value` (one space each side of the operator). */
export function rangeOf(text: string): KqlRange {
  const [spelling, operator] = OPS.find(([s]) => text.includes(` ${s} `))!;
  const at = text.indexOf(` ${spelling} `);
  const valueStart = at + spelling.length + 2;
  const value = valueAt(text, valueStart, text.length);
  if (value.kind !== 'literal') throw new Error('a range takes a literal');
  return { type: 'range', field: fieldAt(text, 0, at), operator, value, range: { start: 0, end: text.length } };
}

/** `path:{ field:value }` (exactly one space inside each brace). */
export function nestedOf(text: string): KqlNested {
  const colon = text.indexOf(':{ ');
  const inner = colon + 3;
  return { type: 'nested', path: fieldAt(text, 0, colon), query: isAt(text, inner, text.length - 2), range: { start: 0, end: text.length } };
}

/** `a and b and …` of `field:value` clauses separated by ` and `. */
export function andOf(text: string): KqlNode {
  const args: KqlNode[] = [];
  let start = 0;
  for (const part of text.split(' and ')) {
    args.push(isAt(text, start, start + part.length));
    start += part.length + 5;
  }
  return { type: 'and', args, range: { start: 0, end: text.length } };
}
