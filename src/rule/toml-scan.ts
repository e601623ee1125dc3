/**
 * Finds where every key and value of a TOML document stands, without building values.
 *
 * @iarna/toml gives us the data but no positions, and diagnostics, form panels and minimal-diff
 * edits all need them. This scanner walks the text once (char codes, no regexes in the loop) and
 * records a KeySpan per TOML path: tables, arrays of tables and their elements, keys (dotted or
 * quoted), values of every kind, inline tables and array elements.
 *
 * It is meant for text @iarna/toml accepted; on broken text it stops quietly at the first thing
 * it does not understand (or nested over 100 levels) and returns what it found so far. It never
 * throws.
 */
import type { KeySpan } from './types.ts';
import { childPath } from './toml-path.ts';

enum Ch {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  Hash = 35,
  SingleQuote = 39,
  Comma = 44,
  Dot = 46,
  Equals = 61,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

/** Thrown internally to abandon scanning of malformed input; never escapes this module. */
class ScanStop extends Error {}

/**
 * Deeper values are not scanned (the loader refuses them, see toml-guard.ts); the bound keeps
 * the recursion far from any stack limit whatever the text.
 */
const MAX_SCAN_DEPTH = 100;

export function scanTomlSpans(text: string): Map<string, KeySpan> {
  const spans = new Map<string, KeySpan>();
  const len = text.length;
  let pos = 0;

  /** Concrete path of each array of tables → number of elements seen so far. */
  const arrayCounts = new Map<string, number>();
  /** Concrete path of the current [table] / [[element]]; '' before the first header. */
  let tablePath = '';
  /** Paths of the tables, arrays of tables and elements that headers opened. */
  const headerPaths = new Set<string>();
  /** Spans whose body ends where the next header starts: the current table and its ancestors. */
  let openSpans: KeySpan[] = [];

  const code = (i: number): number => (i < len ? text.charCodeAt(i) : -1);

  function skipBlank(): void {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === Ch.Space || c === Ch.Tab) pos++;
      else break;
    }
  }

  /** Skips spaces, newlines and comments (inside arrays and between statements). */
  function skipBlankLinesAndComments(): void {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.LineFeed || c === Ch.CarriageReturn) pos++;
      else if (c === Ch.Hash) skipToLineEnd();
      else break;
    }
  }

  function skipToLineEnd(): void {
    while (pos < len && text.charCodeAt(pos) !== Ch.LineFeed) pos++;
  }

  function isBareKeyChar(c: number): boolean {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
  }

  /** Reads one key segment (bare, "basic" or 'literal') and returns its decoded text. */
  function readKeySegment(): string {
    const c = code(pos);
    if (c === Ch.DoubleQuote) {
      const start = pos;
      pos = endOfBasicString(pos);
      return decodeBasic(text.slice(start + 1, pos - 1));
    }
    if (c === Ch.SingleQuote) {
      const close = text.indexOf("'", pos + 1);
      if (close < 0) throw new ScanStop();
      const key = text.slice(pos + 1, close);
      pos = close + 1;
      return key;
    }
    const start = pos;
    while (pos < len && isBareKeyChar(text.charCodeAt(pos))) pos++;
    if (pos === start) throw new ScanStop();
    return text.slice(start, pos);
  }

  /** Reads a dotted key; whitespace is allowed around the dots. */
  function readDottedKey(): string[] {
    const segments = [readKeySegment()];
    for (;;) {
      const save = pos;
      skipBlank();
      if (code(pos) !== Ch.Dot) {
        pos = save;
        return segments;
      }
      pos++;
      skipBlank();
      segments.push(readKeySegment());
    }
  }

  /** Index one past the closing quote of a single-line basic string starting at `start`. */
  function endOfBasicString(start: number): number {
    let i = start + 1;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c === Ch.Backslash) i += 2;
      else if (c === Ch.DoubleQuote) return i + 1;
      else if (c === Ch.LineFeed) throw new ScanStop();
      else i++;
    }
    throw new ScanStop();
  }

  /**
   * Index one past a multi-line string's closing delimiter. Up to two extra quote characters may
   * sit right before the closing three (they belong to the content), so the last three of a run
   * of 3–5 quotes close the string.
   */
  function endOfMultiline(start: number, quote: number): number {
    let i = start + 3;
    while (i < len) {
      const c = text.charCodeAt(i);
      if (quote === Ch.DoubleQuote && c === Ch.Backslash) {
        i += 2;
        continue;
      }
      if (c === quote && code(i + 1) === quote && code(i + 2) === quote) {
        let end = i + 3;
        while (end < i + 5 && code(end) === quote) end++;
        return end;
      }
      i++;
    }
    throw new ScanStop();
  }

  function record(path: string, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): KeySpan {
    const span: KeySpan = {
      path,
      keyRange: { start: keyStart, end: keyEnd },
      valueRange: { start: valueStart, end: valueEnd },
    };
    spans.set(path, span);
    return span;
  }

  /** Scans the value at `pos`, records spans below `path`, and leaves `pos` after the value. */
  /** Brackets and braces open around the value being scanned (recursion is bounded by it). */
  let depth = 0;

  function scanValue(path: string): void {
    const start = pos;
    const c = code(pos);
    if ((c === Ch.OpenBracket || c === Ch.OpenBrace) && depth >= MAX_SCAN_DEPTH) throw new ScanStop();
    if (c === Ch.DoubleQuote || c === Ch.SingleQuote) {
      if (code(pos + 1) === c && code(pos + 2) === c) pos = endOfMultiline(pos, c);
      else if (c === Ch.DoubleQuote) pos = endOfBasicString(pos);
      else {
        const close = text.indexOf("'", pos + 1);
        if (close < 0) throw new ScanStop();
        pos = close + 1;
      }
      return;
    }
    if (c === Ch.OpenBracket) {
      pos++;
      let index = 0;
      for (;;) {
        skipBlankLinesAndComments();
        if (pos >= len) throw new ScanStop();
        if (code(pos) === Ch.CloseBracket) {
          pos++;
          return;
        }
        const itemStart = pos;
        const itemPath = `${path}[${index++}]`;
        depth++;
        scanValue(itemPath);
        depth--;
        if (!spans.has(itemPath)) record(itemPath, itemStart, pos, itemStart, pos);
        skipBlankLinesAndComments();
        if (code(pos) === Ch.Comma) pos++;
        else if (code(pos) !== Ch.CloseBracket) throw new ScanStop();
      }
    }
    if (c === Ch.OpenBrace) {
      pos++;
      for (;;) {
        skipBlankLinesAndComments();
        if (pos >= len) throw new ScanStop();
        if (code(pos) === Ch.CloseBrace) {
          pos++;
          break;
        }
        depth++;
        scanKeyValue(path);
        depth--;
        skipBlankLinesAndComments();
        if (code(pos) === Ch.Comma) pos++;
        else if (code(pos) !== Ch.CloseBrace) throw new ScanStop();
      }
      return;
    }
    // Numbers, booleans, dates: everything up to a delimiter, without trailing blanks.
    while (pos < len) {
      const d = text.charCodeAt(pos);
      if (d === Ch.Comma || d === Ch.CloseBracket || d === Ch.CloseBrace || d === Ch.Hash || d === Ch.LineFeed || d === Ch.CarriageReturn) break;
      pos++;
    }
    while (pos > start && (code(pos - 1) === Ch.Space || code(pos - 1) === Ch.Tab)) pos--;
    if (pos === start) throw new ScanStop();
  }

  /** `key = value` below `parent`; records the key's span (and, by recursion, nested ones). */
  function scanKeyValue(parent: string): void {
    const keyStart = pos;
    const segments = readDottedKey();
    const keyEnd = pos;
    skipBlank();
    if (code(pos) !== Ch.Equals) throw new ScanStop();
    pos++;
    skipBlank();
    let path = parent;
    for (const seg of segments) path = childPath(path, seg);
    const valueStart = pos;
    // Recorded before scanning so nested spans come after their parent in iteration order.
    const span = record(path, keyStart, keyEnd, valueStart, valueStart);
    scanValue(path);
    span.valueRange.end = pos;
  }

  /** Closes the bodies of the open table and of the tables and arrays enclosing it at `end`. */
  function closeTable(end: number): void {
    let e = end;
    // A body ends at its last non-blank character, so highlights do not swallow blank lines.
    while (e > 0) {
      const c = text.charCodeAt(e - 1);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.LineFeed || c === Ch.CarriageReturn) e--;
      else break;
    }
    for (const s of openSpans) s.valueRange.end = Math.max(e, s.valueRange.start);
  }

  /** Resolves header segments to a concrete path: arrays of tables step into their last element. */
  function resolveHeader(segments: string[], uptoExclusive: number): string {
    let path = '';
    for (let i = 0; i < uptoExclusive; i++) {
      path = childPath(path, segments[i]);
      const count = arrayCounts.get(path);
      if (count !== undefined) path = `${path}[${count - 1}]`;
    }
    return path;
  }

  function scanHeader(): void {
    const headerStart = pos;
    const isArray = code(pos + 1) === Ch.OpenBracket;
    pos += isArray ? 2 : 1;
    skipBlank();
    const segments = readDottedKey();
    skipBlank();
    if (code(pos) !== Ch.CloseBracket) throw new ScanStop();
    pos++;
    if (isArray) {
      if (code(pos) !== Ch.CloseBracket) throw new ScanStop();
      pos++;
    }
    const headerEnd = pos;
    skipBlank();
    if (code(pos) === Ch.Hash) skipToLineEnd();
    if (code(pos) === Ch.CarriageReturn) pos++;
    if (code(pos) === Ch.LineFeed) pos++;
    const bodyStart = pos;

    closeTable(headerStart);
    const parent = resolveHeader(segments, segments.length - 1);
    const own = childPath(parent, segments[segments.length - 1]);
    if (isArray) {
      const count = arrayCounts.get(own) ?? 0;
      arrayCounts.set(own, count + 1);
      // The array's own span starts at its first element's header and grows with each element.
      if (count === 0) headerPaths.add(record(own, headerStart, headerEnd, headerStart, bodyStart).path);
      tablePath = `${own}[${count}]`;
    } else {
      tablePath = own;
    }
    record(tablePath, headerStart, headerEnd, bodyStart, bodyStart);
    headerPaths.add(tablePath);
    // The open bodies are this table's and its header-opened ancestors'. They are found by
    // walking the header's own prefixes (not every header seen so far, which made a file with
    // 10,000 [[rule.threat]] entries quadratic).
    openSpans = [];
    let prefix = '';
    for (let i = 0; i < segments.length; i++) {
      prefix = childPath(prefix, segments[i]);
      openIfHeader(prefix);
      const count = arrayCounts.get(prefix);
      if (count !== undefined) {
        prefix = `${prefix}[${count - 1}]`;
        openIfHeader(prefix);
      }
    }
  }

  function openIfHeader(path: string): void {
    if (!headerPaths.has(path)) return;
    const s = spans.get(path);
    if (s && !openSpans.includes(s)) openSpans.push(s);
  }

  try {
    for (;;) {
      skipBlankLinesAndComments();
      if (pos >= len) break;
      if (code(pos) === Ch.OpenBracket) scanHeader();
      else {
        scanKeyValue(tablePath);
        skipBlank();
        if (code(pos) === Ch.Hash) skipToLineEnd();
      }
    }
    closeTable(len);
  } catch {
    // ScanStop on text we do not understand; anything else would be our bug. Either way the
    // caller gets the spans found so far rather than an exception.
    closeTable(Math.min(pos, len));
  }
  return spans;
}

/** Decodes the escapes of a TOML basic string body (used for quoted keys). */
export function decodeBasic(body: string): string {
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'f':
        out += '\f';
        break;
      case 'r':
        out += '\r';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        const n = e === 'u' ? 4 : 8;
        out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + n), 16) || 0xfffd);
        i += n;
        break;
      }
      default:
        out += e ?? '';
    }
  }
  return out;
}
