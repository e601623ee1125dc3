import { describe, expect, it } from 'vitest';
import type { EventFilter, Expr } from '../syntax/ast.ts';
import { parseQuery } from '../syntax/parser.ts';
import { compileQuery } from './evaluate.ts';
import { conditionLabel, truthOf } from './explain.ts';
import { describeNearMiss, hasNearMisses, nearMissLeaves } from './near-miss.ts';
import type { Truth } from './types.ts';

/** Decisive leaves of an event query's filter as `condition→needed`. */
function near(query: string, event: object): string[] {
  const { ast } = parseQuery(query);
  const compiled = compileQuery(ast);
  if (ast.query.kind !== 'event') throw new Error('event query expected');
  const f = { filter: ast.query.filter, index: -1 };
  if (!hasNearMisses(f)) return [];
  return describeNearMiss(compiled, f, nearMissLeaves(compiled, f, event), event).map((l) => `${l.condition}→${l.needed}`);
}

const ev = (fields: Record<string, number>, category = 'process') => ({ event: { category }, ...fields });

describe('near misses: one leaf condition away from matching', () => {
  const abxy = 'process where a == 1 and b == 1 and (x == 1 or y == 1)';
  it.each([
    // A and B and (X or Y)
    [abxy, ev({ a: 1, b: 1, x: 1, y: 0 }), []],
    [abxy, ev({ a: 1, b: 1, x: 0, y: 0 }), ['x == 1→true', 'y == 1→true']],
    [abxy, ev({ a: 0, b: 1, x: 1, y: 0 }), ['a == 1→true']],
    [abxy, ev({ a: 0, b: 1, x: 0, y: 0 }), []],
    [abxy, ev({ a: 0, b: 0, x: 0, y: 0 }), []],
    [abxy, ev({ a: 1, b: 1, x: 1, y: 0 }, 'file'), ['event.category == "process"→true']],
    [abxy, ev({ a: 0, b: 1, x: 1, y: 0 }, 'file'), []],
    // An OR of ANDs: an alternative one leaf short of true.
    ['process where (a == 1 and b == 1) or (x == 1 and y == 1)', ev({ a: 1, b: 0, x: 0, y: 0 }), ['b == 1→true']],
    ['process where (a == 1 and b == 1) or (x == 1 and y == 1)', ev({ a: 1, b: 0, x: 1, y: 0 }), ['b == 1→true', 'y == 1→true']],
    ['process where (a == 1 and b == 1) or (x == 1 and y == 1)', ev({ a: 0, b: 0, x: 0, y: 0 }), []],
    // NOT: a true leaf under `not` has to become false.
    ['process where a == 1 and not (b == 1 or x == 1)', ev({ a: 1, b: 1, x: 0 }), ['b == 1→false']],
    ['process where a == 1 and not (b == 1 or x == 1)', ev({ a: 1, b: 1, x: 1 }), []],
    ['process where a == 1 and not (b == 1 or x == 1)', ev({ a: 0, b: 0, x: 0 }), ['a == 1→true']],
    ['process where a == 1 and not (b == 1 and x == 1)', ev({ a: 1, b: 1, x: 1 }), ['b == 1→false', 'x == 1→false']],
    ['process where a == 1 and not not b == 1', ev({ a: 1, b: 0 }), ['b == 1→true']],
    ['process where not (a == 1 and (b == 1 or not x == 1))', ev({ a: 1, b: 0, x: 0 }), ['a == 1→false', 'x == 1→true']],
    // Unknown (a comparison with a missing field) is not true: it may be the one leaf.
    ['process where a == 1 and z > 1', ev({ a: 1 }), ['z > 1→true']],
    ['process where a == 1 and not z > 1', ev({ a: 1 }), ['z > 1→false']],
    ['process where a == 1 and z > 1', ev({ a: 0 }), []],
    // One leaf in all: every other event would be a "near miss", so none is.
    ['any where a == 1', ev({ a: 0 }), []],
  ] as const)('%s on %j → %j', (query, event, expected) => {
    expect(near(query, event)).toEqual(expected);
  });

  it('each decisive leaf, flipped alone, makes the filter true; no other leaf does (brute force on nested and/or/not)', () => {
    const queries = [
      'process where a == 1 and b == 1 and (x == 1 or y == 1)',
      'process where not (a == 1 or (b == 1 and not x == 1)) and (y == 1 or z == 1)',
      'process where (a == 1 or b == 1) and not (x == 1 and (y == 1 or not z == 1))',
      'process where not not (a == 1 and b == 1) or (x == 1 and y == 1 and z > 0)',
    ];
    const names = ['a', 'b', 'x', 'y', 'z'];
    for (const query of queries) {
      const { ast } = parseQuery(query);
      const compiled = compileQuery(ast);
      const filter = (ast.query as { filter: EventFilter }).filter;
      for (let bits = 0; bits < 3 ** names.length; bits++) {
        // Each field 0, 1 or missing; the category right or wrong.
        const fields: Record<string, number> = {};
        let n = bits;
        for (const name of names) {
          if (n % 3 < 2) fields[name] = n % 3;
          n = Math.floor(n / 3);
        }
        for (const category of ['process', 'file']) {
          const event = ev(fields, category);
          const leaves = leavesOf(filter.condition);
          const truth = new Map<Expr, Truth>(leaves.map((l) => [l, truthOf(compiled, l, event)]));
          const categoryTruth = category === 'process';
          const matches = (over: Map<Expr, Truth>, cat: boolean) => cat && evalTree(filter.condition, over) === true;
          const expected: string[] = [];
          if (!matches(truth, categoryTruth)) {
            if (matches(truth, true) && !categoryTruth) expected.push('event.category == "process"→true');
            for (const leaf of leaves) {
              for (const to of [true, false]) {
                if (truth.get(leaf) === to) continue;
                if (matches(new Map(truth).set(leaf, to), categoryTruth)) expected.push(`${conditionLabel(leaf)}→${to}`);
              }
            }
          }
          expect(near(query, event), `${query} on ${JSON.stringify(event)}`).toEqual(expected);
        }
      }
    }
  });
});

function leavesOf(e: Expr): Expr[] {
  if (e.kind === 'not') return leavesOf(e.operand);
  if (e.kind === 'logical') return e.operands.flatMap(leavesOf);
  return [e];
}

/** Three-valued and/or/not over given leaf truths: the oracle. */
function evalTree(e: Expr, leaf: Map<Expr, Truth>): Truth {
  if (e.kind === 'not') {
    const t = evalTree(e.operand, leaf);
    return t === null ? null : !t;
  }
  if (e.kind === 'logical') {
    const ts = e.operands.map((o) => evalTree(o, leaf));
    const stop = e.op === 'or';
    if (ts.includes(stop)) return stop;
    return ts.includes(null) ? null : !stop;
  }
  return leaf.get(e) ?? null;
}
