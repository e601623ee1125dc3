/**
 * Builds our KQL tree from the `node` strings of ../shared/kql-reference facts, which spell
 * Kibana's `buildNode` calls: `is('extension','"jpg"')`, `range('bytes','gt',1000)`,
 * `nested('p', and([is(child,foo), …]))`, `not(…)`, `exists('response')`.
 * As in Kibana, `is` runs its string arguments through the literal parser (so `'"jpg"'` is a
 * phrase and `'jpg*'` a wildcard) while `range` keeps its value as a plain literal.
 * `exists(f)` has no node of its own here: it is built as `is(f, *)`, which prints the same.
 */
import type { KqlField, KqlLiteral, KqlNode, KqlValue } from '../src/kql/syntax/ast.ts';
import { parseKql } from '../src/kql/syntax/parser.ts';

type Arg = string | number | null | Arg[] | KqlNode;
const NO_RANGE = { start: 0, end: 0 };

export function buildFactNode(source: string): KqlNode {
  let i = 0;
  const ws = () => {
    while (source[i] === ' ') i++;
  };
  const parseArg = (): Arg => {
    ws();
    if (source[i] === "'") {
      const end = source.indexOf("'", i + 1);
      const s = source.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    if (source[i] === '[') {
      i++;
      const items: Arg[] = [];
      while ((ws(), source[i] !== ']')) {
        items.push(parseArg());
        ws();
        if (source[i] === ',') i++;
      }
      i++;
      return items;
    }
    const m = /^[A-Za-z_.@]+|^-?\d+/.exec(source.slice(i)) as RegExpExecArray;
    i += m[0].length;
    const word = m[0];
    if (/^-?\d+$/.test(word)) return Number(word);
    if (word === 'null') return null;
    ws();
    if (source[i] !== '(') return word;
    i++;
    const args: Arg[] = [];
    while ((ws(), source[i] !== ')')) {
      args.push(parseArg());
      ws();
      if (source[i] === ',') i++;
    }
    i++;
    return call(word, args);
  };
  return parseArg() as KqlNode;
}

function literalValue(text: string): KqlValue {
  const node = parseKql(text).node;
  if (node.type !== 'is') throw new Error(`not a literal: ${text}`);
  return node.value;
}

function field(name: string): KqlField {
  const v = literalValue(name);
  if (v.kind === 'wildcard') return { name: v.parts.join('*'), quoted: false, wildcard: true, range: NO_RANGE };
  return { name: String(v.value), quoted: v.quoted, wildcard: false, range: NO_RANGE };
}

function value(arg: Arg): KqlValue {
  return typeof arg === 'string' ? literalValue(arg) : ({ kind: 'literal', value: String(arg), quoted: false, range: NO_RANGE } as KqlLiteral);
}

function call(fn: string, args: Arg[]): KqlNode {
  switch (fn) {
    case 'is':
      return { type: 'is', field: args[0] === null ? null : field(String(args[0])), value: value(args[1]), range: NO_RANGE };
    case 'exists':
      return { type: 'is', field: field(String(args[0])), value: { kind: 'wildcard', parts: ['', ''], range: NO_RANGE }, range: NO_RANGE };
    case 'range':
      return {
        type: 'range',
        field: field(String(args[0])),
        operator: args[1] as 'gt',
        value: { kind: 'literal', value: String(args[2]), quoted: false, range: NO_RANGE },
        range: NO_RANGE,
      };
    case 'and':
    case 'or':
      return { type: fn, args: args[0] as KqlNode[], range: NO_RANGE };
    case 'not':
      return { type: 'not', arg: args[0] as KqlNode, range: NO_RANGE };
    case 'nested':
      return { type: 'nested', path: field(String(args[0])), query: args[1] as KqlNode, range: NO_RANGE };
    default:
      throw new Error(`unknown fact function ${fn}`);
  }
}

/** Our tree in the facts' `ast` form: `{fn, field, value, quoted?, op?, args?, path?, query?}`. */
export function toFactAst(node: KqlNode): unknown {
  const f = (x: KqlField | null) => (x === null ? null : x.wildcard ? { wildcard: x.name } : x.name);
  const v = (x: KqlValue) => (x.kind === 'wildcard' ? { wildcard: x.parts.join('*') } : x.value);
  switch (node.type) {
    case 'match_all':
      return { fn: 'is', field: '*', value: '*' };
    case 'is':
      return node.value.kind === 'literal' && node.value.quoted
        ? { fn: 'is', field: f(node.field), value: v(node.value), quoted: true }
        : { fn: 'is', field: f(node.field), value: v(node.value) };
    case 'range':
      return { fn: 'range', field: f(node.field), op: node.operator, value: node.value.value };
    case 'and':
    case 'or':
      return { fn: node.type, args: node.args.map(toFactAst) };
    case 'not':
      return { fn: 'not', args: [toFactAst(node.arg)] };
    case 'nested':
      return { fn: 'nested', path: f(node.path), query: toFactAst(node.query) };
    case 'error':
      return { fn: 'error' };
  }
}
