import { describe, expect, it } from 'vitest';
import type { ExplainNode } from '../eql/run/types.ts';
import { decisiveLeavesOf, leafCount } from './explain-near-miss.ts';

// The definition is EQL's (src/eql/run/near-miss.ts): a leaf is decisive when flipping it alone
// makes the root true. Trees here are hand-made, with the truths an evaluator would have given.
let at = 0;
const leaf = (label: string, truth: boolean): ExplainNode => ({ kind: 'leaf', label, truth, range: { start: at, end: (at += 5) }, values: [], children: [] });
const node = (kind: 'and' | 'or' | 'not', children: ExplainNode[], truth: boolean, label: string = kind): ExplainNode => ({
  kind,
  label,
  truth,
  range: { start: children[0].range.start, end: children[children.length - 1].range.end },
  values: [],
  children,
});
const decisive = (root: ExplainNode) => decisiveLeavesOf(root).map((l) => [l.condition, l.needed]);

describe('decisiveLeavesOf', () => {
  it('under `and`, only the one failing operand can be flipped; two failing operands give none', () => {
    expect(decisive(node('and', [leaf('a', true), leaf('b', false)], false))).toEqual([['b', true]]);
    expect(decisive(node('and', [leaf('a', false), leaf('b', false)], false))).toEqual([]);
  });

  it('under `or`, any failing alternative is decisive, in source order', () => {
    const root = node('and', [leaf('a', true), node('or', [leaf('b', false), leaf('c', false)], false)], false);
    expect(decisive(root)).toEqual([
      ['b', true],
      ['c', true],
    ]);
  });

  it('under `not`, a true leaf must become false', () => {
    const root = node('and', [leaf('a', true), node('not', [leaf('b', true)], false)], false);
    expect(decisive(root)).toEqual([['b', false]]);
  });

  it('an `or` needing several operands (minimum_should_match) is not walked; a true root has none', () => {
    const atLeast = node('or', [leaf('a', false), leaf('b', true), leaf('c', false)], false, 'at least 2 of');
    expect(decisive(node('and', [leaf('x', true), atLeast], false))).toEqual([]);
    expect(decisive(node('and', [leaf('a', true), leaf('b', true)], true))).toEqual([]);
  });

  it('counts leaves without recursion, deep trees included', () => {
    let deep: ExplainNode = leaf('z', false);
    for (let i = 0; i < 10_000; i++) deep = node('not', [deep], i % 2 === 0);
    expect(leafCount(node('and', [leaf('a', true), deep], false))).toBe(2);
    expect(decisive(node('and', [leaf('a', true), deep], false))).toEqual([['z', true]]);
  });
});
