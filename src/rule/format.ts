/**
 * The detection-rules TOML formatter, reproduced byte for byte.
 *
 * Upstream, `toml-lint`, `create-rule` and `import-rules-to-repo` all write rules through
 * `rule_formatter.toml_write`, which drives python `toml` 0.10.2's `dumps` with a custom encoder.
 * Its output has quirks (blank-line counts after the query, array-of-tables tails, re-sorted
 * nested lists, doubled backslashes in single-line descriptions) that users see in git diffs, so
 * we follow the algorithm step by step rather than approximating the look of it.
 * See /work/shared/reference/rule-format.md §5.
 *
 * Structure mirrors upstream: `orderInPlace`/`orderDeep` (upstream `order_rule`), `renderSection`
 * (`_do_write`), `dumps`/`dumpSections` (python toml) and the value encoders (`RuleTomlEncoder`).
 */
import type { TomlTable, TomlValue } from './types.ts';
import { isTable } from './validate/values.ts';
import { pyFloat, pyJsonString, pyLen, pySplitLinesKeepEnds, pySplitWhitespace, pyStrip, pyTextWrap } from './toml-python.ts';

/** A Python dict: insertion-ordered, with keys that may look like integers. */
type PyDict = Map<string, PyValue>;
/** A string the encoder must write with its line breaks intact (upstream `NonformattedField`). */
class Verbatim {
  constructor(readonly text: string) {}
}
type PyValue = string | number | boolean | Date | Verbatim | PyValue[] | PyDict;

const SECTIONS = ['metadata', 'transform', 'rule'] as const;
/** Markdown fields of the rule dataclass: kept line for line. */
const MARKDOWN_KEYS = new Set(['note', 'setup']);
/** Fields upstream doubles backslashes in, because they are written inside `"""` basic strings. */
const BACKSLASH_KEYS = new Set(['note', 'setup', 'description']);
const PLACEHOLDER = '"XXxXX"';
const WIDTH = 120;
const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** Formats rule data exactly as detection-rules' `toml_write` does. Pure; never throws on data. */
export function formatRule(data: TomlTable): string {
  let out = '';
  for (const name of SECTIONS) {
    const value = data[name];
    if (!isTable(value)) continue;
    const contents = toPy(value) as PyDict;
    if (contents.size === 0) continue;
    orderInPlace(contents);
    out += renderSection(name, contents);
  }
  return out;
}

/**
 * Converts to the ordered model. Keys holding null/undefined are left out, as upstream strips
 * None values, so data built in JS (forms, Kibana import) cannot trip the encoder.
 */
function toPy(v: TomlValue): PyValue {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined && x !== null).map(toPy);
  if (isTable(v)) {
    const m: PyDict = new Map();
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x !== undefined && x !== null) m.set(k, toPy(x));
    }
    return m;
  }
  return v;
}

function isDict(v: PyValue | undefined): v is PyDict {
  return v instanceof Map;
}

/** Python string order (code points), used for every `sorted()` of keys and sort keys. */
function comparePy(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function sortedKeys(d: PyDict): string[] {
  return [...d.keys()].sort(comparePy);
}

// ------------------------------------------------------------------------------------------------
// Ordering (upstream `order_rule`)
//
// Upstream calls order_rule on each section and throws the result away; what survives are its
// in-place effects: every element of a list (at any depth reachable through tables) that is a
// table or list is replaced by a deeply ordered copy. Hence threat entries keep their order but
// techniques inside them get sorted, while `tags` and `new_terms.value` keep theirs.

function orderInPlace(v: PyValue): void {
  if (isDict(v)) {
    for (const child of v.values()) if (isDict(child) || Array.isArray(child)) orderInPlace(child);
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const el = v[i];
      if (isDict(el) || Array.isArray(el)) v[i] = orderDeep(el);
    }
  }
}

/** Keys sorted at every level; lists sorted by the `json.dumps` text of their elements. */
function orderDeep(v: PyValue): PyValue {
  if (isDict(v)) {
    const out: PyDict = new Map();
    for (const k of sortedKeys(v)) {
      const child = v.get(k)!;
      out.set(k, isDict(child) || Array.isArray(child) ? orderDeep(child) : child);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const items = v.map((el) => (isDict(el) || Array.isArray(el) ? orderDeep(el) : el));
    const keyed = items.map((el) => ({ el, key: jsonDumps(el) }));
    keyed.sort((a, b) => comparePy(a.key, b.key)); // stable, like Python's sorted
    return keyed.map((k) => k.el);
  }
  return v;
}

/** `json.dumps` with default separators and ASCII escaping; the sort key of nested lists. */
function jsonDumps(v: PyValue): string {
  if (typeof v === 'string') return pyJsonString(v);
  if (v instanceof Verbatim) return pyJsonString(v.text);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (v instanceof Date) return pyJsonString(v.toISOString());
  if (Array.isArray(v)) return '[' + v.map(jsonDumps).join(', ') + ']';
  return '{' + [...v].map(([k, x]) => pyJsonString(k) + ': ' + jsonDumps(x)).join(', ') + '}';
}

// ------------------------------------------------------------------------------------------------
// One section (upstream `_do_write`)

function renderSection(name: string, contents: PyDict): string {
  let query = '';
  let threatQuery = '';
  if (name === 'rule') {
    // The queries are written by hand after the encoder ran, so they are taken out first.
    const q = contents.get('query');
    contents.delete('query');
    if (typeof q === 'string') query = pyStrip(q);
    const tq = contents.get('threat_query');
    if (typeof tq === 'string' && pyStrip(tq) !== '') {
      threatQuery = pyStrip(tq);
      contents.delete('threat_query');
    }
  }

  const top: PyDict = new Map();
  const bottom: PyDict = new Map();
  for (const k of sortedKeys(contents)) {
    const [v, place] = prepareEntry(k, contents.get(k)!);
    (place === 'top' ? top : bottom).set(k, v);
  }
  if (query) top.set('query', 'XXxXX');
  if (threatQuery) top.set('threat_query', 'XXxXX');
  for (const [k, v] of bottom) top.set(k, v);

  let text = dumps(new Map([[name, top]]));
  const tail = bottom.size > 0 ? '\n\n' : '';
  if (threatQuery) {
    text = text.split(`threat_query = ${PLACEHOLDER}`).join(`\nthreat_query = '''\n${threatQuery}\n'''${tail}`);
  }
  if (query) {
    text = text.split(`query = ${PLACEHOLDER}`).join(`\nquery = '''\n${query}\n'''${tail}`);
  }
  return text + '\n';
}

/**
 * What `_do_write` does to one key of a section before encoding: backslash doubling, verbatim
 * marks, first-level key sort of tables, and whether it is written with the keys ("top") or
 * after them as a table or array of tables ("bottom").
 */
function prepareEntry(k: string, value: PyValue): [PyValue, 'top' | 'bottom'] {
  let v = value;
  if (k === 'actions' && Array.isArray(v)) v.forEach((a) => markVerbatim(a, ['params', 'message']));
  if (k === 'filters' && Array.isArray(v)) {
    for (const f of v) {
      markVerbatim(f, ['meta', 'value']);
      if (isDict(f)) markFilterQueryVerbatim(f.get('query'));
    }
  }
  if (BACKSLASH_KEYS.has(k) && typeof v === 'string') v = v.replaceAll('\\', '\\\\');
  if (k === 'osquery' && Array.isArray(v)) {
    for (const item of v) {
      const q = isDict(item) ? item.get('query') : undefined;
      if (isDict(item) && typeof q === 'string') item.set('query', q.replaceAll('\\', '\\\\'));
    }
  }
  if (isDict(v)) {
    const sorted: PyDict = new Map();
    for (const key of sortedKeys(v)) sorted.set(key, v.get(key)!);
    return [sorted, 'bottom'];
  }
  if (Array.isArray(v)) return [v, v.some((x) => isDict(x) || Array.isArray(x)) ? 'bottom' : 'top'];
  if (MARKDOWN_KEYS.has(k) && typeof v === 'string') return [new Verbatim(v), 'top'];
  return [v, 'top'];
}

/** Marks a nested string (e.g. an action's `params.message`) to be written line for line. */
function markVerbatim(target: PyValue, keys: string[]): void {
  let t: PyValue | undefined = target;
  for (const k of keys.slice(0, -1)) {
    if (!isDict(t) || !t.has(k)) return;
    t = t.get(k);
  }
  const last = keys[keys.length - 1];
  if (!isDict(t)) return;
  const v = t.get(last);
  if (typeof v === 'string') t.set(last, new Verbatim(v));
}

/**
 * Strings under a filter's `query` named `query` or `value` (match_phrase, wildcard…) are Kibana
 * query literals such as Windows paths: upstream writes them verbatim, never re-wrapped.
 */
function markFilterQueryVerbatim(v: PyValue | undefined): void {
  if (isDict(v)) {
    for (const [k, x] of v) {
      if ((k === 'query' || k === 'value') && typeof x === 'string') v.set(k, new Verbatim(x));
      else markFilterQueryVerbatim(x);
    }
  } else if (Array.isArray(v)) {
    v.forEach(markFilterQueryVerbatim);
  }
}

// ------------------------------------------------------------------------------------------------
// Document layout (python toml 0.10.2 `dumps` / `dump_sections`)

function dumps(o: PyDict): string {
  const [retval, sections] = dumpSections(o, '');
  return dumpTables(retval, sections);
}

/** python toml's table loop: each table's header and body, then its sub-tables breadth-first. */
function dumpTables(start: string, first: PyDict): string {
  let retval = start;
  let sections = first;
  while (sections.size > 0) {
    const next: PyDict = new Map();
    for (const [section, value] of sections) {
      const [body, subsections] = dumpSections(value as PyDict, section);
      if (body || subsections.size === 0) {
        if (retval && !retval.endsWith('\n\n')) retval += '\n';
        retval += `[${section}]\n${body}`;
      }
      for (const [s, v] of subsections) next.set(`${section}.${s}`, v);
    }
    sections = next;
  }
  return retval;
}

/** Returns the body of table `o` (keys, then arrays of tables) and its sub-tables, by quoted name. */
function dumpSections(o: PyDict, sup: string): [string, PyDict] {
  if (sup !== '' && !sup.endsWith('.')) sup += '.';
  let retstr = '';
  let arraystr = '';
  const retdict: PyDict = new Map();
  for (const [section, value] of o) {
    const qsection = BARE_KEY.test(section) ? section : pyJsonString(section);
    if (isDict(value)) {
      retdict.set(qsection, value);
      continue;
    }
    if (Array.isArray(value) && value.some(isDict)) {
      // Array of tables: each element's scalars, then its nested arrays, then a tail holding its
      // sub-tables breadth-first, the tail always starting with a newline.
      for (const el of value) {
        let tail = '\n';
        arraystr += `[[${sup}${qsection}]]\n`;
        if (!isDict(el)) continue;
        const [s, d0] = dumpSections(el, sup + qsection);
        if (s) {
          if (s[0] === '[') tail += s;
          else arraystr += s;
        }
        let d = d0;
        while (d.size > 0) {
          const nd: PyDict = new Map();
          for (const [dsec, dval] of d) {
            const [s1, d1] = dumpSections(dval as PyDict, `${sup}${qsection}.${dsec}`);
            if (s1) tail += `[${sup}${qsection}.${dsec}]\n${s1}`;
            for (const [k1, v1] of d1) nd.set(`${dsec}.${k1}`, v1);
          }
          d = nd;
        }
        arraystr += tail;
      }
      continue;
    }
    retstr += `${qsection} = ${dumpValue(value)}\n`;
  }
  return [retstr + arraystr, retdict];
}

// ------------------------------------------------------------------------------------------------
// Values (upstream `RuleTomlEncoder`)

function dumpValue(v: PyValue): string {
  if (typeof v === 'string') return dumpString(v, false);
  if (v instanceof Verbatim) return dumpString(v.text, true);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return dumpList(v);
  if (isDict(v)) return dumpInlineTable(v).trim();
  return pyJsonString(String(v));
}

/**
 * Plain strings are whitespace-collapsed and wrapped at 120 columns; a wrapped (or quoted) value
 * becomes a `"""` block. Verbatim strings keep their lines; several lines become a `"""` block
 * with no newline after the opening quotes.
 */
function dumpString(v: string, verbatim: boolean): string {
  const lines = verbatim ? pySplitLinesKeepEnds(v) : wrapText(v, 0);
  const initialNewline = verbatim ? '' : '\n';
  const multiline = lines.length > 1;
  const raw = (multiline || (v.includes('"') && !v.includes("'"))) && !v.includes('"""');
  if (multiline) {
    if (raw) return '"""' + initialNewline + lines.join('') + '"""';
    return ["'''", ...lines.map((l) => pyJsonString(l).slice(1, -1)), "'''"].join('\n');
  }
  if (raw) return `'${lines[0]}'`;
  return pyJsonString(v);
}

/** Collapses whitespace and wraps at 120 columns; a lone line with `"` is forced multi-line. */
function wrapText(v: string, indent: number): string[] {
  const collapsed = pySplitWhitespace(v).join(' ');
  const lines = pyTextWrap(collapsed, WIDTH, ' '.repeat(indent)).map((l) => l + '\n');
  if (lines.length === 1 && lines[0].includes('"')) lines.push('');
  return lines;
}

function dumpList(v: PyValue[]): string {
  if (v.every((x) => typeof x === 'string' || x instanceof Verbatim)) {
    const items = v.map((x) => (x instanceof Verbatim ? x.text : (x as string)));
    if (items.reduce((n, s) => n + pyLen(s) + 3, 0) > 100) {
      const dumped = v.map((x, i) => {
        const s = items[i];
        if (pyLen(s) > WIDTH - 4 - 3 - 3 && s.includes(' ')) {
          return `    """\n${wrapText(s, 4).join('')}    """`;
        }
        return '    ' + dumpValue(x);
      });
      return `[\n${dumped.join(',\n')},\n]`;
    }
  }
  if (v.length > 0 && v.every(isDict)) {
    const rows = v.map((d) => '    ' + dumpInlineTable(d).trim());
    return `\n  [\n${rows.join(',\n')}\n  ]\n`;
  }
  if (v.length === 0) return '[]';
  return '[' + v.map(dumpValue).join(', ') + ']';
}

/** python toml's `dump_inline_table`: keys unquoted, nested tables keep their trailing newline. */
function dumpInlineTable(v: PyValue): string {
  if (isDict(v)) {
    const parts = [...v].map(([k, x]) => `${k} = ${dumpInlineTable(x)}`);
    return `{ ${parts.join(', ')} }\n`;
  }
  return dumpValue(v);
}

/**
 * How the formatter writes one key of a section (`sectionKey` is the key directly under
 * `[section]`, `value` its whole value), for edits that rewrite only that key:
 * - `top`: the text after `key = ` (for `query`/`threat_query`, the `'''` block);
 * - `bottom`: the full block (`[[section.key]]` elements, or `[section.key]` tables), without
 *   trailing blank lines.
 */
export function formatSectionKey(section: string, sectionKey: string, value: TomlValue): { place: 'top' | 'bottom'; text: string } {
  const v0 = toPy(value);
  orderInPlace(new Map([[sectionKey, v0]]));
  if (section === 'rule' && (sectionKey === 'query' || sectionKey === 'threat_query') && typeof value === 'string') {
    return { place: 'top', text: `'''\n${pyStrip(value)}\n'''` };
  }
  const [v, place] = prepareEntry(sectionKey, v0);
  if (place === 'top') return { place, text: dumpValue(v) };
  const q = BARE_KEY.test(sectionKey) ? sectionKey : pyJsonString(sectionKey);
  const text = isDict(v) ? dumpTables('', new Map([[`${section}.${q}`, v]])) : dumpSections(new Map([[sectionKey, v]]), section)[0];
  return { place, text: text.replace(/\n+$/, '') };
}

/**
 * How the formatter writes a value nested deeper (inside a table below a section, or inside an
 * array element), after `key = `: plain strings wrapped, Markdown fields verbatim.
 */
export function formatNestedValue(key: string, value: TomlValue): string {
  const v = toPy(value);
  if (isDict(v) || Array.isArray(v)) orderInPlace(v);
  if (MARKDOWN_KEYS.has(key) && typeof v === 'string') return dumpValue(new Verbatim(v));
  return dumpValue(v);
}

/** The `[header]` blocks the formatter writes for a table at `headerPath` (no trailing blank lines). */
export function formatTableBlock(headerPath: string, value: TomlTable): string {
  const v = toPy(value) as PyDict;
  orderInPlace(v);
  const sorted: PyDict = new Map();
  for (const key of sortedKeys(v)) sorted.set(key, v.get(key)!);
  return dumpTables('', new Map([[headerPath, sorted]])).replace(/\n+$/, '');
}
