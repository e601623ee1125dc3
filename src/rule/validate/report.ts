/**
 * Collects validation diagnostics and attaches source ranges from the loader's spans.
 *
 * Every rule diagnostic has source 'schema', a TOML path and, when the loader knows where that
 * path stands, a range. A path with no span of its own (a missing key, an array element the
 * loader did not record) borrows the range of its nearest recorded ancestor's key, so the user
 * still lands on the right table header.
 */
import type { Diagnostic, Severity, TextEdit, TextRange } from '../../diagnostic.ts';
import type { LoadedRule } from '../types.ts';
import { locate } from '../load.ts';
import { stringOffsetMap } from './string-offsets.ts';

/**
 * Which part of a key/value pair a diagnostic points at: the key, the whole value, or a slice
 * of a string value given as offsets in the parsed string (a heading inside `note`).
 */
export type Anchor = 'key' | 'value' | { start: number; end: number };

/** A quick fix whose edits are offsets in the parsed string at the diagnostic's path. */
export interface StringFix {
  title: string;
  edits: TextEdit[];
}

export interface Reporter {
  readonly diagnostics: Diagnostic[];
  report(severity: Severity, code: string, path: string, message: string, anchor?: Anchor, fix?: StringFix): void;
  error(code: string, path: string, message: string, anchor?: Anchor): void;
  warning(code: string, path: string, message: string, anchor?: Anchor): void;
}

/**
 * The file range a diagnostic at `path` points at. A path the loader did not record falls back
 * to its nearest recorded ancestor's key; a slice of a string value needs the string's offset
 * map (computed here when not given).
 */
export function locateRange(rule: LoadedRule, path: string, anchor: Anchor = 'value', offsetMap?: number[]): TextRange | undefined {
  const span = locate(rule, path);
  if (!span) return undefined;
  if (span.path !== path || anchor === 'key') return span.keyRange;
  if (anchor === 'value') return span.valueRange;
  const map = offsetMap ?? stringOffsetMap(rule.text, span.valueRange.start);
  if (!map) return span.valueRange;
  const at = (offset: number) => map[Math.min(Math.max(offset, 0), map.length - 1)];
  return { start: at(anchor.start), end: at(anchor.end) };
}

export function createReporter(rule: LoadedRule): Reporter {
  const diagnostics: Diagnostic[] = [];
  // A long `note` or query may get many diagnostics; map its offsets once.
  const offsetMaps = new Map<string, number[] | undefined>();

  function rangeFor(path: string, anchor: Anchor): TextRange | undefined {
    if (typeof anchor === 'object' && !offsetMaps.has(path)) {
      const span = rule.spans.get(path);
      offsetMaps.set(path, span && stringOffsetMap(rule.text, span.valueRange.start));
    }
    return locateRange(rule, path, anchor, offsetMaps.get(path));
  }

  /** Moves a fix into file offsets, escaping its text for the kind of string it lands in. */
  function fileFix(path: string, fix: StringFix): Diagnostic['fix'] | undefined {
    const span = rule.spans.get(path);
    if (!span) return undefined;
    const quote = rule.text[span.valueRange.start];
    const literal = quote === "'";
    const multi = rule.text.startsWith(quote.repeat(3), span.valueRange.start);
    const edits: TextEdit[] = [];
    for (const e of fix.edits) {
      // A literal string cannot escape its own delimiter: such a fix is dropped, not corrupted.
      if (literal && e.text.includes(multi ? "'''" : "'")) return undefined;
      const range = rangeFor(path, e.range);
      if (!range) return undefined;
      edits.push({ range, text: literal ? e.text : JSON.stringify(e.text).slice(1, -1) });
    }
    return { title: fix.title, edits };
  }

  function report(severity: Severity, code: string, path: string, message: string, anchor: Anchor = 'value', fix?: StringFix): void {
    const d: Diagnostic = { severity, code, message, source: 'schema', path };
    const range = rangeFor(path, anchor);
    if (range) d.range = { start: range.start, end: range.end };
    const mappedFix = fix && fileFix(path, fix);
    if (mappedFix) d.fix = mappedFix;
    diagnostics.push(d);
  }

  return {
    diagnostics,
    report,
    error: (code, path, message, anchor) => report('error', code, path, message, anchor),
    warning: (code, path, message, anchor) => report('warning', code, path, message, anchor),
  };
}
