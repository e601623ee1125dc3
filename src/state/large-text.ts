/**
 * Limits for showing user text. A rule file is untrusted input: a 5 MB one-line description
 * takes the browser seconds to lay out in a textarea (Monaco: a minute), and a saved draft would
 * do it again on every reload. Text beyond these limits is shown summarised until asked for.
 * Pure helpers: no DOM.
 */

/** A form control holding more characters than this shows a read-only excerpt instead. */
export const LARGE_FIELD_CHARS = 100_000;
/** The raw TOML view shows an elided read-only copy when the text or one of its lines is larger. */
export const LARGE_TOML_CHARS = 2_000_000;
export const LONG_TOML_LINE_CHARS = 20_000;
/** How much of an over-long value or line is shown in an excerpt. */
export const EXCERPT_CHARS = 2_000;

export function formatSize(chars: number): string {
  if (chars < 1_000) return `${chars} characters`;
  if (chars < 1_000_000) return `${(chars / 1_000).toFixed(chars < 10_000 ? 1 : 0)} k characters`;
  return `${(chars / 1_000_000).toFixed(1)} M characters`;
}

export function isLargeField(text: string): boolean {
  return text.length > LARGE_FIELD_CHARS;
}

/** `max`, or one less when that would split a surrogate pair. */
function cutAt(text: string, max: number): number {
  const c = text.charCodeAt(max - 1);
  return c >= 0xd800 && c <= 0xdbff ? max - 1 : max;
}

/** The first `max` characters of `text`, with how much was left out. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  const end = cutAt(text, max);
  return `${text.slice(0, end)}… (${formatSize(text.length - end)} more)`;
}

export interface LongestLine {
  /** 1-based line number. */
  line: number;
  length: number;
}

/** The longest line of `text` (found with indexOf, no per-character loop). */
export function longestLine(text: string): LongestLine {
  let best: LongestLine = { line: 1, length: 0 };
  let start = 0;
  for (let line = 1; ; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > best.length) best = { line, length: end - start };
    if (nl < 0) return best;
    start = nl + 1;
  }
}

/** Whether the TOML view should show an elided copy first: the text or a line is too big to lay out quickly. */
export function isLargeToml(text: string): boolean {
  return text.length > LARGE_TOML_CHARS || longestLine(text).length > LONG_TOML_LINE_CHARS;
}

/** At most this many lines of an elided copy are shown. */
export const EXCERPT_LINES = 2_000;

/**
 * A copy of `text` that is quick to lay out: every line longer than `max` cut to `max`
 * characters with a note of what was left out, and at most `maxLines` lines.
 */
export function elideLongLines(text: string, max = EXCERPT_CHARS, maxLines = EXCERPT_LINES): string {
  const out: string[] = [];
  let start = 0;
  for (let line = 1; ; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (line > maxLines) {
      out.push(`… (${formatSize(text.length - start)} more, in further lines)`);
      break;
    }
    if (end - start > max) {
      const cut = start + cutAt(text.slice(start, start + max), max);
      out.push(`${text.slice(start, cut)}… (${formatSize(end - cut)} more on this line)`);
    } else out.push(text.slice(start, end));
    if (nl < 0) break;
    start = nl + 1;
  }
  return out.join('\n');
}

/**
 * A saved draft larger than this is not loaded at start-up: parsing and showing it would block
 * the page for seconds on every reload. The start-up offers to open it or discard it instead.
 */
export const LARGE_DRAFT_CHARS = 1_000_000;
