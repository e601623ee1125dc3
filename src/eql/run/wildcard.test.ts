/**
 * `like`/`like~`/`:` wildcards. Expectations: Elasticsearch EQL docs ("`*` matches zero or more
 * characters, `?` exactly one"; there is no escape, StringUtils.toLikePattern), Lucene
 * WildcardQuery (`*` any string, `?` any single code point, everything else literal, whole term),
 * and Elasticsearch's case-insensitive wildcard automaton (AutomatonQueries.toCaseInsensitiveWildcardNFA:
 * `makeCaseInsensitiveChar` per code point).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldMatches } from '../regex/case-fold.ts';
import { compileWildcard } from './wildcard.ts';

/** Plain reference of Lucene's WildcardQuery over code points: dynamic programming, no shortcuts. */
function reference(pattern: string, value: string, same = (a: string, b: string) => a === b): boolean {
  const p = Array.from(pattern);
  const s = Array.from(value);
  // ok[i][j]: p[0..i) matches s[0..j)
  const ok = Array.from({ length: p.length + 1 }, () => new Array<boolean>(s.length + 1).fill(false));
  ok[0][0] = true;
  for (let i = 1; i <= p.length; i++) {
    for (let j = 0; j <= s.length; j++) {
      if (p[i - 1] === '*') ok[i][j] = ok[i - 1][j] || (j > 0 && ok[i][j - 1]);
      else if (j > 0) ok[i][j] = ok[i - 1][j - 1] && (p[i - 1] === '?' || same(p[i - 1], s[j - 1]));
    }
  }
  return ok[p.length][s.length];
}

describe('wildcards', () => {
  it('treats * and ? in the pattern as wildcards even where the value holds a literal * or ?', () => {
    // The cases: a `?` in the pattern and a literal `*` in the value.
    expect(compileWildcard('?:\\Windows\\System32\\cmd.exe /c del *', false)('C:\\Windows\\System32\\cmd.exe /c del *.tmp')).toBe(true);
    expect(compileWildcard('?*', false)('a*b')).toBe(true);
    expect(compileWildcard('a?*c', false)('a**xc')).toBe(true);
    expect(compileWildcard('*?', true)('?')).toBe(true);
  });

  it('? is one code point, also outside the BMP (Lucene makeAnyChar)', () => {
    expect(compileWildcard('a?b', false)('a😀b')).toBe(true);
    expect(compileWildcard('a??b', false)('a😀b')).toBe(false);
  });

  it('agrees with a reference WildcardQuery on random patterns and values', () => {
    const pat = fc.array(fc.constantFrom('a', 'b', '*', '?', '\\', '😀'), { maxLength: 8 }).map((a) => a.join(''));
    const val = fc.array(fc.constantFrom('a', 'b', '*', '?', '\\', '😀'), { maxLength: 10 }).map((a) => a.join(''));
    fc.assert(
      fc.property(pat, val, (p, v) => {
        expect(compileWildcard(p, false)(v)).toBe(reference(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('like~ agrees with the reference after per-code-point folding of ASCII letters', () => {
    const pat = fc.array(fc.constantFrom('a', 'B', '*', '?', 'k'), { maxLength: 7 }).map((a) => a.join(''));
    const val = fc.array(fc.constantFrom('A', 'b', '*', '?', 'K', 'k'), { maxLength: 9 }).map((a) => a.join(''));
    fc.assert(
      fc.property(pat, val, (p, v) => {
        expect(compileWildcard(p, true)(v)).toBe(reference(p.toLowerCase(), v.toLowerCase()));
      }),
      { numRuns: 2000 },
    );
  });

  it('like~ agrees with a per-code-point fold reference on values with İ, ı, ſ, the Kelvin sign and σ/ς', () => {
    const pat = fc.array(fc.constantFrom('s', 'S', 'k', 'K', 'i', 'I', '*', '?', 'σ', 'Σ'), { maxLength: 6 }).map((a) => a.join(''));
    const val = fc.array(fc.constantFrom('s', 'S', 'ſ', 'k', '\u212a', 'i', 'İ', 'ı', 'I', '*', 'ς', 'σ', '😀'), { maxLength: 8 }).map((a) => a.join(''));
    const ref = (p: string, v: string) => reference(p, v, (a, b) => foldMatches(a.codePointAt(0)!, b.codePointAt(0)!));
    fc.assert(
      fc.property(pat, val, (p, v) => {
        expect(compileWildcard(p, true)(v)).toBe(ref(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('like~ compares ASCII `abc`, `abc*` and `*abc` in place and still folds İ, ı, ſ and the Kelvin sign per code point', () => {
    const core = fc.array(fc.constantFrom('s', 'S', 'k', 'K', 'i', 'I', 'a', '.'), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    const form = fc.constantFrom(
      (c: string) => c,
      (c: string) => `${c}*`,
      (c: string) => `*${c}`,
    );
    const val = fc.array(fc.constantFrom('s', 'S', 'ſ', 'k', '\u212a', 'i', 'İ', 'ı', 'I', 'a', 'A', '.', '😀'), { maxLength: 6 }).map((a) => a.join(''));
    const ref = (p: string, v: string) => reference(p, v, (a, b) => foldMatches(a.codePointAt(0)!, b.codePointAt(0)!));
    fc.assert(
      fc.property(core, form, val, (c, f, v) => {
        const p = f(c);
        expect(compileWildcard(p, true)(v)).toBe(ref(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('like~ folds per code point as Elasticsearch does, not as String.toLowerCase', () => {
    // Lucene CaseFolding (Elasticsearch 9, AutomatonQueriesTests.testCaseInsensitiveCharHandlesSpecialUnicodeMappings):
    // Kelvin sign ↔ k/K, long s ↔ s/S, micro sign ↔ μ.
    expect(compileWildcard('*k*', true)('x\u212ay')).toBe(true);
    expect(compileWildcard('power?hell*', true)('POWERſHELL.EXE')).toBe(true);
    expect(compileWildcard('\u00b5*', true)('\u039cx')).toBe(true);
    // A final sigma is just another case variant of Σ; whole-string toLowerCase would turn the
    // last Σ into ς and miss σ.
    expect(compileWildcard('σισ*', true)('ΣΙΣ')).toBe(true);
    expect(compileWildcard('ΣΙΣ', true)('σισ')).toBe(true);
    // İ accepts i (Java's simple lower case), but i does not accept İ.
    expect(compileWildcard('İ*', true)('i')).toBe(true);
    expect(compileWildcard('i*', true)('İ')).toBe(false);
    expect(compileWildcard('İ*', true)('I')).toBe(false);
  });
});
