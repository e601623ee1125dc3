/**
 * Printing KQL trees and formatting KQL text.
 *
 * - `printKql` prints a tree the way Kibana's `toKqlExpression` does (round trips, tests):
 *   `field: value`, `(a AND b)`, `(a OR b)`, `NOT a`, `path: { q }`, `field > value`
 *   (../shared/kql-reference/README.md "Printing"). Values are escaped with `escapeKuery`.
 * - `formatKql` is the editor's "Format query": the style KQL users write (`field:value`,
 *   lower-case `and`/`or`/`not`, `field:(a or b)` lists kept, parentheses only where needed, a long
 *   query one clause per line). Field names and values are copied from the source text, so every
 *   escape stays exactly as written and the formatted query parses to the same tree.
 */
import type { KqlField, KqlNode, KqlValue } from './ast.ts';
import { parseKql } from './parser.ts';

// ---------------------------------------------------------------------------------------------
// escapeKuery / printKql (Kibana's toKqlExpression)

/**
 * Escapes user text for an unquoted KQL value: special characters get a backslash, `and`/`or`
 * between whitespace and `not` before whitespace get a backslash (case kept), tab/CR/LF become
 * `\t` `\r` `\n` (README "Escaping user input into KQL"; facts in kql-parse-facts.jsonl). `{` and
 * `}` are escaped too, as the grammar treats them as special (Kibana's function leaves them).
 */
export function escapeKuery(text: string): string {
  return text
    .replace(/[\\():<>"*{}]/g, (c) => `\\${c}`)
    .replace(/(\s)(and|or)(?=\s)/gi, (_, space: string, word: string) => `${space}\\${word}`)
    .replace(/not(?=\s)/gi, (word: string) => `\\${word}`)
    .replace(/[\t\r\n]/g, (c) => (c === '\t' ? '\\t' : c === '\r' ? '\\r' : '\\n'));
}

/** Escapes a value for use inside double quotes: backslashes and quotes. */
export function escapeQuotes(text: string): string {
  return text.replace(/[\\"]/g, (c) => `\\${c}`);
}

function printField(field: KqlField): string {
  if (field.quoted) return `"${escapeQuotes(field.name)}"`;
  if (field.wildcard) return field.name.split('*').map(escapeKuery).join('*');
  return escapeKuery(field.name);
}

function printValue(value: KqlValue): string {
  if (value.kind === 'wildcard') return value.parts.map(escapeKuery).join('*');
  if (value.quoted) return `"${escapeQuotes(String(value.value))}"`;
  return escapeKuery(String(value.value));
}

/** Kibana's toKqlExpression. Iterative over and/or/not/nested chains would not pay: depth is capped by the parser. */
export function printKql(node: KqlNode): string {
  switch (node.type) {
    case 'match_all':
      return '*: *';
    case 'error':
      return '';
    case 'is':
      return node.field === null ? printValue(node.value) : `${printField(node.field)}: ${printValue(node.value)}`;
    case 'range':
      return `${printField(node.field)} ${RANGE_SYMBOL[node.operator]} ${printValue(node.value)}`;
    case 'and':
      return `(${node.args.map(printKql).join(' AND ')})`;
    case 'or':
      return `(${node.args.map(printKql).join(' OR ')})`;
    case 'not':
      return `NOT ${printKql(node.arg)}`;
    case 'nested':
      return `${printField(node.path)}: { ${printKql(node.query)} }`;
  }
}

const RANGE_SYMBOL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

// ---------------------------------------------------------------------------------------------
// formatKql

/** Lines longer than this are broken one clause per line. */
const MAX_LINE = 100;
const INDENT = '  ';

/** The formatted query, or null when the text has syntax errors (nothing to format safely). */
export function formatKql(text: string): string | null {
  const { node, diagnostics } = parseKql(text);
  if (diagnostics.some((d) => d.severity === 'error')) return null;
  if (node.type === 'match_all') return '';
  return new Formatter(text).layout(node, '');
}

const PRECEDENCE = { or: 0, and: 1, not: 2 } as const;

function precedence(node: KqlNode): number {
  return node.type === 'or' || node.type === 'and' || node.type === 'not' ? PRECEDENCE[node.type] : 3;
}

class Formatter {
  constructor(private readonly text: string) {}

  private source(range: { start: number; end: number }): string {
    return this.text.slice(range.start, range.end);
  }

  /** The node on one line. */
  flat(node: KqlNode): string {
    const list = this.valueList(node);
    if (list) return `${this.source(list.range)}:(${this.values(node, list)})`;
    switch (node.type) {
      case 'match_all':
        return '*';
      case 'error':
        return '';
      case 'is':
        return node.field === null ? this.source(node.value.range) : `${this.source(node.field.range)}:${this.source(node.value.range)}`;
      case 'range':
        return `${this.source(node.field.range)} ${RANGE_SYMBOL[node.operator]} ${this.source(node.value.range)}`;
      case 'and':
      case 'or':
        return node.args.map((a) => this.child(a, PRECEDENCE[node.type] + 1)).join(` ${node.type} `);
      case 'not':
        return `not ${this.child(node.arg, 3)}`;
      case 'nested':
        return `${this.source(node.path.range)}:{ ${this.flat(node.query)} }`;
    }
  }

  private child(node: KqlNode, needed: number): string {
    const text = this.flat(node);
    return precedence(node) < needed && !this.valueList(node) ? `(${text})` : text;
  }

  /** The node laid out from column `indent.length`: on one line if it fits, else one clause per line. */
  layout(node: KqlNode, indent: string): string {
    const line = this.flat(node);
    if (indent.length + line.length <= MAX_LINE) return line;
    const inner = indent + INDENT;
    const list = this.valueList(node);
    if (list) {
      if (node.type !== 'and' && node.type !== 'or') return line;
      return `${this.source(list.range)}:(\n${inner}${this.valuesBroken(node, list, inner)}\n${indent})`;
    }
    if (node.type === 'nested') return `${this.source(node.path.range)}:{\n${inner}${this.layout(node.query, inner)}\n${indent}}`;
    if (node.type === 'not') {
      if (precedence(node.arg) >= 3 || this.valueList(node.arg)) return `not ${this.layout(node.arg, indent)}`;
      return `not (\n${inner}${this.layout(node.arg, inner)}\n${indent})`;
    }
    if (node.type !== 'and' && node.type !== 'or') return line;
    const needed = PRECEDENCE[node.type] + 1;
    return node.args
      .map((arg, i) => {
        const prefix = i === 0 ? '' : `${indent}${node.type} `;
        if (precedence(arg) >= needed || this.valueList(arg)) return prefix + this.layout(arg, indent);
        const text = this.layout(arg, inner);
        return text.includes('\n') ? `${prefix}(\n${inner}${text}\n${indent})` : `${prefix}(${text})`;
      })
      .join('\n');
  }

  /** A long `field:( … )` list, one value (or parenthesised group) per line. */
  private valuesBroken(node: KqlNode & { type: 'and' | 'or' }, field: KqlField, indent: string): string {
    const needed = PRECEDENCE[node.type] + 1;
    return node.args.map((a, i) => (i === 0 ? '' : `${indent}${node.type} `) + this.valueChild(a, needed, field)).join('\n');
  }

  /**
   * The field written once for a whole `field:( … )` list: every leaf below is an `is` node with
   * that same field object, written before the leaf's own text, and the node starts at the field.
   */
  private valueList(node: KqlNode): KqlField | null {
    if (node.type !== 'and' && node.type !== 'or' && node.type !== 'not') return null;
    let field: KqlField | null = null;
    const stack: KqlNode[] = [node];
    while (stack.length > 0) {
      const n = stack.pop() as KqlNode;
      if (n.type === 'and' || n.type === 'or') stack.push(...n.args);
      else if (n.type === 'not') stack.push(n.arg);
      else if (n.type === 'is' && n.field !== null && n.field.range.end <= n.range.start && (field === null || field === n.field)) field = n.field;
      else return null;
    }
    // The list must start with its field (`f:(not a)`), not be a query-level `not f:(a)`.
    return field !== null && field.range.start === node.range.start ? field : null;
  }

  /** The values of a `field:( … )` list, without the field. */
  private values(node: KqlNode, field: KqlField): string {
    switch (node.type) {
      case 'is':
        return this.source(node.value.range);
      case 'not':
        return `not ${this.valueChild(node.arg, 3, field)}`;
      case 'and':
      case 'or':
        return node.args.map((a) => this.valueChild(a, PRECEDENCE[node.type] + 1, field)).join(` ${node.type} `);
      default:
        return '';
    }
  }

  private valueChild(node: KqlNode, needed: number, field: KqlField): string {
    const text = this.values(node, field);
    return precedence(node) < needed ? `(${text})` : text;
  }
}
