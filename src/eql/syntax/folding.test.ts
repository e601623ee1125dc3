import { describe, expect, it } from 'vitest';
import { foldingRanges } from './folding.ts';

describe('foldingRanges', () => {
  it('folds each multi-line sequence stage', () => {
    const q = 'sequence by host.id\n[process where\n  true]\n![file where\n  true]';
    const folds = foldingRanges(q).map((r) => q.slice(r.start, r.end));
    expect(folds).toEqual(['[process where\n  true]', '![file where\n  true]']);
  });

  it('leaves single-line brackets and brackets inside strings alone', () => {
    expect(foldingRanges('process where a in ("[", "(\\n")')).toEqual([]);
  });

  it('folds multi-line parenthesized groups and block comments', () => {
    const q = '/* a\n b */ process where (\n a == 1)';
    expect(foldingRanges(q).map((r) => q.slice(r.start, r.end))).toEqual(['/* a\n b */', '(\n a == 1)']);
  });
});
