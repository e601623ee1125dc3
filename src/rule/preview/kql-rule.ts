/**
 * A KQL rule, previewed: its query (and `threat_query`) go KQL → the query DSL Kibana would
 * send (with a data view built from the rule's schema: ECS of its stack, its index patterns) →
 * the DSL evaluator, and the rule's type runs over what they match (previewRule).
 *
 * The rule's `[[rule.filters]]` apply with the query, and `threat_filters` with the threat query.
 * The schema stands in for the index mapping Kibana's data view reads; with an explicit index
 * mapping (`eval --mapping`), the mapping is the data view and types the fields instead.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import type { IndexMapping } from '../../eql/run/types.ts';
import { getSchema, schemaFromMappings, type FieldInfo, type FieldSchema } from '../../eql/schema/index.ts';
import { kqlSourceLabel } from '../../kql/dsl/source-label.ts';
import { kqlToDsl, type DataViewField, type DataViewLookup, type KqlDslResult } from '../../kql/dsl/to-dsl.ts';
import { filtersToDsl } from '../../kql/filters/to-dsl.ts';
import { compileQueryDsl, type FieldTypeLookup } from '../../kql/run/compile.ts';
import { parseKql, type KqlParseResult } from '../../kql/syntax/parser.ts';
import { querySettingsOf } from '../eql-settings.ts';
import type { TomlTable } from '../types.ts';
import { previewNow, timestampReader } from './now.ts';
import { previewRule } from './preview.ts';
import type { EventPredicate, PreviewResult } from './types.ts';

export interface KqlRuleOptions {
  /** ISO-8601; default the latest event timestamp. */
  now?: string;
  /** An Elasticsearch index mapping that types the fields instead of the rule's schema. */
  mapping?: IndexMapping;
  /** False for a bare query: no rule window. */
  applyWindow?: boolean;
  /** The rule's query already parsed (the editor's evaluator parses once per change); used when its text is the query's. */
  parsedQuery?: { text: string; parsed: KqlParseResult };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Kibana's field type of an Elasticsearch type (castEsToKbnFieldTypeName), by its family. */
function kibanaType(info: FieldInfo): string {
  switch (info.family) {
    case 'string':
    case 'text':
    case 'version':
      return 'string';
    case 'object':
      return info.type === 'nested' ? 'nested' : 'object';
    case 'other':
      return info.type;
    default:
      return info.family;
  }
}

const dataViews = new WeakMap<FieldSchema, DataViewLookup>();

/** The rule's schema seen as a Kibana data view (field names, esTypes, Kibana types). */
export function dataViewOf(schema: FieldSchema): DataViewLookup {
  let view = dataViews.get(schema);
  if (!view) {
    let names: string[] | undefined;
    const cache = new Map<string, DataViewField | undefined>();
    view = {
      fields: () => (names ??= schema.allFields().map((f) => f.name)),
      field(name) {
        if (cache.has(name)) return cache.get(name);
        const info = schema.lookup(name);
        const field = info && { esTypes: [info.type], type: kibanaType(info) };
        cache.set(name, field);
        return field;
      },
    };
    dataViews.set(schema, view);
  }
  return view;
}

const fieldTypes = new WeakMap<FieldSchema, FieldTypeLookup>();

/**
 * The evaluator's field types from the rule's schema: what the schema knows is the mapping type.
 * Known gap: ECS maps keyword fields with `ignore_above` (1024 for most; 8192 for *.origin_url,
 * 2083 for event.url, 64 for *.thumbprint_sha256, 1 for file.drive_letter — ../shared/schemas/ecs/
 * ecs_flat-9.5.0.json) and our schema data does not carry it, so a keyword value longer than
 * its limit still matches here, where Elasticsearch leaves it unindexed. An index mapping
 * (`eval --mapping`) carries ignore_above and is used instead of this.
 */
export function schemaFieldTypes(schema: FieldSchema): FieldTypeLookup {
  let lookup = fieldTypes.get(schema);
  if (!lookup) {
    lookup = (field) => {
      const info = schema.lookup(field);
      return info && { type: info.type };
    };
    fieldTypes.set(schema, lookup);
  }
  return lookup;
}

/** Fields Kibana's indicator match queries with `terms` (build_threat_mapping_filter.ts). */
const TERMS_TYPES = new Set(['keyword', 'constant_keyword', 'wildcard', 'ip']);

interface Compiled {
  matches: EventPredicate;
  diagnostics: Diagnostic[];
}

/** The DSL of each parsed query over each schema, made once: the editor's run and the rule preview share a parse. */
const dslByParse = new WeakMap<KqlParseResult, { schema: FieldSchema; dsl: KqlDslResult }>();

/** KQL → the query DSL Kibana builds, with `schema` as the data view. */
export function kqlDslOver(parsed: KqlParseResult, schema: FieldSchema): KqlDslResult {
  const known = dslByParse.get(parsed);
  if (known?.schema === schema) return known.dsl;
  const dsl = kqlToDsl(parsed.node, { dataView: dataViewOf(schema) });
  dslByParse.set(parsed, { schema, dsl });
  return dsl;
}

/**
 * kqlToDsl's diagnostics when the data view is our schema: the schemas do not say which objects
 * are `nested` (an index mapping does), so Kibana's "not a nested field" refusal is a guess — it
 * warns and the query still runs. The editor's run (languages/kql.ts) reads them the same way.
 */
export function schemaDslDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => (d.code === 'kql/nested-field' && d.severity === 'error' ? { ...d, severity: 'warning' as const } : d));
}

/** One KQL query text → a predicate; diagnostics carry ranges in that text and its TOML path. */
export function compileKql(
  text: string,
  path: string,
  schema: FieldSchema,
  fieldType: FieldTypeLookup | undefined,
  mapping: IndexMapping | undefined,
  now: number,
  given?: { text: string; parsed: KqlParseResult },
  sample?: readonly unknown[],
): Compiled {
  const parsed = given?.text === text ? given.parsed : parseKql(text);
  const at = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, path }));
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { matches: () => false, diagnostics: at(parsed.diagnostics) };
  const dsl = kqlDslOver(parsed, schema);
  const built = mapping ? dsl.diagnostics : schemaDslDiagnostics(dsl.diagnostics);
  // The events it runs over order its clauses (most selective first): `sample`.
  const compiled = compileQueryDsl(dsl.query, { fieldType, mapping, now, rangeOf: dsl.rangeOf, label: kqlSourceLabel(text, dsl), sample });
  return { matches: compiled.matches, diagnostics: at([...parsed.diagnostics, ...built, ...compiled.diagnostics]) };
}

interface RuleContext {
  rule: Record<string, unknown>;
  settings: ReturnType<typeof querySettingsOf>;
  schema: FieldSchema;
  fieldType?: FieldTypeLookup;
  /** The preview's "now" (null: no event has a timestamp), and the time date math resolves against. */
  now: number | null;
  at: number;
}

/** The schema, field types and "now" a rule's queries and filters compile with. */
function ruleContext(data: TomlTable, events: readonly unknown[], options: KqlRuleOptions): { context?: RuleContext; diagnostics: Diagnostic[] } {
  const settings = querySettingsOf(data);
  const rule = isObject(data.rule) ? data.rule : {};
  const schema = options.mapping
    ? schemaFromMappings([options.mapping])
    : getSchema({ stackVersion: settings.stackVersion, indexPatterns: settings.indexPatterns, integrations: settings.integrations });
  // With a mapping, the evaluator reads types (ignore_above, normalizers, formats…) from it.
  const fieldType = options.mapping ? undefined : schemaFieldTypes(schema);
  // The query's date math needs "now" before the preview places its window.
  const now = previewNow(events.map(timestampReader(rule)), options.now);
  if (now.diagnostics.length > 0) return { diagnostics: now.diagnostics };
  return { context: { rule, settings, schema, fieldType, now: now.now, at: now.now ?? Date.now() }, diagnostics: [] };
}

/**
 * A rule's `[[rule.filters]]` as a predicate, whatever its query language: Kibana adds them to
 * the search of EQL rules too (as the EQL search's `filter`), so they select the events an EQL
 * query sees. None when the rule has no filter.
 */
export function ruleFilters(
  data: TomlTable,
  events: readonly unknown[],
  options: KqlRuleOptions = {},
): { matches?: EventPredicate; diagnostics: Diagnostic[] } {
  const filters = isObject(data.rule) ? data.rule.filters : undefined;
  if (filters === undefined || (Array.isArray(filters) && filters.length === 0)) return { diagnostics: [] };
  const { context, diagnostics } = ruleContext(data, events, options);
  if (!context) return { diagnostics };
  return compileFilters(filters, 'rule.filters', context.fieldType, options.mapping, context.at, events);
}

export function previewKqlRule(data: TomlTable, events: readonly unknown[], options: KqlRuleOptions = {}): PreviewResult {
  const { context, diagnostics: problems } = ruleContext(data, events, options);
  if (!context) return { kind: 'events', matches: [], diagnostics: problems };
  const { rule, settings, schema, fieldType, now, at } = context;

  const query = compileKql(settings.query, 'rule.query', schema, fieldType, options.mapping, at, options.parsedQuery, events);
  const diagnostics = [...query.diagnostics];
  const filters = compileFilters(rule.filters, 'rule.filters', fieldType, options.mapping, at, events);
  diagnostics.push(...filters.diagnostics);
  let threatSchema = schema;
  let matchesThreatQuery: EventPredicate | undefined;
  if (typeof rule.threat_query === 'string' && rule.threat_query.trim() !== '') {
    if (rule.threat_language !== undefined && rule.threat_language !== 'kuery') {
      diagnostics.push({
        severity: 'error',
        code: 'preview/threat-language',
        message: `Only KQL threat queries are previewed; threat_language is [${String(rule.threat_language)}].`,
        source: 'schema',
        path: 'rule.threat_language',
      });
    } else {
      if (!options.mapping) threatSchema = getSchema({ stackVersion: settings.stackVersion, indexPatterns: stringsOf(rule.threat_index) });
      const threat = compileKql(rule.threat_query, 'rule.threat_query', threatSchema, fieldType, options.mapping, at, undefined, events);
      diagnostics.push(...threat.diagnostics);
      matchesThreatQuery = threat.matches;
    }
  }
  // Indicators pass threat_query and threat_filters (Kibana's threat list search uses both).
  const threatFilters = compileFilters(rule.threat_filters, 'rule.threat_filters', fieldType, options.mapping, at, events);
  diagnostics.push(...threatFilters.diagnostics);
  if (threatFilters.matches) {
    const query = matchesThreatQuery;
    const passes = threatFilters.matches;
    matchesThreatQuery = query ? (e) => query(e) && passes(e) : passes;
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { kind: kindOf(rule), matches: [], diagnostics };

  const result = previewRule({
    data,
    events,
    matchesQuery: query.matches,
    matchesFilters: filters.matches,
    matchesThreatQuery,
    now: now ?? undefined,
    applyWindow: options.applyWindow,
    // Mapping entries pair an event field with an indicator field; each is typed by its side's schema.
    termsEligible: (field) => TERMS_TYPES.has((schema.lookup(field) ?? threatSchema.lookup(field))?.type ?? ''),
  });
  return { ...result, diagnostics: [...diagnostics, ...result.diagnostics] };
}

/** `[[rule.filters]]` (or `threat_filters`) → a predicate; none when the rule has no filter. */
function compileFilters(
  filters: unknown,
  path: string,
  fieldType: FieldTypeLookup | undefined,
  mapping: IndexMapping | undefined,
  now: number,
  sample: readonly unknown[],
): { matches?: EventPredicate; diagnostics: Diagnostic[] } {
  if (filters === undefined || (Array.isArray(filters) && filters.length === 0)) return { diagnostics: [] };
  const dsl = filtersToDsl(filters, path);
  const compiled = compileQueryDsl(dsl.query, { fieldType, mapping, now, sample });
  const diagnostics = [...dsl.diagnostics, ...compiled.diagnostics.map((d) => (d.path ? d : { ...d, path }))];
  return { matches: compiled.matches, diagnostics };
}

function stringsOf(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;
}

function kindOf(rule: Record<string, unknown>): PreviewResult['kind'] {
  const kinds: Record<string, PreviewResult['kind']> = { threshold: 'threshold', new_terms: 'new_terms', threat_match: 'threat_match' };
  return kinds[String(rule.type)] ?? 'events';
}
