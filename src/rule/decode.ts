/**
 * Rule files arrive as bytes (CLI, server, dropped files). A lossy decode turns every invalid
 * UTF-8 sequence into U+FFFD, and writing the text back would replace the user's bytes for
 * good; so invalid bytes are reported where they stand ('toml/invalid-utf8') and a caller must
 * not rewrite a file that has them.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { LineIndex } from '../line-index.ts';

/** At most this many bytes are reported one by one; the rest are counted in the last message. */
const MAX_REPORTED = 20;

export interface DecodedRule {
  /**
   * The text, invalid sequences as U+FFFD (as the WHATWG decoder gives them); a byte order mark
   * is kept, so an unchanged file writes back byte for byte.
   */
  text: string;
  /** One 'toml/invalid-utf8' error per invalid sequence, with its range in `text`. */
  diagnostics: Diagnostic[];
}

export function decodeRuleBytes(bytes: Uint8Array): DecodedRule {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), diagnostics: [] };
  } catch {
    // Invalid somewhere: decode leniently and find each offending sequence.
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = invalidSequences(bytes);
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = bad.slice(0, MAX_REPORTED).map(({ byteOffset, textOffset, byte }, i) => {
    const { line, column } = index.position(textOffset);
    const more = i === MAX_REPORTED - 1 && bad.length > MAX_REPORTED ? ` (and ${bad.length - MAX_REPORTED} more invalid sequences)` : '';
    return {
      severity: 'error',
      code: 'toml/invalid-utf8',
      source: 'toml',
      message: `Invalid UTF-8 byte 0x${byte.toString(16).padStart(2, '0').toUpperCase()} at line ${line}, column ${column} (byte ${byteOffset})${more}; the file must be saved as UTF-8 before it can be rewritten.`,
      range: { start: textOffset, end: textOffset + 1 },
    };
  });
  return { text, diagnostics };
}

interface InvalidSequence {
  /** Offset of the first byte of the sequence in the input. */
  byteOffset: number;
  /** Offset of its U+FFFD in the decoded text. */
  textOffset: number;
  /** Its first byte. */
  byte: number;
}

/**
 * The WHATWG UTF-8 decoder (encoding.spec.whatwg.org, "UTF-8 decoder"), tracking the UTF-16
 * offset of its output: each maximal invalid subpart becomes one U+FFFD, exactly as TextDecoder
 * replaces it, so offsets line up with the text it produced.
 */
function invalidSequences(bytes: Uint8Array): InvalidSequence[] {
  const out: InvalidSequence[] = [];
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let start = 0;
  let utf16 = 0;
  const fail = (at: number) => {
    out.push({ byteOffset: at, textOffset: utf16, byte: bytes[at] });
    utf16++;
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (needed === 0) {
      start = i;
      if (b <= 0x7f) utf16++;
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        codePoint = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = b & 0x07;
      } else fail(i);
      i++;
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is invalid; this byte starts afresh (not consumed).
      needed = seen = codePoint = 0;
      lower = 0x80;
      upper = 0xbf;
      fail(start);
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (b & 0x3f);
    i++;
    if (++seen === needed) {
      utf16 += codePoint > 0xffff ? 2 : 1;
      needed = seen = codePoint = 0;
    }
  }
  if (needed !== 0) fail(start);
  return out;
}
