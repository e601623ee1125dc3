/**
 * getSchema: the fields a query may use, for a rule's stack version and index patterns.
 *
 * Built from ECS (the @elastic/ecs package, adjusted per stack version), Elastic Defend's
 * process.Ext fields (always, as detection-rules does), the non-ECS fields of the exact index
 * patterns listed, the Beats fields of `auditbeat-*`/`winlogbeat-*`/`packetbeat-*`, and the
 * Endgame mapping for `endgame-*`. Schemas are cached: the editor asks on every keystroke.
 */
import { ECS_PACKAGE_VERSION, EXTENSIONS, allowedValueDoc, ecsFieldsFor, typedFields } from './data.ts';
import { beatOf, indexCoverage, integrationCoverage, isUnderOpenPrefix } from './indices.ts';
import { findSimilar, similarIndex, type SimilarIndex } from './similar.ts';
import { fieldsFromMappings } from './mapping.ts';
import { ecsVersionOf, stacksFrom } from './stacks.ts';
import type { FieldInfo, FieldSchema, IndexCoverage, SchemaExtension } from './types.ts';

export type { FieldInfo, FieldSchema, FieldSource, FieldType, IndexCoverage, SchemaExtension, TypeFamily } from './types.ts';
export { typeFamily } from './types.ts';
export { findSimilar, editDistance } from './similar.ts';
export { CURRENT_STACK, OLDEST_STACK, stacksFrom, supportedStacks, compareVersions, ecsVersionOf } from './stacks.ts';
export { indexCoverage, integrationCoverage } from './indices.ts';
export { ECS_PACKAGE_VERSION };

export interface SchemaOptions {
  /** The rule's metadata.min_stack_version; unset means the oldest supported stack. */
  stackVersion?: string;
  /** The rule's `index` patterns; unset or empty means plain ECS (+ process.Ext). */
  indexPatterns?: string[];
  /**
   * The rule's metadata.integration packages. A package whose field schema we do not ship turns
   * unknown fields into warnings, as an unlisted index pattern does.
   */
  integrations?: string[];
}

const cache = new Map<string, FieldSchema>();
const CACHE_LIMIT = 32;

export function getSchema(options: SchemaOptions = {}): FieldSchema {
  const patterns = [...new Set(options.indexPatterns ?? [])].sort();
  const integrations = [...new Set(options.integrations ?? [])].sort();
  const key = `${options.stackVersion ?? ''}|${patterns.join(',')}|${integrations.join(',')}`;
  let schema = cache.get(key);
  if (!schema) {
    schema = buildSchema(options.stackVersion, patterns, integrations);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, schema);
  }
  return schema;
}

/**
 * A schema holding exactly the fields of Elasticsearch index mappings (no ECS): for checking a
 * query against a known index, e.g. `eval --mapping`. Every unknown field is an error, as in
 * Elasticsearch.
 */
export function schemaFromMappings(mappings: readonly unknown[]): FieldSchema {
  const fields = fieldsFromMappings(mappings);
  const extension: SchemaExtension = { pattern: '*', source: 'mapping', description: 'index mapping', fieldCount: fields.size };
  return new SchemaImpl(fields, [], [], [], [], [extension], [], 'elasticsearch');
}

const OBJECT_LIKE = new Set(['object', 'flattened', 'nested']);

function buildSchema(stackVersion: string | undefined, patterns: string[], integrations: string[]): FieldSchema {
  const stackVersions = stacksFrom(stackVersion);
  const ecsVersions = [...new Set(stackVersions.map(ecsVersionOf))];
  const ecs = ecsFor(stackVersions, ecsVersions);
  const fields = new Map<string, FieldInfo>(ecs.fields);

  const extensions: SchemaExtension[] = [];
  // ECS wins when an extension repeats an ECS field: it carries the documentation.
  const extend = (list: FieldInfo[], ext: Omit<SchemaExtension, 'fieldCount'>) => {
    let count = 0;
    for (const f of list) {
      if (fields.has(f.name)) continue;
      fields.set(f.name, f);
      count++;
    }
    extensions.push({ ...ext, fieldCount: count });
  };

  extend(typedFields(EXTENSIONS.endpointProcess, 'endpoint', 'Elastic Defend process.Ext'), {
    pattern: '*',
    source: 'endpoint',
    description: 'Elastic Defend process.Ext fields (merged into every schema)',
  });
  for (const pattern of patterns) {
    const nonEcs = EXTENSIONS.nonEcs[pattern];
    if (nonEcs) {
      extend(typedFields(nonEcs, 'non-ecs', pattern), { pattern, source: 'non-ecs', description: `non-ECS fields of ${pattern}` });
    }
    const beat = beatOf(pattern);
    const beatFields = beat ? EXTENSIONS.beats[beat] : undefined;
    if (beatFields) {
      extend(typedFields(beatFields, 'beats', pattern), {
        pattern,
        source: 'beats',
        description: `${beat} ${EXTENSIONS.beatsVersion} fields`,
      });
    }
    if (pattern.startsWith('endgame-')) {
      extend(typedFields(EXTENSIONS.endgame, 'endgame', pattern), {
        pattern,
        source: 'endgame',
        description: `Endgame ${EXTENSIONS.endgameVersion} mapping`,
      });
    }
  }

  const coverage: IndexCoverage[] = [...patterns.map(indexCoverage), ...integrations.map(integrationCoverage)];
  return new SchemaImpl(fields, ecs.sortedNames, stackVersions, ecsVersions, patterns, extensions, coverage);
}

/**
 * ECS for a set of stacks, decoded once: there are only a handful of supported stack ranges,
 * and decoding ~2,700 fields on every schema build would cost the editor tens of milliseconds.
 */
const ecsCache = new Map<string, { fields: Map<string, FieldInfo>; sortedNames: string[] }>();

function ecsFor(stackVersions: string[], ecsVersions: string[]) {
  const key = stackVersions.join(',');
  let entry = ecsCache.get(key);
  if (!entry) {
    const fields = new Map<string, FieldInfo>();
    for (const [name, { info, missingIn }] of ecsFieldsFor(ecsVersions)) {
      info.missingInStacks = stackVersions.filter((s) => missingIn.includes(ecsVersionOf(s)));
      fields.set(name, info);
    }
    entry = { fields, sortedNames: [...fields.keys()].sort(byCodeUnit) };
    ecsCache.set(key, entry);
  }
  return entry;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** First index whose name is >= key (names sorted by code unit). */
function lowerBound(names: string[], key: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class SchemaImpl implements FieldSchema {
  private sortedNames: string[] | null = null;
  private readonly similarCache = new Map<string, string[]>();
  private similarNames: SimilarIndex | null = null;

  constructor(
    private readonly fields: Map<string, FieldInfo>,
    /** Sorted ECS names; the extension names are merged in on first use. */
    private readonly ecsSortedNames: string[],
    readonly stackVersions: string[],
    readonly ecsVersions: string[],
    readonly indexPatterns: string[],
    readonly extensions: SchemaExtension[],
    readonly coverage: IndexCoverage[],
    readonly flavor: FieldSchema['flavor'] = 'detection-rules',
  ) {}

  lookup(name: string): FieldInfo | undefined {
    return this.fields.get(name);
  }

  isObjectPath(name: string): boolean {
    const names = this.names();
    const prefix = `${name}.`;
    const i = lowerBound(names, prefix);
    return i < names.length && names[i].startsWith(prefix);
  }

  fieldsWithPrefix(prefix: string): FieldInfo[] {
    const names = this.names();
    const out: FieldInfo[] = [];
    for (let i = lowerBound(names, prefix); i < names.length && names[i].startsWith(prefix); i++) out.push(this.fields.get(names[i])!);
    return out;
  }

  similar(name: string, max = 3): string[] {
    // The editor re-checks the same unknown name on every keystroke: remember the answers.
    const key = `${max}|${name}`;
    let found = this.similarCache.get(key);
    if (!found) {
      this.similarNames ??= similarIndex(this.fields.keys());
      found = findSimilar(name, this.similarNames, max);
      if (this.similarCache.size > 500) this.similarCache.clear();
      this.similarCache.set(key, found);
    }
    return [...found];
  }

  unknownFieldExcuse(name: string): string | null {
    // A sub-key of an object/flattened field: such keys are dynamic and not listed anywhere.
    const segments = name.split('.');
    for (let i = segments.length - 1; i > 0; i--) {
      const parent = this.fields.get(segments.slice(0, i).join('.'));
      if (parent && OBJECT_LIKE.has(parent.type)) {
        return `${parent.name} is an ${parent.type} field whose keys are not listed in the schema`;
      }
    }
    for (const c of this.coverage) {
      if (c.level === 'unknown' || (c.level === 'partial' && isUnderOpenPrefix(name, c))) return c.note;
    }
    return null;
  }

  allowedValueDoc(field: string, value: string): string | undefined {
    return allowedValueDoc(field, value);
  }

  allFields(): FieldInfo[] {
    return this.names().map((n) => this.fields.get(n)!);
  }

  private names(): string[] {
    if (!this.sortedNames) {
      // Plain code-unit order so the binary searches agree with `<`.
      const ecs = this.ecsSortedNames;
      const extra = [...this.fields.keys()].filter((n) => this.fields.get(n)!.source !== 'ecs').sort(byCodeUnit);
      const merged: string[] = [];
      let i = 0;
      let j = 0;
      while (i < ecs.length || j < extra.length) {
        if (j >= extra.length || (i < ecs.length && ecs[i] < extra[j])) merged.push(ecs[i++]);
        else merged.push(extra[j++]);
      }
      this.sortedNames = merged;
    }
    return this.sortedNames;
  }
}
