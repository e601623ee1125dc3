/**
 * Writing rules back: export, and edits that change only the edited key's lines.
 *
 * An unchanged rule exports as its own text, byte for byte. An edit becomes text edits against
 * the current text (like node-jsonc-parser's `modify`): the value is serialised as the
 * detection-rules formatter would write it, a new key goes where the formatter would put it
 * (sorted within its table, `query` last), and the rule is re-loaded so spans stay true.
 * Structural changes inside an array of tables (adding a technique, removing a threat entry)
 * rewrite that one array block, in formatter layout.
 */
import type { Diagnostic, TextEdit, TextRange } from '../diagnostic.ts';
import type { KeySpan, LoadedRule, TomlTable, TomlValue } from './types.ts';
import { loadRule } from './load.ts';
import { formatNestedValue, formatRule, formatSectionKey, formatTableBlock } from './format.ts';
import { childPath, formatPath, parsePath, type PathSegment } from './toml-path.ts';
import { lostKeyPaths } from './key-paths.ts';
import { getOwn } from './own-key.ts';
import { isTable } from './validate/values.ts';

const SECTIONS = ['metadata', 'transform', 'rule'];
const QUERY_KEYS = ['query', 'threat_query'];

export type ExportResult = { text: string } | { error: Diagnostic };

/**
 * The text to save: the rule's own text when it parses and its queries are writable. A rule that
 * carries a refused edit (see `setValue`) is not exported either: its text lacks what the user
 * last typed, and saving it would silently drop that.
 */
export function exportRule(rule: LoadedRule): ExportResult {
  if (!rule.data) {
    return {
      error: rule.diagnostics[0] ?? editError('toml/syntax', 'The rule is not valid TOML, so it cannot be exported.'),
    };
  }
  const pending = rule.diagnostics.find((d) => d.severity === 'error' && d.source === 'toml');
  if (pending) return { error: pending };
  const problem = checkWritable(rule.data);
  if (problem) return { error: problem };
  return { text: rule.text };
}

/**
 * The rule in detection-rules formatter layout (what `toml-lint` would write), or why it cannot
 * be written. The UI's "Format" action and `rule-studio fmt` use this.
 */
export function formatLoadedRule(rule: LoadedRule): ExportResult {
  if (!rule.data) {
    return { error: rule.diagnostics[0] ?? editError('toml/syntax', 'The rule is not valid TOML, so it cannot be formatted.') };
  }
  // A file-level problem (invalid UTF-8 reported by the reader, a refused edit) stops it too.
  const pending = rule.diagnostics.find((d) => d.severity === 'error' && d.source === 'toml');
  if (pending) return { error: pending };
  const problem = checkWritable(rule.data);
  if (problem) return { error: problem };
  const text = formatRule(rule.data);
  const lost = formattingLoss(rule.data, text);
  return lost ? { error: lost } : { text };
}

/**
 * The formatter writes what detection-rules knows (the three sections, tables, arrays of
 * tables); content outside that (another top-level table, a list mixing tables and values, an
 * empty query) would silently vanish from the file. Such output is refused rather than saved.
 */
function formattingLoss(data: TomlTable, text: string): Diagnostic | null {
  const reread = loadRule(text);
  if (!reread.data) {
    return editError('toml/format-would-lose', 'Formatting this rule would not give valid TOML, so the file was left as it is.');
  }
  const lost = lostKeyPaths(data, reread.data);
  if (lost.length === 0) return null;
  const shown =
    lost
      .slice(0, 3)
      .map((p) => `\`${p}\``)
      .join(', ') + (lost.length > 3 ? ` and ${lost.length - 3} more` : '');
  return editError(
    'toml/format-would-lose',
    `Formatting would remove ${shown}, which the detection-rules format cannot write; the file was left as it is.`,
    lost[0].replaceAll('[]', '[0]'),
  );
}

/**
 * Queries are written as `'''` literal blocks (as upstream does); a query containing `'''` or a
 * control character cannot be written that way, and upstream would silently write broken TOML.
 */
export function checkWritable(data: TomlTable): Diagnostic | null {
  const rule = data.rule;
  if (!isTable(rule)) return null;
  for (const key of QUERY_KEYS) {
    const q = rule[key];
    if (typeof q !== 'string') continue;
    if (q.includes("'''")) {
      return editError(
        'toml/unwritable-query',
        `The ${key.replace('_', ' ')} contains ''' which cannot be written inside the ''' block detection-rules uses; change it (for example to "'" + "''") before saving.`,
        `rule.${key}`,
      );
    }
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(q)) {
      return editError(
        'toml/unwritable-query',
        `The ${key.replace('_', ' ')} contains a control character that a ''' block cannot hold; remove it before saving.`,
        `rule.${key}`,
      );
    }
  }
  return null;
}

/**
 * Sets the value at `path` ('rule.severity', 'rule.threat[0].tactic.id', 'rule.tags[2]') and
 * returns the re-loaded rule. Never throws: a refused edit returns the rule's text unchanged,
 * with the reason added to its diagnostics (and `exportRule` refuses until a later edit
 * succeeds). Use `applyFieldEdit` to get the reason as a separate value.
 */
export function setValue(rule: LoadedRule, path: string, value: TomlValue): LoadedRule {
  const result = editRule(rule, path, value);
  if ('error' in result) return { ...rule, diagnostics: [...rule.diagnostics, result.error] };
  return result.rule;
}

/** Removes the key (or array element, or table) at `path`; see `setValue` for refusals. */
export function removeKey(rule: LoadedRule, path: string): LoadedRule {
  const result = editRule(rule, path, undefined);
  if ('error' in result) return { ...rule, diagnostics: [...rule.diagnostics, result.error] };
  return result.rule;
}

/**
 * Sets (`value` given) or removes (`value` undefined) the value at `path`: the re-loaded rule, or
 * why the edit is refused (invalid path, a query containing `'''`, a broken file). Never throws.
 */
export function applyFieldEdit(rule: LoadedRule, path: string, value: TomlValue | undefined): EditResult {
  return editRule(rule, path, value);
}

/**
 * The edit as text edits against `rule.text` (for editors that apply edits to keep their undo
 * history), or the reason it is refused.
 */
export function planSetValue(rule: LoadedRule, path: string, value: TomlValue | undefined): TextEdit[] | Diagnostic {
  const result = editRule(rule, path, value);
  if ('error' in result) return result.error;
  return result.rule.text === rule.text ? [] : [diffEdit(rule.text, result.rule.text)];
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return out;
}

// ------------------------------------------------------------------------------------------------

export type EditResult = { rule: LoadedRule } | { error: Diagnostic };

/** `value` undefined means remove. Each primitive step edits the text and re-loads it. */
function editRule(rule: LoadedRule, path: string, value: TomlValue | undefined): EditResult {
  if (!rule.data) {
    return { error: editError('toml/syntax', 'The rule is not valid TOML; fix the syntax error before editing fields.', path) };
  }
  const segs = parsePath(path);
  if (!segs || segs.length === 0 || typeof segs[0] !== 'string') {
    return { error: editError('rule/edit-path', `'${path}' is not a valid TOML path.`, path) };
  }
  const newData = value === undefined ? removeAt(rule.data, segs) : setAt(rule.data, segs, value);
  if (!newData) return { error: editError('rule/edit-path', `'${path}' does not lead to a table or array in this rule.`, path) };
  const problem = checkWritable(newData);
  if (problem) return { error: problem };

  // A file already in formatter layout stays in it: the formatter's output for the new data
  // differs from the old text exactly where the edit is. Accepted only when it is stable (a
  // single-line description with a backslash is not, upstream doubles it on every save).
  const original = formatRule(rule.data);
  if (original === rule.text) {
    const candidate = formatRule(newData);
    const reloaded = loadRule(candidate, rule.path);
    // …and only when it keeps every key of the new data (it cannot write e.g. a top-level key).
    if (reloaded.data && formatRule(reloaded.data) === candidate && lostKeyPaths(newData, reloaded.data).length === 0) {
      return { rule: reloaded };
    }
  }

  // An array item is written by rewriting its array (a list key, or an array of tables), so
  // the list keeps the formatter's layout and removals renumber correctly.
  const target = typeof segs[segs.length - 1] === 'number' && segs.length > 2 ? segs.slice(0, -1) : segs;
  const text = rewrite(rule, target, newData);
  if (text === null) {
    return { error: editError('rule/edit-unsupported', `Cannot write '${path}' into this file's layout.`, path) };
  }
  const next = loadRule(text, rule.path);
  if (!next.data) {
    return { error: editError('rule/edit-failed', `Writing '${path}' would make the file invalid TOML, so the edit was not applied.`, path) };
  }
  return { rule: next };
}

/** The new text for the change at `segs`, given the whole new data; null when unsupported. */
function rewrite(rule: LoadedRule, segs: PathSegment[], newData: TomlTable): string | null {
  const text = rule.text;
  const section = segs[0] as string;
  const sectionValue = newData[section];

  // A whole section added or removed.
  if (segs.length === 1) {
    const span = rule.spans.get(section);
    if (span) {
      const region = { start: span.keyRange.start, end: span.valueRange.end };
      if (sectionValue === undefined) return removeRegion(text, region);
      if (!isTable(sectionValue) || !SECTIONS.includes(section)) return null;
      return splice(text, region, sectionBlock(section, sectionValue));
    }
    if (sectionValue === undefined) return text;
    if (!isTable(sectionValue) || !SECTIONS.includes(section)) return null;
    return insertSection(rule, section, sectionValue);
  }
  if (!isTable(sectionValue)) return null;
  if (!rule.spans.has(section)) return insertSection(rule, section, sectionValue);

  // Anything inside an array of tables directly under the section: rewrite that array's block,
  // unless it is a plain key (existing or new) of a table that is already written.
  const sectionKey = segs[1];
  if (typeof sectionKey !== 'string') return null;
  const topKey = formatPath([section, sectionKey]);
  const topSpan = rule.spans.get(topKey);
  const topValue = sectionValue[sectionKey];
  const inArrayOfTables = (topSpan && spanKind(text, topSpan) === 'array-of-tables') || (Array.isArray(topValue) && topValue.some(isTable));

  const keyEdit = plainKeyEdit(rule, segs, newData);
  if (keyEdit !== undefined) return keyEdit;

  if (segs.length === 2 || inArrayOfTables) return rewriteSectionKey(rule, section, sectionKey, topValue);

  // Deeper inside a table (or inline value) below the section.
  return rewriteNested(rule, segs, newData);
}

/**
 * Handles a path whose parent is already written as a header table or an inline value: replace
 * the value in place, insert a new `key = value` line in sorted position, or delete the line.
 * Returns undefined when the change is structural (a new table or array of tables).
 */
function plainKeyEdit(rule: LoadedRule, segs: PathSegment[], newData: TomlTable): string | null | undefined {
  const text = rule.text;
  const path = formatPath(segs);
  const span = rule.spans.get(path);
  const value = getAt(newData, segs);
  const last = segs[segs.length - 1];
  const inRuleQuery = segs.length === 2 && segs[0] === 'rule' && QUERY_KEYS.includes(String(last));

  if (span) {
    const kind = spanKind(text, span);
    if (kind !== 'key' && kind !== 'item') return undefined;
    if (value === undefined) {
      if (kind === 'item') return undefined; // the parent array is rewritten instead
      if (inRuleQuery) return removeQueryBlock(text, span);
      return removeRegion(text, { start: span.keyRange.start, end: span.valueRange.end });
    }
    if (isStructural(value)) return undefined;
    return splice(text, span.valueRange, valueText(segs, value));
  }

  if (value === undefined || typeof last !== 'string' || isStructural(value)) return undefined;
  // A new key: its parent must be a header table already in the text.
  const parentPath = formatPath(segs.slice(0, -1));
  const parentSpan = rule.spans.get(parentPath);
  const parentKind = parentSpan ? spanKind(text, parentSpan) : undefined;
  if (!parentSpan || (parentKind !== 'table' && parentKind !== 'element')) return undefined;
  const siblings = directKeys(rule, parentPath);
  const rank = (k: string): [number, string] => [segs.length === 2 && segs[0] === 'rule' ? QUERY_KEYS.indexOf(k) + 1 : 0, k];
  const mine = rank(last);
  const before = siblings.filter((s) => compareRank(rank(s.key), mine) < 0);
  const line = `${keyText(last)} = ${valueText(segs, value)}\n`;
  if (inRuleQuery) {
    // The formatter sets the query block off with a blank line before (and two after, when
    // tables follow).
    const at = before.length > 0 ? lineEnd(text, before[before.length - 1].span.valueRange.end) : parentSpan.valueRange.start;
    const followedByHeader = /^\s*\[/.test(text.slice(at));
    return splice(text, { start: at, end: at }, `\n${line}${followedByHeader ? '\n' : ''}`);
  }
  if (before.length > 0) {
    const at = lineEnd(text, before[before.length - 1].span.valueRange.end);
    return splice(text, { start: at, end: at }, line);
  }
  const at = siblings.length > 0 ? lineStart(text, siblings[0].span.keyRange.start) : parentSpan.valueRange.start;
  return splice(text, { start: at, end: at }, line);
}

/** Rewrites one key directly under a section: value in place, or its whole block. */
function rewriteSectionKey(rule: LoadedRule, section: string, key: string, value: TomlValue | undefined): string | null {
  const text = rule.text;
  const span = rule.spans.get(formatPath([section, key]));
  if (value === undefined) {
    if (!span) return text;
    if (spanKind(text, span) === 'table') return removeTable(rule, span);
    return removeRegion(text, { start: span.keyRange.start, end: span.valueRange.end });
  }
  const formatted = formatSectionKey(section, key, value);
  if (span) {
    const kind = spanKind(text, span);
    if (formatted.place === 'top' && kind === 'key') return splice(text, span.valueRange, formatted.text);
    if (kind === 'array-of-tables' && formatted.place === 'bottom' && Array.isArray(value)) {
      // Elements only added at the end: the ones written stay as laid out, the new ones follow.
      const added = appendedItems(rule.data![section], key, value);
      if (added) return insertBlockAt(text, span.valueRange.end, formatSectionKey(section, key, added).text);
      return splice(text, { start: span.keyRange.start, end: span.valueRange.end }, formatted.text);
    }
    // The value changes shape (table ↔ key): remove it, then add it anew.
    const without = kind === 'table' ? removeTable(rule, span) : removeRegion(text, { start: span.keyRange.start, end: span.valueRange.end });
    if (without === null) return null;
    const reloaded = loadRule(without, rule.path);
    if (!reloaded.data) return null;
    return rewriteSectionKey(reloaded, section, key, value);
  }
  const sectionSpan = rule.spans.get(section);
  if (!sectionSpan) return null;
  if (formatted.place === 'top') {
    const data = setAt(rule.data!, [section, key], value);
    return data ? (plainKeyEdit(rule, [section, key], data) ?? null) : null;
  }
  if (isTable(value)) {
    // Sub-tables are written after everything else in the section.
    return insertBlockAt(text, sectionSpan.valueRange.end, formatted.text);
  }
  // Arrays of tables come after the keys (and the query), before the sub-tables.
  const firstSubTable = [...rule.spans.values()]
    .filter((s) => s.keyRange.start > sectionSpan.keyRange.start && s.keyRange.start < sectionSpan.valueRange.end)
    .filter((s) => spanKind(text, s) !== 'key' && spanKind(text, s) !== 'item')
    .map((s) => s.keyRange.start)
    .sort((a, b) => a - b)[0];
  if (firstSubTable === undefined) return insertBlockAt(text, sectionSpan.valueRange.end, formatted.text);
  return splice(text, { start: firstSubTable, end: firstSubTable }, `${formatted.text}\n\n`);
}

/** The items `next` adds after the current items of `section[key]`, when it changes none of them. */
function appendedItems(section: TomlValue | undefined, key: string, next: TomlValue[]): TomlValue[] | null {
  const current = isTable(section) ? section[key] : undefined;
  if (!Array.isArray(current) || next.length <= current.length) return null;
  const same = (a: TomlValue, b: TomlValue) => formatNestedValue(key, a) === formatNestedValue(key, b);
  return current.every((item, i) => same(item, next[i])) ? next.slice(current.length) : null;
}

/** A change below a table under a section (e.g. `rule.alert_suppression.duration`). */
function rewriteNested(rule: LoadedRule, segs: PathSegment[], newData: TomlTable): string | null {
  const text = rule.text;
  // The closest enclosing path written in the text decides how to write the change.
  for (let n = segs.length; n >= 2; n--) {
    const span = rule.spans.get(formatPath(segs.slice(0, n)));
    if (!span) continue;
    const kind = spanKind(text, span);
    const value = getAt(newData, segs.slice(0, n));
    if (kind === 'key' || kind === 'item') {
      if (value === undefined) return removeRegion(text, { start: span.keyRange.start, end: span.valueRange.end });
      return splice(text, span.valueRange, valueText(segs.slice(0, n), value));
    }
    if (kind !== 'table') return null;
    const header = headerOf(segs.slice(0, n));
    if (n === segs.length) {
      // The table itself is replaced or removed.
      const removed = removeTable(rule, span);
      if (removed === null || value === undefined) return removed;
      if (!isTable(value)) return null;
      const reloaded = loadRule(removed, rule.path);
      return reloaded.data ? rewriteNested(reloaded, segs, newData) : null;
    }
    const child = segs[n];
    const childValue = getAt(newData, segs.slice(0, n + 1));
    if (typeof child !== 'string' || !isTable(childValue)) return null;
    // A new sub-table: written after the section's other tables, as the formatter does.
    const sectionSpan = rule.spans.get(segs[0] as string);
    if (!sectionSpan) return null;
    return insertBlockAt(text, sectionSpan.valueRange.end, formatTableBlock(`${header}.${keyText(child)}`, childValue));
  }
  // Nothing written yet below the section: add the section key's block.
  const sectionKey = segs[1] as string;
  return rewriteSectionKey(rule, segs[0] as string, sectionKey, (newData[segs[0] as string] as TomlTable)[sectionKey]);
}

// ------------------------------------------------------------------------------------------------
// Text helpers

type SpanKind = 'table' | 'array-of-tables' | 'element' | 'key' | 'item';

/** Tells spans apart by their shape (see toml-scan.ts for how each kind is recorded). */
function spanKind(text: string, span: KeySpan): SpanKind {
  const isIndexed = span.path.endsWith(']');
  if (isIndexed) return span.keyRange.start === span.valueRange.start ? 'item' : 'element';
  if (text.charCodeAt(span.keyRange.start) !== 91 /* [ */) return 'key';
  return span.keyRange.start === span.valueRange.start ? 'array-of-tables' : 'table';
}

/** The `key = value` lines written directly in a header table's body, in text order. */
function directKeys(rule: LoadedRule, tablePath: string): { key: string; span: KeySpan }[] {
  const table = getAt(rule.data!, parsePath(tablePath) ?? []);
  if (!isTable(table)) return [];
  const out: { key: string; span: KeySpan }[] = [];
  for (const key of Object.keys(table)) {
    const span = rule.spans.get(childPath(tablePath, key));
    if (span && spanKind(rule.text, span) === 'key') out.push({ key, span });
  }
  return out.sort((a, b) => a.span.keyRange.start - b.span.keyRange.start);
}

function compareRank(a: [number, string], b: [number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** The formatter's text for the value at `segs` (the part after `key = `). */
function valueText(segs: PathSegment[], value: TomlValue): string {
  const section = segs[0] as string;
  if (segs.length === 2) {
    const formatted = formatSectionKey(section, segs[1] as string, value);
    if (formatted.place === 'top') return safeValueText(formatted.text, value);
  }
  // Array items and nested keys: the nearest key name decides Markdown handling.
  const key = [...segs].reverse().find((s): s is string => typeof s === 'string') ?? '';
  const text = formatNestedValue(key, value);
  return safeValueText(text, value);
}

/** Falls back to a plain JSON-style string when formatter rules would not round-trip a value. */
function safeValueText(text: string, value: TomlValue): string {
  if (typeof value !== 'string') return text;
  const back = loadRule(`x = ${text}\n`).data?.x;
  if (typeof back === 'string' && collapse(back) === collapse(value)) return text;
  return JSON.stringify(value);
}

function collapse(s: string): string {
  return s.split(/\s+/).filter(Boolean).join(' ');
}

function keyText(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** `[a.b.c]` header of a concrete path (indices dropped). */
function headerOf(segs: PathSegment[]): string {
  return segs
    .filter((s): s is string => typeof s === 'string')
    .map(keyText)
    .join('.');
}

/** A whole section as the formatter writes it, without its trailing blank lines. */
function sectionBlock(section: string, value: TomlTable): string {
  return formatRule({ [section]: value }).replace(/\n+$/, '');
}

function splice(text: string, range: TextRange, insert: string): string {
  return text.slice(0, range.start) + insert + text.slice(range.end);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset after the newline ending the line that contains `offset`. */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * Removes whole lines covering `range`; when that leaves two blank lines in a row (a removed
 * query block), one goes too.
 */
function removeRegion(text: string, range: TextRange): string {
  let start = lineStart(text, range.start);
  const end = lineEnd(text, range.end);
  const blankBefore = start >= 2 && text[start - 1] === '\n' && text[start - 2] === '\n';
  const blankAfter = text[end] === '\n' || end >= text.length;
  if (blankBefore && blankAfter) start -= 1;
  return text.slice(0, start) + text.slice(end);
}

/**
 * Removes a `query = '''…'''` block with the blank lines the formatter puts around it: one
 * before, and after it none before an array of tables, one before a table.
 */
function removeQueryBlock(text: string, span: KeySpan): string {
  let start = lineStart(text, span.keyRange.start);
  if (start >= 2 && text[start - 1] === '\n' && text[start - 2] === '\n') start--;
  let end = lineEnd(text, span.valueRange.end);
  let next = end;
  while (text[next] === '\n') next++;
  if (text.startsWith('[[', next)) end = next;
  else if (text[next] === '[') end = Math.max(end, next - 1);
  return text.slice(0, start) + text.slice(end);
}

/** Removes a header table and every header table below it. */
function removeTable(rule: LoadedRule, span: KeySpan): string | null {
  const text = rule.text;
  const prefix = span.path;
  const ranges: TextRange[] = [];
  const headers = [...rule.spans.values()]
    .filter((s) => spanKind(text, s) === 'table' || spanKind(text, s) === 'element')
    .sort((a, b) => a.keyRange.start - b.keyRange.start);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (h.path !== prefix && !h.path.startsWith(`${prefix}.`) && !h.path.startsWith(`${prefix}[`)) continue;
    // A header's own lines run to the next header (its sub-tables may sit elsewhere).
    const next = headers.slice(i + 1).find((o) => o.keyRange.start > h.keyRange.start);
    const end = next ? next.keyRange.start : text.length;
    ranges.push({ start: h.keyRange.start, end });
  }
  let out = text;
  for (const r of ranges.sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + out.slice(r.end);
  return out.replace(/\n{3,}$/, '\n\n');
}

/** Inserts a block after the content ending at `end`, separated by one blank line. */
function insertBlockAt(text: string, end: number, block: string): string {
  return splice(text, { start: end, end }, `\n\n${block}`);
}

/** Adds a missing section before the sections that follow it in metadata, transform, rule order. */
function insertSection(rule: LoadedRule, section: string, value: TomlTable): string | null {
  if (!SECTIONS.includes(section)) return null;
  // Each section as the formatter writes it ends with its own blank line(s).
  const block = formatRule({ [section]: value });
  const later = SECTIONS.slice(SECTIONS.indexOf(section) + 1)
    .map((s) => rule.spans.get(s))
    .filter((s): s is KeySpan => s !== undefined)
    .sort((a, b) => a.keyRange.start - b.keyRange.start)[0];
  if (later) return splice(rule.text, { start: later.keyRange.start, end: later.keyRange.start }, block);
  const trimmed = rule.text.replace(/\s+$/, '');
  return trimmed === '' ? block : `${trimmed}\n\n${block}`;
}

/** One edit replacing the differing middle of two texts. */
function diffEdit(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { range: { start, end: endB }, text: after.slice(start, endA) };
}

// ------------------------------------------------------------------------------------------------
// Data helpers (copy on write)

/** A value that must be written as a table or array of tables rather than after `key = `. */
function isStructural(v: TomlValue): boolean {
  return isTable(v) || (Array.isArray(v) && v.some(isTable));
}

function getAt(data: TomlValue, segs: PathSegment[]): TomlValue | undefined {
  let cur: TomlValue | undefined = data;
  for (const s of segs) {
    if (cur === undefined) return undefined;
    if (typeof s === 'number') cur = Array.isArray(cur) ? cur[s] : undefined;
    else cur = isTable(cur) ? getOwn(cur, s) : undefined; // never an inherited `constructor`
  }
  return cur;
}

/** A copy of `data` with `value` at `segs`; missing tables are created. Null on a type clash. */
function setAt(data: TomlTable, segs: PathSegment[], value: TomlValue): TomlTable | null {
  const put = (cur: TomlValue | undefined, i: number): TomlValue | null => {
    if (i === segs.length) return value;
    const s = segs[i];
    if (typeof s === 'number') {
      const arr = cur === undefined ? [] : cur;
      if (!Array.isArray(arr) || s > arr.length) return null;
      const child = put(arr[s], i + 1);
      if (child === null) return null;
      const copy = [...arr];
      copy[s] = child;
      return copy;
    }
    const table = cur === undefined ? {} : cur;
    if (!isTable(table)) return null;
    const child = put(table[s], i + 1);
    if (child === null) return null;
    return { ...table, [s]: child };
  };
  const out = put(data, 0);
  return isTable(out) ? out : null;
}

/** A copy of `data` without the value at `segs` (unchanged when it is absent). */
function removeAt(data: TomlTable, segs: PathSegment[]): TomlTable | null {
  const drop = (cur: TomlValue | undefined, i: number): TomlValue | undefined => {
    if (cur === undefined) return undefined;
    const s = segs[i];
    const last = i === segs.length - 1;
    if (typeof s === 'number') {
      if (!Array.isArray(cur)) return cur;
      if (last) return cur.filter((_, j) => j !== s);
      const copy = [...cur];
      const child = drop(cur[s], i + 1);
      if (child !== undefined) copy[s] = child;
      return copy;
    }
    if (!isTable(cur) || !(s in cur)) return cur;
    const copy = { ...cur };
    if (last) delete copy[s];
    else {
      const child = drop(cur[s], i + 1);
      if (child !== undefined) copy[s] = child;
    }
    return copy;
  };
  const out = drop(data, 0);
  return isTable(out) ? out : null;
}

function editError(code: string, message: string, path?: string): Diagnostic {
  return { severity: 'error', code, message, source: 'toml', ...(path ? { path } : {}) };
}
