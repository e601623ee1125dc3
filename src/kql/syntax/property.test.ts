/**
 * Properties over generated KQL text (fast-check): the parser never throws and keeps every range
 * inside the text; a query without errors formats to text that parses to the same tree, and the
 * formatting is stable; escapeKuery'd text reads back as the value (except lower-case `not`
 * before whitespace, which the grammar reads as the escape `\n` — Kibana grammar.peggy orders
 * EscapedWhitespace before EscapedKeyword).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KqlNode } from './ast.ts';
import { parseKql } from './parser.ts';
import { escapeKuery, formatKql } from './printer.ts';

const piece = fc.constantFrom(
  'a',
  'b.c',
  'x*',
  '*',
  '"q r"',
  '"a\\"b"',
  '\\:',
  '\\*',
  '\\u0041',
  ':',
  ' ',
  '  ',
  '\u00a0',
  '(',
  ')',
  '{',
  '}',
  ' and ',
  ' or ',
  'not ',
  ' AND ',
  ' Or ',
  '>',
  '>=',
  '<',
  '<=',
  '1',
  'true',
  'null',
  '\\',
  '"',
  'cannot ',
  'notice',
);
const text = fc.array(piece, { maxLength: 16 }).map((p) => p.join(''));
const treeOf = (t: string) => JSON.stringify(parseKql(t).node, (k, v) => (k === 'range' ? undefined : v));

function allRanges(node: KqlNode): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const x = stack.pop();
    if (x === null || typeof x !== 'object') continue;
    for (const [k, v] of Object.entries(x)) {
      if (k === 'range') out.push(v as { start: number; end: number });
      else stack.push(v);
    }
  }
  return out;
}

describe('KQL parser properties', () => {
  it('never throws and keeps every range inside the text', () => {
    fc.assert(
      fc.property(text, (t) => {
        const { node, diagnostics } = parseKql(t);
        for (const r of [...allRanges(node), ...diagnostics.map((d) => d.range ?? { start: -1, end: -1 })]) {
          expect(r.start >= 0 && r.start <= r.end && r.end <= t.length).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('formats an error-free query to text with the same tree, and formats that text to itself', () => {
    fc.assert(
      fc.property(text, (t) => {
        const formatted = formatKql(t);
        if (formatted === null) return;
        expect(treeOf(formatted)).toBe(treeOf(t));
        expect(formatKql(formatted)).toBe(formatted);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads escapeKuery output back as the value', () => {
    const value = fc
      .array(fc.constantFrom('a', 'B', ' ', '\t', '\n', '\\', '(', ')', ':', '<', '>', '"', '*', '{', '}', 'and', 'OR', 'Not', 'é'), {
        minLength: 1,
        maxLength: 10,
      })
      .map((p) => p.join(''))
      .filter((v) => v.trim() !== '' && v.trim() === v && !/not\s/.test(v) && !['true', 'false', 'null'].includes(v));
    fc.assert(
      fc.property(value, (v) => {
        const { node, diagnostics } = parseKql(`f:${escapeKuery(v)}`);
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(node.type === 'is' && node.value.kind === 'literal' ? node.value.value : node).toBe(v);
      }),
      { numRuns: 2000 },
    );
  });
});
