import { describe, expect, it } from 'vitest';
import { analyze, lower } from './analyzer.ts';

// Standard analyzer doc: https://www.elastic.co/guide/en/elasticsearch/reference/current/analysis-standard-analyzer.html
// Standard tokenizer doc: https://www.elastic.co/guide/en/elasticsearch/reference/current/analysis-standard-tokenizer.html
describe('analyze: the standard analyzer', () => {
  it('the doc example', () => {
    expect(analyze("The 2 QUICK Brown-Foxes jumped over the lazy dog's bone.")).toEqual([
      'the',
      '2',
      'quick',
      'brown',
      'foxes',
      'jumped',
      'over',
      'the',
      'lazy',
      "dog's",
      'bone',
    ]);
  });

  it('the tokenizer doc example with max_token_length 5 ("jumped" → jumpe, d)', () => {
    expect(analyze("The 2 QUICK Brown-Foxes jumped over the lazy dog's bone.", 5)).toEqual([
      'the',
      '2',
      'quick',
      'brown',
      'foxes',
      'jumpe',
      'd',
      'over',
      'the',
      'lazy',
      "dog's",
      'bone',
    ]);
  });

  it('splits a token longer than 255 characters at 255 (max_token_length default)', () => {
    const long = 'a'.repeat(600);
    expect(analyze(long).map((t) => t.length)).toEqual([255, 255, 90]);
    expect(analyze(`x ${long}-y`).map((t) => t.length)).toEqual([1, 255, 255, 90, 1]);
  });

  // UAX#29 (https://unicode.org/reports/tr29/#Word_Boundaries): MidLetter / MidNum / MidNumLet
  // between letters or digits do not break (WB6/7, WB11/12), ExtendNumLet joins (WB13a/b).
  it.each([
    ['foo.bar', ['foo.bar']],
    ["O'Neil", ["o'neil"]],
    ['3.14', ['3.14']],
    ['1,000', ['1,000']],
    ['a_b _c d_', ['a_b', '_c', 'd_']],
    ['user@example.com', ['user', 'example.com']],
    ['192.168.1.1', ['192.168.1.1']],
    ['C:\\Windows\\System32\\cmd.exe', ['c', 'windows', 'system32', 'cmd.exe']],
    ['wi-fi v1.2', ['wi', 'fi', 'v1.2']],
    ['Fatal Error!', ['fatal', 'error']],
    ['___ --- ...', []],
    ['', []],
  ])('%s', (text, tokens) => {
    expect(analyze(text)).toEqual(tokens);
  });

  it('emits one token per Han ideograph (Lucene <IDEOGRAPHIC>), Hiragana per character, Katakana and Hangul as runs', () => {
    expect(analyze('日本語')).toEqual(['日', '本', '語']);
    expect(analyze('ひらがな')).toEqual(['ひ', 'ら', 'が', 'な']);
    expect(analyze('カタカナ 한국어')).toEqual(['カタカナ', '한국어']);
  });

  it('keeps a Thai run as one token (Lucene <SOUTHEAST_ASIAN>)', () => {
    expect(analyze('ภาษาไทย test')).toEqual(['ภาษาไทย', 'test']);
  });

  it('keeps emoji as tokens (Lucene <EMOJI>) and drops other symbols', () => {
    expect(analyze('👍 ok $ ₹')).toEqual(['👍', 'ok']);
  });
});

describe('lower: Lucene LowerCaseFilter (Character.toLowerCase per code point)', () => {
  it('does not apply the final-sigma rule and maps İ to i', () => {
    expect(lower('ΣΑΣ')).toBe('σασ');
    expect(lower('İSTANBUL')).toBe('istanbul');
  });
});
