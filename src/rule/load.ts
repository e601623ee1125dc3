/**
 * Loads a rule file: the exact text, the parsed TOML data, and where every key stands.
 *
 * Loading never throws: a TOML syntax error becomes a 'toml/syntax' diagnostic and `data` is
 * null, so the editor can keep showing the text while the user fixes it.
 */
import './toml-global.ts'; // before @iarna/toml: it needs `global` in browsers
import TOML from '@iarna/toml';
import type { Diagnostic } from '../diagnostic.ts';
import type { KeySpan, LoadedRule, TomlTable, TomlValue } from './types.ts';
import { scanTomlSpans } from './toml-scan.ts';
import { parsePath, formatPath } from './toml-path.ts';
import { deepBracketOffset, integerRangeDiagnostics, pathTooDeep, tooDeepDiagnostic } from './toml-guard.ts';
import { LineIndex } from '../line-index.ts';
import { setOwn } from './own-key.ts';
import { parseSwappingLongStrings } from './toml-long-strings.ts';

export function loadRule(text: string, path?: string): LoadedRule {
  // Brackets nested too deep are found by a cheap scan before parsing (the parser takes seconds
  // over a megabyte of them); the key holding them is the last one the span scanner reached.
  const bracket = deepBracketOffset(text);
  if (bracket >= 0) {
    const holder = lastKeyBefore(scanTomlSpans(text), bracket);
    const at = (holder && parsePath(holder.path)) || [];
    return { path, text, data: null, spans: new Map(), diagnostics: [tooDeepDiagnostic(text, at, bracket)] };
  }
  let parsed: unknown;
  try {
    parsed = parseToml(text);
  } catch (err) {
    return { path, text, data: null, spans: new Map(), diagnostics: [syntaxDiagnostic(err, text)] };
  }
  // Headers and dotted keys nest too (`[rule.a.a.a…]`): the parsed data is measured as well, as
  // our walks (validators, formatter, forms) recurse over it.
  const deep = pathTooDeep(parsed);
  if (deep) {
    const offset = locateIn(scanTomlSpans(text), formatPath(deep))?.keyRange.start ?? 0;
    return { path, text, data: null, spans: new Map(), diagnostics: [tooDeepDiagnostic(text, deep, offset)] };
  }
  const spans = scanTomlSpans(text);
  const outOfRange = integerRangeDiagnostics(text, spans);
  if (outOfRange.length > 0) return { path, text, data: null, spans, diagnostics: outOfRange };
  return {
    path,
    text,
    data: toPlain(parsed) as TomlTable,
    spans,
    diagnostics: [],
  };
}

/**
 * @iarna/toml rejects a CRLF line ending after a comment ("control characters are not allowed
 * in comments"), which TOML allows; files saved on Windows hit it. Such text is parsed again with
 * LF endings (the data is the same; spans are still computed on the original text).
 */
function parseToml(text: string): unknown {
  // Long strings are decoded apart: the parser takes seconds over a 5 MB one (toml-long-strings.ts).
  const parse = (t: string) => parseSwappingLongStrings(t, (swapped) => TOML.parse(swapped));
  try {
    return parse(text);
  } catch (err) {
    if (!text.includes('\r\n')) throw err;
    try {
      return parse(text.replace(/\r\n/g, '\n'));
    } catch {
      throw err;
    }
  }
}

/**
 * The span of `path`, or of its closest enclosing key when `path` itself is not in the text (a
 * missing required key is reported at its table). Compare `span.path` with `path` to tell the two
 * apart. Undefined when nothing encloses it (or the rule did not parse).
 */
export function locate(rule: LoadedRule, path: string): KeySpan | undefined {
  return locateIn(rule.spans, path);
}

/** The span of the last key written before `offset`. */
function lastKeyBefore(spans: Map<string, KeySpan>, offset: number): KeySpan | undefined {
  let best: KeySpan | undefined;
  for (const span of spans.values()) {
    if (span.keyRange.start <= offset && (!best || span.keyRange.start > best.keyRange.start)) best = span;
  }
  return best;
}

function locateIn(spans: Map<string, KeySpan>, path: string): KeySpan | undefined {
  const exact = spans.get(path);
  if (exact) return exact;
  const segments = parsePath(path);
  if (!segments) return undefined;
  for (let n = segments.length - 1; n > 0; n--) {
    const span = spans.get(formatPath(segments.slice(0, n)));
    if (span) return span;
  }
  return undefined;
}

interface TomlParseError {
  message?: unknown;
  line?: unknown;
  col?: unknown;
  pos?: unknown;
}

function syntaxDiagnostic(err: unknown, text: string): Diagnostic {
  const e = (err ?? {}) as TomlParseError;
  const raw = typeof e.message === 'string' ? e.message : String(err);
  // @iarna/toml appends " at row R, col C, pos P:" and a source excerpt; we show the sentence
  // alone and carry the position in the range.
  let sentence = raw
    .split(/ at row \d+, col \d+, pos \d+:/)[0]
    .split('\n')[0]
    .trim();
  if (sentence === '') sentence = 'Invalid TOML';
  if (!/[.!?]$/.test(sentence)) sentence += '.';
  // The reported line/column is where the user sees the problem; `pos` can be one past it.
  const offset =
    typeof e.line === 'number' && typeof e.col === 'number' ? new LineIndex(text).offsetOfZeroBased(e.line, e.col) : typeof e.pos === 'number' ? e.pos : 0;
  const pos = Math.min(Math.max(offset, 0), text.length);
  return {
    severity: 'error',
    code: 'toml/syntax',
    source: 'toml',
    message: `TOML syntax error: ${sentence}`,
    range: { start: pos, end: Math.min(pos + 1, text.length) },
  };
}

/**
 * @iarna/toml returns null-prototype objects tagged with symbols; consumers (validators, the
 * UI, structuredClone to the worker) get plain objects. Every key the user wrote is an own key
 * (`__proto__` included, which plain assignment would turn into a prototype change, dropping
 * the table from validation and from every writer). Depth is bounded by the caller.
 */
function toPlain(value: unknown): TomlValue {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Date) return value;
  if (typeof value === 'bigint') return Number(value);
  if (value !== null && typeof value === 'object') {
    const out: TomlTable = {};
    for (const key of Object.keys(value)) setOwn(out, key, toPlain((value as Record<string, unknown>)[key]));
    return out;
  }
  return value as TomlValue;
}
