/**
 * Kibana interchange: rules as the JSON Kibana's rule import accepts, and Kibana exports
 * (`.ndjson`) turned into rule TOML.
 *
 * Export follows detection-rules' `to_api_format` / `export-rules-from-repo`: the `[rule]` table
 * plus `version`, hard-wrapped strings joined back into one line (queries and Markdown kept as
 * written), `new_terms` flattened to `new_terms_fields` / `history_window_start`, transform
 * placeholders (`$osquery_N`, `$investigate_N`) rendered into the note, keys sorted, one rule
 * per line. Not produced: `related_integrations` and `required_fields` (upstream derives them
 * from package manifests and schemas at build time; Kibana accepts rules without them).
 *
 * Import follows `import-rules-to-repo`: rule fields the TOML schema knows are kept, server-side
 * fields (`id`, `created_at`, `version`, `revision`, `enabled = true`, …) dropped, today's dates and
 * maturity "development" added, `metadata.integration` taken from `related_integrations`; the
 * export-summary line and non-rule objects (exception lists, connectors) are skipped.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { TomlTable, TomlValue } from './types.ts';
import { formatRule } from './format.ts';
import { checkWritable } from './write.ts';
import { formatDate, ruleFileName } from './templates.ts';
import { pySplitLinesKeepEnds, pyStrip } from './toml-python.ts';
import { MAX_NESTING, pathTooDeep } from './toml-guard.ts';
import { formatPath } from './toml-path.ts';
import { setOwn } from './own-key.ts';
import { isTable } from './validate/values.ts';
import { BASE_RULE_FIELDS, TYPE_FIELDS } from './validate/fields.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A rule in Kibana's API shape. */
export type KibanaRule = JsonObject;

const RULE_TYPES = new Set(['query', 'eql', 'esql', 'threshold', 'threat_match', 'new_terms', 'machine_learning']);

/** Keys whose strings are kept exactly: Markdown fields and queries (line breaks can matter). */
const VERBATIM_KEYS = new Set(['note', 'setup', 'query', 'threat_query']);

export interface KibanaExportOptions {
  /** The rule version Kibana records (upstream takes it from version.lock.json). Default 1. */
  version?: number;
}

/** The rule as Kibana's import API takes it, or why it cannot be exported. */
export function toKibanaRule(data: TomlTable, options: KibanaExportOptions = {}): { rule: KibanaRule } | { error: Diagnostic } {
  const source = data.rule;
  if (!isTable(source)) return { error: kibanaError('kibana/no-rule', 'The file has no [rule] table to export.') };
  const rule = normalize(toJson(source)) as JsonObject;

  // new_terms = {field = "new_terms_fields", value = [...], history_window_start = [{field, value}]}
  // becomes new_terms_fields = [...] and history_window_start = "now-7d" in the API.
  const nt = rule.new_terms;
  if (isObject(nt)) {
    delete rule.new_terms;
    if (typeof nt.field === 'string') rule[nt.field] = nt.value ?? null;
    const hws = nt.history_window_start;
    for (const entry of Array.isArray(hws) ? hws : []) {
      if (isObject(entry) && typeof entry.field === 'string') rule[entry.field] = entry.value ?? null;
    }
  }

  if (Array.isArray(rule.threat)) rule.threat = rule.threat.map(withSlashedReferences);
  if (typeof rule.note === 'string' && isTable(data.transform)) rule.note = renderTransforms(rule.note, toJson(data.transform) as JsonObject);
  if (rule.version === undefined) rule.version = options.version ?? 1;
  return { rule: sortKeys(rule) as KibanaRule };
}

/** Many rules as ndjson, one per line (what Kibana's "Import rules" takes). */
export function toKibanaNdjson(rules: TomlTable[], options: KibanaExportOptions = {}): { text: string } | { error: Diagnostic } {
  const lines: string[] = [];
  for (const data of rules) {
    const result = toKibanaRule(data, options);
    if ('error' in result) return result;
    lines.push(JSON.stringify(result.rule));
  }
  return { text: lines.join('\n') + (lines.length > 0 ? '\n' : '') };
}

// ------------------------------------------------------------------------------------------------

export interface KibanaImportOptions {
  /** Date written to creation_date and updated_date (default: today, UTC). */
  now?: Date;
  /** Default "development", as upstream. */
  maturity?: string;
  /** Used when a rule has no author (upstream `--default-author`). */
  defaultAuthor?: string[];
}

export interface ImportedRule {
  ruleId: string;
  name: string;
  /** TOML data: `metadata` and `rule`. */
  data: TomlTable;
  /** formatRule(data), or null when it cannot be written (see diagnostics). */
  text: string | null;
  /** The file name detection-rules would give it. */
  fileName: string;
  diagnostics: Diagnostic[];
}

/**
 * Schema fields a Kibana export does not give us as they are: Kibana's own bookkeeping (enabled,
 * meta, version, revision), what upstream derives from package data (related_integrations,
 * required_fields), fields Kibana does not have (threat_mappings), and new_terms, rebuilt below
 * from the API's flattened form.
 */
const NOT_FROM_KIBANA = new Set(['enabled', 'meta', 'version', 'revision', 'related_integrations', 'required_fields', 'threat_mappings', 'new_terms']);
/** Rule fields of the TOML schema (every type, from the validator's table); anything else in a Kibana export is dropped. */
const RULE_FIELDS = new Set(
  [BASE_RULE_FIELDS, ...Object.values(TYPE_FIELDS)].flatMap((fields) => Object.keys(fields)).filter((key) => !NOT_FROM_KIBANA.has(key)),
);
/** Kept even when empty, so the validator reports them rather than finding them missing. */
const REQUIRED_FIELDS = new Set(Object.keys(BASE_RULE_FIELDS).filter((key) => BASE_RULE_FIELDS[key].required));

/**
 * Reads a Kibana export: ndjson (one object per line, the export summary last), a JSON array,
 * or one JSON object. Never throws; unreadable lines become diagnostics.
 */
export function importKibanaRules(text: string, options: KibanaImportOptions = {}): { rules: ImportedRule[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const objects: { value: Json; line: number; range: { start: number; end: number } }[] = [];
  const whole = tryJson(text.trim());
  if (whole !== undefined && (Array.isArray(whole) || isObject(whole))) {
    const items = Array.isArray(whole) ? whole : [whole];
    items.forEach((value, i) => objects.push({ value, line: i + 1, range: { start: 0, end: text.length } }));
  } else {
    let offset = 0;
    text.split('\n').forEach((line, i) => {
      const start = offset;
      offset += line.length + 1;
      if (line.trim() === '') return;
      const value = tryJson(line);
      const range = { start, end: start + line.length };
      if (value === undefined) {
        diagnostics.push(kibanaError('kibana/invalid-json', `Line ${i + 1} is not valid JSON; it was skipped.`, range));
      } else objects.push({ value, line: i + 1, range });
    });
  }

  const rules: ImportedRule[] = [];
  for (const { value, line, range } of objects) {
    if (!isObject(value)) {
      diagnostics.push(kibanaError('kibana/not-a-rule', `Entry ${line} is not a JSON object; it was skipped.`, range, 'warning'));
      continue;
    }
    if ('exported_count' in value || 'exported_rules_count' in value) continue; // the export summary
    if (typeof value.rule_id !== 'string' || typeof value.type !== 'string' || !RULE_TYPES.has(value.type)) {
      const what = typeof value.type === 'string' ? `type '${value.type}'` : 'no rule_id';
      diagnostics.push(kibanaError('kibana/not-a-rule', `Entry ${line} is not a detection rule (${what}); it was skipped.`, range, 'info'));
      continue;
    }
    const name = typeof value.name === 'string' ? ` (${JSON.stringify(value.name)})` : '';
    // Deeper data than any rule has (filters nested 2,000 levels) is skipped on its own, before
    // any walk recurses into it; the other rules of the file are still imported.
    // One level less than a rule file may hold: the rule becomes the file's [rule] table.
    const deep = pathTooDeep(value, MAX_NESTING - 1);
    if (deep) {
      const at = formatPath(
        deep.slice(
          0,
          Math.max(
            1,
            deep.findIndex((s) => typeof s === 'number'),
          ),
        ),
      );
      diagnostics.push(kibanaError('kibana/too-deep', `Entry ${line}${name} nests \`${at}\` more than ${MAX_NESTING - 1} levels deep; it was skipped.`, range));
      continue;
    }
    try {
      rules.push(importRule(value, options));
    } catch (err) {
      // Not expected (errors are values here), but one odd entry must not lose the whole file.
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      diagnostics.push(kibanaError('kibana/unreadable', `Entry ${line}${name} could not be imported (${why}); it was skipped.`, range));
    }
  }
  return { rules, diagnostics };
}

function importRule(source: JsonObject, options: KibanaImportOptions): ImportedRule {
  const rule: TomlTable = {};
  for (const [key, value] of Object.entries(source)) {
    // A rule shipped disabled says so in TOML (`enabled = false`); enabled is the default.
    if (key === 'enabled' && value === false) rule.enabled = false;
    if (!RULE_FIELDS.has(key) || value === null) continue;
    if (!REQUIRED_FIELDS.has(key) && isEmpty(value)) continue;
    rule[key] = fromJson(value);
  }
  // The API's new_terms_fields / history_window_start go back into the new_terms table.
  if (source.type === 'new_terms' && (source.new_terms_fields !== undefined || source.history_window_start !== undefined)) {
    const nt: TomlTable = { field: 'new_terms_fields', value: fromJson(source.new_terms_fields ?? []) };
    if (typeof source.history_window_start === 'string') {
      nt.history_window_start = [{ field: 'history_window_start', value: source.history_window_start }];
    }
    rule.new_terms = nt;
  }
  const threshold = rule.threshold;
  if (isTable(threshold) && typeof threshold.field === 'string') {
    threshold.field = threshold.field === '' ? [] : [threshold.field];
  }
  if (Array.isArray(rule.threat)) rule.threat = rule.threat.map((t) => fromJson(withSlashedReferences(toJson(t))));
  // Upstream's import only writes `throttle` for rules that have actions.
  if (!rule.actions) delete rule.throttle;
  if ((!Array.isArray(rule.author) || rule.author.length === 0) && options.defaultAuthor) rule.author = [...options.defaultAuthor];

  const today = formatDate(options.now ?? new Date());
  const metadata: TomlTable = { creation_date: today, maturity: options.maturity ?? 'development', updated_date: today };
  const packages = relatedPackages(source.related_integrations);
  if (packages.length > 0) metadata.integration = packages;

  const data: TomlTable = { metadata, rule };
  const name = typeof source.name === 'string' ? source.name : '';
  const problem = checkWritable(data);
  return {
    ruleId: source.rule_id as string,
    name,
    data,
    text: problem ? null : formatRule(data),
    fileName: ruleFileName(name),
    diagnostics: problem ? [problem] : [],
  };
}

function relatedPackages(value: Json | undefined): string[] {
  const out: string[] = [];
  for (const entry of Array.isArray(value) ? value : []) {
    if (isObject(entry) && typeof entry.package === 'string' && !out.includes(entry.package)) out.push(entry.package);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------

/**
 * Upstream's `nested_normalize`: strings are trimmed and their lines joined with single spaces
 * (undoing the formatter's wrapping), except `query` values (kept whole, even the tables under
 * filters), the Markdown fields and the threat query.
 */
function normalize(v: Json, verbatim = false): Json {
  if (typeof v === 'string') return verbatim ? v : cleanupWhitespace(v);
  if (Array.isArray(v)) return v.map((x) => normalize(x));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      setOwn(out, k, k === 'query' ? x : normalize(x, VERBATIM_KEYS.has(k)));
    }
    return out;
  }
  return v;
}

function cleanupWhitespace(s: string): string {
  return pySplitLinesKeepEnds(pyStrip(s)).map(pyStrip).join(' ');
}

/** ATT&CK references end in `/` (upstream adds it when loading). */
function withSlashedReferences(v: Json): Json {
  if (Array.isArray(v)) return v.map(withSlashedReferences);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    setOwn(out, k, k === 'reference' && typeof x === 'string' && !x.endsWith('/') ? `${x}/` : withSlashedReferences(x));
  }
  return out;
}

/** `$osquery_N` / `$investigate_N` in the note become Kibana's `!{osquery{…}}` / `!{investigate{…}}`. */
function renderTransforms(note: string, transform: JsonObject): string {
  return note.replace(/\$(osquery|investigate)_(\d+)/g, (match, kind: string, n: string) => {
    const list = transform[kind];
    const entry = Array.isArray(list) ? list[Number(n)] : undefined;
    return entry === undefined ? match : `!{${kind}${JSON.stringify(sortKeys(entry))}}`;
  });
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort()) setOwn(out, k, sortKeys(v[k]));
  return out;
}

function toJson(v: TomlValue): Json {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJson);
  if (isTable(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, toJson(x));
    return out;
  }
  return v;
}

function fromJson(v: Json): TomlValue {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(fromJson);
  if (isObject(v)) {
    const out: TomlTable = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) setOwn(out, k, fromJson(x));
    return out;
  }
  return v as TomlValue;
}

function isEmpty(v: Json): boolean {
  if (v === '' || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return false;
}

function tryJson(s: string): Json | undefined {
  try {
    return JSON.parse(s) as Json;
  } catch {
    return undefined;
  }
}

function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function kibanaError(code: string, message: string, range?: { start: number; end: number }, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { severity, code, message, source: 'schema', ...(range ? { range } : {}) };
}
