import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineIndex, lineColumnAt, lineIndexBuilds } from './line-index.ts';

/** The obvious answer, for comparison. */
function naive(text: string, offset: number) {
  const before = text.slice(0, Math.min(Math.max(offset, 0), text.length));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

describe('LineIndex', () => {
  it('answers as a scan from the start would, for any text and offset, and back', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', 'é', '😀') }), fc.integer({ min: -2, max: 60 }), (text, offset) => {
        const index = new LineIndex(text);
        const at = index.position(offset);
        expect(at).toEqual(naive(text, offset));
        const clamped = Math.min(Math.max(offset, 0), text.length);
        expect(index.offsetOfZeroBased(at.line - 1, at.column - 1)).toBe(clamped);
      }),
    );
  });

  it('lineColumnAt builds one index per text, however many offsets are asked', () => {
    const text = 'a\nb\n'.repeat(50_000);
    const before = lineIndexBuilds();
    for (let i = 0; i < text.length; i += 7) lineColumnAt(text, i);
    expect(lineIndexBuilds() - before).toBe(1);
    expect(lineColumnAt(text, text.length)).toEqual({ line: 100_001, column: 1 });
  });
});
