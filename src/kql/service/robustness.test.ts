/**
 * The service never throws on any text: every offset of random KQL-ish text gets completions and
 * a hover (or null) whose ranges lie inside the text, and checks whose ranges do too. Deep input
 * does not overflow the stack.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../eql/schema/index.ts';
import { checkKql, completeKql, hoverKql } from './index.ts';

const schema = getSchema({});
const inside = (text: string, r: { start: number; end: number } | undefined) => !r || (r.start >= 0 && r.start <= r.end && r.end <= text.length);

const piece = fc.constantFrom(
  'process.name',
  'process.pid',
  'dll.pe.sections',
  'file.hash.*',
  '@timestamp',
  'event.category',
  'x',
  '*',
  ':',
  '>',
  '>=',
  '<',
  '(',
  ')',
  '{',
  '}',
  'and',
  'OR',
  'not',
  '"a b',
  '"',
  '\\',
  '\\*',
  '\\u00e9',
  'now-1d/d',
  '10.0.0.0/8',
  'abc',
  '4',
  ' ',
  '\n',
  '\u00a0',
);

describe('robustness', () => {
  it('completion, hover and checks never throw and keep their ranges inside the text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), fc.boolean(), (parts, spaced) => {
        const text = parts.join(spaced ? ' ' : '');
        for (const d of checkKql(text, { schema })) expect(inside(text, d.range)).toBe(true);
        for (let offset = 0; offset <= text.length; offset++) {
          for (const item of completeKql(text, offset, { schema, seenFields: ['process.name'] })) expect(inside(text, item.range)).toBe(true);
          const h = hoverKql(text, offset, { schema });
          if (h) expect(inside(text, h.range)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles 10,000 nested groups and braces', () => {
    for (const [open, close] of [
      ['(', ')'],
      ['a:{ ', ' }'],
    ]) {
      const text = `${open.repeat(10_000)}process.pid:abc${close.repeat(10_000)}`;
      expect(checkKql(text, { schema }).length).toBeGreaterThan(0);
      expect(completeKql(text, text.length, { schema }).map((i) => i.label)).toContain('and');
      expect(hoverKql(text, text.indexOf('pid'), { schema })).not.toBeNull();
    }
  });
});
