/**
 * The few Python standard-library behaviours the detection-rules formatter depends on, reproduced
 * exactly: `str.split()` / `str.strip()` whitespace, `str.splitlines(True)`, `len()` in code
 * points, `json.dumps` with its default `ensure_ascii`, and `textwrap.wrap`. Byte-identical output
 * hinges on these details (e.g. U+00A0 is whitespace to Python, U+FEFF is not).
 */

/** Python's `str.isspace()` set, which `split()` and `strip()` use. */
export function isPyWhitespace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** `s.split()`: words separated by runs of whitespace, no empty words. */
export function pySplitWhitespace(s: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    if (isPyWhitespace(s.charCodeAt(i))) {
      if (start >= 0) words.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) words.push(s.slice(start));
  return words;
}

/** `s.strip()`. */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPyWhitespace(s.charCodeAt(a))) a++;
  while (b > a && isPyWhitespace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** `s.splitlines(True)`: lines with their endings, split on every Python line boundary. */
export function pySplitLinesKeepEnds(s: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const isBreak = c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
    if (!isBreak) continue;
    if (c === 0x0d && s.charCodeAt(i + 1) === 0x0a) i++;
    lines.push(s.slice(start, i + 1));
    start = i + 1;
  }
  if (start < s.length) lines.push(s.slice(start));
  return lines;
}

/** `len(s)`: code points, so a surrogate pair counts once. */
export function pyLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const HEX = '0123456789abcdef';

/** `json.dumps(s)` for a string: double quotes, ASCII only (`\uXXXX`, surrogate pairs as two). */
export function pyJsonString(s: string): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(run, i);
    run = i + 1;
    switch (c) {
      case 0x22:
        out += '\\"';
        break;
      case 0x5c:
        out += '\\\\';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      default:
        out += '\\u' + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
    }
  }
  return out + s.slice(run) + '"';
}

/** `repr(float)` as python `toml` writes it (`_dump_float`). */
export function pyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  let s = String(n);
  if (Number.isInteger(n) && !/e/.test(s)) s += '.0';
  // JS writes 1e+21, Python 1e+21 as well; JS 1e-7 vs Python 1e-07 → toml strips the 0 again.
  return s;
}

/**
 * `textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
 * break_long_words=False, break_on_hyphens=False)` for text whose whitespace is already
 * collapsed to single spaces (the formatter always collapses first).
 */
export function pyTextWrap(text: string, width: number, indent = ''): string[] {
  // Chunks alternate words and the single spaces between them.
  const chunks: string[] = [];
  for (const part of text.split(/( +)/)) if (part !== '') chunks.push(part);
  chunks.reverse();
  const lines: string[] = [];
  const room = width - pyLen(indent);
  while (chunks.length > 0) {
    const line: string[] = [];
    let used = 0;
    if (lines.length > 0 && chunks[chunks.length - 1].trim() === '') chunks.pop();
    while (chunks.length > 0) {
      const l = pyLen(chunks[chunks.length - 1]);
      if (used + l > room) break;
      line.push(chunks.pop()!);
      used += l;
    }
    // A word longer than the line goes alone on a line of its own (break_long_words=False).
    if (chunks.length > 0 && pyLen(chunks[chunks.length - 1]) > room && line.length === 0) {
      line.push(chunks.pop()!);
    }
    if (line.length > 0 && line[line.length - 1].trim() === '') line.pop();
    if (line.length > 0) lines.push(indent + line.join(''));
  }
  return lines;
}
