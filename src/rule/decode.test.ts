import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRuleBytes } from './decode.ts';
import { lineColumnAt } from '../diagnostic.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const join = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('decodeRuleBytes', () => {
  it('valid UTF-8 (with a byte order mark, kept) decodes without diagnostics', () => {
    const bytes = join([0xef, 0xbb, 0xbf], utf8('[rule]\nname = "é 😀 \uFFFD"\n'));
    expect(decodeRuleBytes(bytes)).toEqual({ text: '\uFEFF[rule]\nname = "é 😀 \uFFFD"\n', diagnostics: [] });
  });

  it('reports each invalid byte at its line and column, in the text a lenient decode gives', () => {
    const bytes = join(utf8('[rule]\nname = "a😀'), [0xff], utf8('b"\nnote = "'), [0xe2, 0x82], utf8('"\n'));
    const { text, diagnostics } = decodeRuleBytes(bytes);
    expect(text).toBe(new TextDecoder().decode(bytes));
    expect(diagnostics.map((d) => d.code)).toEqual(['toml/invalid-utf8', 'toml/invalid-utf8']);
    expect(diagnostics.map((d) => lineColumnAt(text, d.range!.start))).toEqual([
      { line: 2, column: 12 },
      { line: 3, column: 9 },
    ]);
    expect(diagnostics[0].message).toContain('0xFF at line 2, column 12');
    expect(diagnostics[1].message).toContain('0xE2 at line 3, column 9');
  });

  it('for any bytes: the text is what TextDecoder gives, and each report points at one of its U+FFFD', () => {
    const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x0a, 0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 60 }), (list) => {
        const bytes = Uint8Array.from(list);
        const { text, diagnostics } = decodeRuleBytes(bytes);
        expect(text).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(diagnostics.length === 0).toBe(valid);
        for (const d of diagnostics) expect(text[d.range!.start]).toBe('\uFFFD');
        // Every U+FFFD in the text that the file did not really hold is reported (up to 20).
        const replaced = [...text].filter((c) => c === '\uFFFD').length;
        expect(diagnostics.length).toBe(Math.min(replaced - countLiteralReplacement(bytes), 20));
      }),
      { numRuns: 2000, ...(process.env.CI ? { seed: 15 } : {}) },
    );
  });
});

/** Valid EF BF BD sequences (a U+FFFD the file really holds). */
function countLiteralReplacement(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}
