/**
 * Differential property test: random Lucene patterns, printed from a random tree, compiled by the
 * parser + DFA, against a brute-force reference of the language's meaning (Lucene RegExp javadoc:
 * union, intersection, concatenation, repeats, complement over all strings, `@` any string, `#` the
 * empty language, numeric intervals) on short strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLuceneRegex, escapeLuceneRegex } from './index.ts';

type Node =
  | { k: 'char'; c: string }
  | { k: 'any' | 'anyString' | 'empty' }
  | { k: 'class'; chars: string; negated: boolean }
  | { k: 'union' | 'inter' | 'concat'; a: Node; b: Node }
  | { k: 'repeat'; a: Node; min: number; max: number }
  | { k: 'complement'; a: Node }
  | { k: 'interval'; lo: number; hi: number };

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom('a', 'b', '1').map((c): Node => ({ k: 'char', c })),
  fc.constantFrom<Node>({ k: 'any' }, { k: 'anyString' }, { k: 'empty' }),
  fc.record({ chars: fc.constantFrom('a', 'ab', '1b'), negated: fc.boolean() }).map((r): Node => ({ k: 'class', ...r })),
  fc.record({ lo: fc.integer({ min: 0, max: 12 }), hi: fc.integer({ min: 0, max: 12 }) }).map((r): Node => ({ k: 'interval', ...r })),
);

const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ k: fc.constantFrom('union', 'inter', 'concat'), a: tie('node'), b: tie('node') }) as fc.Arbitrary<Node>,
    fc
      .record({ a: tie('node'), min: fc.integer({ min: 0, max: 2 }), extra: fc.integer({ min: -1, max: 2 }) })
      .map(({ a, min, extra }): Node => ({ k: 'repeat', a, min, max: extra < 0 ? -1 : min + extra })),
    tie('node').map((a): Node => ({ k: 'complement', a })),
  ),
})).node;

function print(n: Node): string {
  switch (n.k) {
    case 'char':
      return n.c;
    case 'any':
      return '.';
    case 'anyString':
      return '@';
    case 'empty':
      return '#';
    case 'class':
      return `[${n.negated ? '^' : ''}${n.chars}]`;
    case 'union':
      return `(${print(n.a)}|${print(n.b)})`;
    case 'inter':
      return `(${print(n.a)}&${print(n.b)})`;
    case 'concat':
      return `(${print(n.a)})(${print(n.b)})`;
    case 'repeat':
      return `(${print(n.a)}){${n.min},${n.max < 0 ? '' : n.max}}`;
    case 'complement':
      return `~(${print(n.a)})`;
    case 'interval':
      return `<${n.lo}-${n.hi}>`;
  }
}

/** Does `s` belong to the language of `n`? Brute force over split points. */
function member(n: Node, s: string): boolean {
  switch (n.k) {
    case 'char':
      return s === n.c;
    case 'any':
      return [...s].length === 1;
    case 'anyString':
      return true;
    case 'empty':
      return false;
    case 'class':
      return s.length === 1 && n.chars.includes(s) !== n.negated;
    case 'union':
      return member(n.a, s) || member(n.b, s);
    case 'inter':
      return member(n.a, s) && member(n.b, s);
    case 'concat':
      for (let i = 0; i <= s.length; i++) if (member(n.a, s.slice(0, i)) && member(n.b, s.slice(i))) return true;
      return false;
    case 'complement':
      return !member(n.a, s);
    case 'repeat':
      return repeats(n.a, s, n.min, n.max);
    case 'interval': {
      // Different widths: any leading zeros; same width (both one digit here): exactly one digit.
      const [lo, hi] = n.lo <= n.hi ? [n.lo, n.hi] : [n.hi, n.lo];
      const sameWidth = String(n.lo).length === String(n.hi).length;
      if (!/^\d+$/.test(s) || (sameWidth && s.length !== String(n.lo).length)) return false;
      return Number(s) >= lo && Number(s) <= hi;
    }
  }
}

function repeats(a: Node, s: string, min: number, max: number): boolean {
  if (s === '' && min === 0) return true;
  if (max === 0) return false;
  // One more copy: a non-empty piece (an empty piece adds nothing once min is reached).
  for (let i = s === '' ? 0 : 1; i <= s.length; i++) {
    if (member(a, s.slice(0, i)) && repeats(a, s.slice(i), Math.max(0, min - 1), max < 0 ? -1 : max - 1)) return true;
  }
  return false;
}

describe('Lucene regex: DFA agrees with a brute-force reference', () => {
  it('on random patterns and short strings', () => {
    const str = fc.array(fc.constantFrom('a', 'b', '1', '0', 'c'), { maxLength: 5 }).map((x) => x.join(''));
    fc.assert(
      fc.property(tree, fc.array(str, { minLength: 1, maxLength: 8 }), (n, strings) => {
        const pattern = print(n);
        const r = compileLuceneRegex(pattern, false);
        if (!r.ok) return; // too complex to determinize: reported, not matched
        for (const s of strings) expect(r.matches(s), `${pattern} on "${s}"`).toBe(member(n, s));
      }),
      { numRuns: 1500 },
    );
  });

  it('escapeLuceneRegex gives a pattern that matches exactly the value', () => {
    const text = fc.array(fc.constantFrom(...'.?+*|{}[]()"\\#@&<>~^$-aZ0 é😀'.split(/(?:)/u)), { maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (v) => {
        const r = compileLuceneRegex(escapeLuceneRegex(v), false);
        expect(r.ok).toBe(true);
        if (r.ok) expect([r.matches(v), r.matches(v + 'a'), r.matches('')]).toEqual([true, false, v === '']);
      }),
      { numRuns: 1000 },
    );
  });
});
