import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQueryDsl } from './compile.ts';

/**
 * For random events and random bool trees of term/exists clauses on keyword fields, `matches`
 * equals a plain reference (README §3: term exact on any value; exists = a non-null value, ""
 * included; bool filter/should+minimum_should_match/must_not), and explain's root truth equals it.
 */
const FIELDS = ['a', 'b', 'c.d'];
const WORDS = ['x', 'y', 'X', ''];

type Tree =
  | { op: 'term'; field: string; value: string }
  | { op: 'exists'; field: string }
  | { op: 'bool'; filter: Tree[]; should: Tree[]; mustNot: Tree[]; min?: number };

const scalar = fc.oneof(fc.constantFrom(...WORDS), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const event = fc.record({ a: value, b: value, c: fc.oneof(fc.record({ d: value }, { requiredKeys: [] }), fc.constant(null)) }, { requiredKeys: [] });

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constant('term' as const), field: fc.constantFrom(...FIELDS), value: fc.constantFrom(...WORDS) }),
    fc.record({ op: fc.constant('exists' as const), field: fc.constantFrom(...FIELDS) }),
    fc.record(
      {
        op: fc.constant('bool' as const),
        filter: fc.array(tie('tree'), { maxLength: 3 }),
        should: fc.array(tie('tree'), { maxLength: 3 }),
        mustNot: fc.array(tie('tree'), { maxLength: 2 }),
        min: fc.integer({ min: 0, max: 3 }),
      },
      { requiredKeys: ['op', 'filter', 'should', 'mustNot'] },
    ),
  ),
})).tree;

function toDsl(t: Tree): object {
  switch (t.op) {
    case 'term':
      return { term: { [t.field]: { value: t.value } } };
    case 'exists':
      return { exists: { field: t.field } };
    case 'bool': {
      const body: Record<string, unknown> = {};
      if (t.filter.length) body.filter = t.filter.map(toDsl);
      if (t.should.length) body.should = t.should.map(toDsl);
      // A single must_not is an object, as Kibana writes it.
      if (t.mustNot.length) body.must_not = t.mustNot.length === 1 ? toDsl(t.mustNot[0]) : t.mustNot.map(toDsl);
      if (t.min !== undefined) body.minimum_should_match = t.min;
      return { bool: body };
    }
  }
}

function valuesOf(ev: Record<string, unknown>, field: string): unknown[] {
  const v = field === 'c.d' ? (ev.c as Record<string, unknown> | null | undefined)?.d : ev[field];
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function reference(t: Tree, ev: Record<string, unknown>): boolean {
  switch (t.op) {
    case 'term':
      return valuesOf(ev, t.field).some((v) => v === t.value);
    case 'exists':
      return valuesOf(ev, t.field).some((v) => v !== null);
    case 'bool': {
      const min = t.min ?? (t.should.length > 0 && t.filter.length === 0 ? 1 : 0);
      const hits = t.should.filter((s) => reference(s, ev)).length;
      return t.filter.every((f) => reference(f, ev)) && hits >= min && !t.mustNot.some((n) => reference(n, ev));
    }
  }
}

describe('compileQueryDsl on bool trees of term/exists', () => {
  it('matches equals the reference, and explain root truth equals matches', () => {
    fc.assert(
      fc.property(tree, fc.array(event, { minLength: 1, maxLength: 5 }), (t, events) => {
        const q = compileQueryDsl(toDsl(t), { fieldType: (f) => (FIELDS.includes(f) ? { type: 'keyword' } : undefined) });
        expect(q.diagnostics).toEqual([]);
        for (const ev of events) {
          const expected = reference(t, ev);
          expect(q.matches(ev)).toBe(expected);
          expect(q.explain(ev).truth).toBe(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('clauses ordered on a sample of events give the same answers (the order is only a speed-up)', () => {
    fc.assert(
      fc.property(tree, fc.array(event, { maxLength: 8 }), fc.array(event, { minLength: 1, maxLength: 5 }), (t, sample, events) => {
        const q = compileQueryDsl(toDsl(t), { fieldType: (f) => (FIELDS.includes(f) ? { type: 'keyword' } : undefined), sample });
        for (const ev of events) {
          const expected = reference(t, ev);
          expect(q.matches(ev)).toBe(expected);
          expect(q.explain(ev).truth).toBe(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
