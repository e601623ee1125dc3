/**
 * @iarna/toml reads a string literal one character at a time, building it by concatenation:
 * a 5 MB description takes it 1.4–2.8 s (and leaves a rope that costs more to flatten later),
 * on the page's main thread. A rule file is untrusted input, so long strings are taken out of
 * the text before parsing (each replaced by an empty literal of the same kind), decoded here with
 * indexOf and slices, and put back at their paths.
 *
 * Only what can be decoded exactly is swapped: a string with an escape outside TOML's set, or a
 * control character, is left for the parser to judge. And when the swapped text does not parse,
 * the original is parsed as it is, so every error is reported where the parser finds it.
 */
import { scanTomlSpans } from './toml-scan.ts';
import { parsePath } from './toml-path.ts';

/** Strings shorter than this are left to the parser: they cost it nothing worth saving. */
export const LONG_STRING_CHARS = 16_384;

export function parseSwappingLongStrings(text: string, parse: (text: string) => unknown): unknown {
  if (text.length < LONG_STRING_CHARS) return parse(text);
  const swaps: { start: number; end: number; placeholder: string; path: string; value: string }[] = [];
  for (const span of scanTomlSpans(text).values()) {
    const { start, end } = span.valueRange;
    if (end - start < LONG_STRING_CHARS) continue;
    const literal = decodeStringLiteral(text, start, end);
    if (literal) swaps.push({ start, end, placeholder: literal.placeholder, path: span.path, value: literal.value });
  }
  if (swaps.length === 0) return parse(text);
  swaps.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const swap of swaps) {
    // Spans nest (a table holds its keys): a string inside one already swapped is skipped.
    if (swap.start < at) continue;
    parts.push(text.slice(at, swap.start), swap.placeholder);
    at = swap.end;
  }
  parts.push(text.slice(at));
  let data: unknown;
  try {
    data = parse(parts.join(''));
  } catch {
    return parse(text);
  }
  for (const swap of swaps) if (!setAt(data, swap.path, swap.value)) return parse(text);
  return data;
}

function setAt(data: unknown, path: string, value: string): boolean {
  const segments = parsePath(path);
  if (!segments || segments.length === 0) return false;
  let node: unknown = data;
  for (const segment of segments.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string | number, unknown>)[segment];
  }
  const last = segments[segments.length - 1];
  if (node === null || typeof node !== 'object' || (node as Record<string | number, unknown>)[last] !== '') return false;
  (node as Record<string | number, unknown>)[last] = value;
  return true;
}

/** Control characters TOML forbids in strings (tab is allowed; multi-line strings also allow line breaks). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_ONE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/;

/**
 * The value of the string literal filling `text[start, end)` and the empty literal of its kind,
 * or null when it is not a string literal or holds something only the parser should judge.
 */
export function decodeStringLiteral(text: string, start: number, end: number): { value: string; placeholder: string } | null {
  const raw = text.slice(start, end);
  for (const quote of ['"""', "'''"]) {
    if (raw.length >= 6 && raw.startsWith(quote) && raw.endsWith(quote)) {
      let body = raw.slice(3, -3);
      if (FORBIDDEN_MULTI_LINE.test(body)) return null;
      // A line break right after the opening quotes is not part of the string.
      if (body.startsWith('\r\n')) body = body.slice(2);
      else if (body.startsWith('\n')) body = body.slice(1);
      // The body must not hold the closing quotes (the scanner may have stopped early).
      if (quote === "'''" ? body.includes("'''") : false) return null;
      const value = quote === "'''" ? body : unescapeBasic(body, true);
      return value === null ? null : { value, placeholder: quote + quote };
    }
  }
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
    const body = raw.slice(1, -1);
    if (body.includes("'") || FORBIDDEN_ONE_LINE.test(body)) return null;
    return { value: body, placeholder: "''" };
  }
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') && !raw.startsWith('"""')) {
    const body = raw.slice(1, -1);
    if (FORBIDDEN_ONE_LINE.test(body)) return null;
    const value = unescapeBasic(body, false);
    return value === null ? null : { value, placeholder: '""' };
  }
  return null;
}

const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/**
 * A basic string's body with its escapes resolved, or null for anything the parser should judge
 * (an unknown escape, an invalid code point, an unescaped quote in a one-line string).
 */
function unescapeBasic(body: string, multiLine: boolean): string | null {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const slash = body.indexOf('\\', at);
    const chunk = body.slice(at, slash < 0 ? body.length : slash);
    if (!multiLine && chunk.includes('"')) return null;
    if (multiLine && chunk.includes('"""')) return null;
    out.push(chunk);
    if (slash < 0) return out.join('');
    const next = body[slash + 1];
    if (next === undefined) return null;
    if (next in SIMPLE_ESCAPES) {
      out.push(SIMPLE_ESCAPES[next]);
      at = slash + 2;
    } else if (next === 'u' || next === 'U') {
      const digits = next === 'u' ? 4 : 8;
      const hex = body.slice(slash + 2, slash + 2 + digits);
      if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) return null;
      const code = parseInt(hex, 16);
      // Unicode scalar values only: no surrogates, nothing past U+10FFFF.
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
      out.push(String.fromCodePoint(code));
      at = slash + 2 + digits;
    } else if (multiLine && /[ \t\r\n]/.test(next)) {
      // A line-ending backslash: it and all blanks and line breaks after it are dropped; only
      // blanks before the line break are allowed.
      let i = slash + 1;
      while (i < body.length && (body[i] === ' ' || body[i] === '\t')) i++;
      if (body[i] !== '\n' && !(body[i] === '\r' && body[i + 1] === '\n')) return null;
      while (i < body.length && /[ \t\r\n]/.test(body[i])) i++;
      at = i;
    } else return null;
  }
}
