/**
 * Case folding per code point as current Elasticsearch does it: Lucene `Automata.makeCaseInsensitiveChar`
 * → `CaseFolding.expand` (the code point, Java's Character.toUpperCase/toLowerCase, plus a table of
 * special variants), used by Elasticsearch 9's AutomatonQueries for case-insensitive term, prefix and
 * wildcard queries and by RegExp for regex~. Expectations from Elasticsearch's
 * AutomatonQueriesTests.testCaseInsensitiveCharHandlesSpecialUnicodeMappings and Lucene's CaseFolding table.
 */
import { describe, expect, it } from 'vitest';
import { caseVariants, equalsFold, foldKey, foldKeyCp, foldMatches, simpleLower, simpleUpper } from './case-fold.ts';

const cp = (s: string) => s.codePointAt(0)!;

describe('case folding', () => {
  it.each([
    ['K', ['K', 'k', '\u212a']],
    ['\u212a', ['\u212a', 'k', 'K']],
    ['\u017f', ['\u017f', 'S', 's']],
    ['\u00b5', ['\u00b5', '\u039c', '\u03bc']],
    ['σ', ['σ', 'Σ', 'ς']],
    ['ς', ['ς', 'Σ', 'σ']],
    ['ß', ['ß', 'ẞ']], // simple upper case of ß is ß (no one-to-one mapping); the table adds ẞ
    ['İ', ['İ', 'i']],
    ['ǅ', ['ǅ', 'Ǆ', 'ǆ']],
  ])('variants of %s', (c, want) => {
    expect(
      caseVariants(cp(c))
        .map((x) => String.fromCodePoint(x))
        .sort(),
    ).toEqual([...want].sort());
  });

  it('uses Java simple mappings, not JavaScript full ones', () => {
    expect(simpleUpper(cp('ß'))).toBe(cp('ß'));
    expect(simpleUpper(0x1f80)).toBe(0x1f88);
    expect(simpleLower(0x130)).toBe(0x69);
  });

  it('compares strings per code point', () => {
    expect(equalsFold('ΣΙΣ', 'σισ')).toBe(true);
    expect(equalsFold('ΣΙΣ', 'σις')).toBe(true);
    expect(equalsFold('cmd.exe', 'CMD.EXE')).toBe(true);
    expect(equalsFold('s', '\u017f')).toBe(true);
    expect(equalsFold('ss', 'ß')).toBe(false); // no one-to-many folding
    expect(equalsFold('a', 'ab')).toBe(false);
    expect(foldKey('ΣΙΣ')).toBe(foldKey('σις'));
  });

  it('fold keys never separate a code point from one of its variants (all cased planes)', () => {
    // Every cased letter of Unicode 17 lies below U+20000.
    const broken: string[] = [];
    for (let c = 0; c < 0x20000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const k = foldKeyCp(c);
      for (const v of caseVariants(c)) {
        if (foldKeyCp(v) !== k || !foldMatches(c, v)) broken.push(`U+${c.toString(16)}/U+${v.toString(16)}`);
      }
    }
    expect(broken).toEqual([]);
  }, 60_000);
});
