import { describe, expect, it } from 'vitest';
import { sliceBoundaries, textToBlob } from './events.ts';

describe('large input helpers', () => {
  it('slices without cutting surrogate pairs', () => {
    const text = 'ab😀cd';
    expect(sliceBoundaries(text, 3)).toEqual([2, 5, 6]);
    expect(sliceBoundaries('', 3)).toEqual([]);
  });

  it('builds a blob with the same text', async () => {
    const text = '{"a":"é😀"}\n'.repeat(1000);
    const fractions: number[] = [];
    const blob = await textToBlob(text, (f) => fractions.push(f), 777);
    expect(await blob.text()).toBe(text);
    expect(fractions.at(-1)).toBe(1);
  });
});
