import { describe, expect, it } from 'vitest';
import { parseQuery } from '../syntax/parser.ts';
import { compileQuery, runQuery } from './evaluate.ts';
import { explainEvent } from './explain.ts';
import type { ExplainNode } from './types.ts';

const explain = (query: string, event: object) => explainEvent(compileQuery(parseQuery(query).ast), event);

/** The tree as indented lines: `✓ label [values]`, the shape a reader sees. */
function outline(node: ExplainNode, depth = 0): string[] {
  const mark = node.truth === true ? '✓' : node.truth === false ? '✗' : '?';
  const values = node.values.map((v) => (v.missing ? `${v.field} missing` : `${v.field}=${JSON.stringify(v.value)}`)).join(', ');
  return [`${'  '.repeat(depth)}${mark} ${node.label}${values ? ` [${values}]` : ''}`, ...node.children.flatMap((c) => outline(c, depth + 1))];
}

describe('explainEvent', () => {
  it('names inner nodes by their operator and spells out only the leaves, with the event values', () => {
    const q = 'process where a == 1 and (b : "x*" or not c != null)';
    const tree = explain(q, { event: { category: 'process' }, a: 1, b: 'yes', c: 2 });
    expect(outline(tree)).toEqual([
      '✗ process where',
      '  ✓ event.category == "process" [event.category="process"]',
      '  ✗ and',
      '    ✓ a == 1 [a=1]',
      '    ✗ or',
      '      ✗ b : "x*" [b="yes"]',
      '      ✗ not',
      '        ✓ c != null [c=2]',
    ]);
    // Ranges point at each node's own text, for highlighting in the editor.
    const and = tree.children[1];
    expect(q.slice(and.children[0].range.start, and.children[0].range.end)).toBe('a == 1');
    expect(q.slice(tree.children[0].range.start, tree.children[0].range.end)).toBe('process');
  });

  it('never repeats a sub-expression: the text of a long query appears once, in its leaves', () => {
    const leaves = Array.from({ length: 30 }, (_, i) => `process.name == "p${i}"`);
    const q = `process where host.os.type == "linux" and (${leaves.join(' or ')}) and not user.name == "root"`;
    const lines = outline(explain(q, { event: { category: 'process' }, host: { os: { type: 'linux' } }, process: { name: 'p7' }, user: { name: 'u' } }));
    expect(lines.filter((l) => l.includes('process.name =='))).toHaveLength(30);
    expect(lines.join('\n').length).toBeLessThan(q.length * 2.5);
    expect(lines.slice(0, 3)).toEqual(['✓ process where', '  ✓ event.category == "process" [event.category="process"]', '  ✓ and']);
  });

  it('shows unknown (null) for a comparison with a missing field, and the field as missing', () => {
    const tree = explain('process where process.pid > 1', { event: { category: 'process' } });
    expect(outline(tree)).toEqual([
      '? process where',
      '  ✓ event.category == "process" [event.category="process"]',
      '  ? process.pid > 1 [process.pid missing]',
    ]);
  });

  it('labels each stage of a sequence by its number and category, the root by the stages the event fits', () => {
    const q = 'sequence by host.id [process where process.name == "gcc"] [network where true]';
    const tree = explain(q, { event: { category: 'process' }, host: { id: 'h' }, process: { name: 'gcc' } });
    expect(outline(tree)).toEqual([
      '✓ sequence: the event fits stage 1',
      '  ✓ stage 1: process',
      '    ✓ event.category == "process" [event.category="process"]',
      '    ✓ process.name == "gcc" [process.name="gcc"]',
      '  ✗ stage 2: network',
      '    ✗ event.category == "network" [event.category="process"]',
      '    ✓ true',
    ]);
  });

  it('agrees with the evaluator on whether the event matches', () => {
    const q = 'process where a == 1 and (b : "x*" or c != null)';
    const compiled = compileQuery(parseQuery(q).ast);
    for (const event of [
      { event: { category: 'process' }, a: 1, c: 2 },
      { event: { category: 'process' }, a: 1, b: 'yes' },
      { event: { category: 'file' }, a: 1, b: 'xa' },
    ]) {
      expect(explainEvent(compiled, event).truth === true).toBe(runQuery(compiled, [event]).matches.length === 1);
    }
  });
});
