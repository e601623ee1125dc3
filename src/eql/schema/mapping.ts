/**
 * A FieldSchema from Elasticsearch index mappings (`{ "properties": … }` or
 * `{ "mappings": { "properties": … } }`), for `eval --mapping` and for checking queries against
 * a known index instead of ECS. Several mappings model a multi-index search: a field exists if
 * any index maps it (Elasticsearch's "Unknown column" needs it absent from every mapping).
 *
 * EQL resolves a `text` field to its exact sub-field (keyword/wildcard), so such a field counts
 * as a string; a text field without one stays text (unusable). Aliases take their target's type.
 */
import { typeFamily, type FieldInfo, type FieldType } from './types.ts';

interface MappingNode {
  type?: unknown;
  path?: unknown;
  properties?: Record<string, MappingNode>;
  fields?: Record<string, MappingNode>;
}

const EXACT_TYPES = new Set(['keyword', 'wildcard', 'constant_keyword']);

/** Flattens mappings into FieldInfo records (source 'mapping', origin = the mapping's label). */
export function fieldsFromMappings(mappings: readonly unknown[]): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  const aliases: [string, string][] = [];
  mappings.forEach((m, i) => {
    const root = rootProperties(m);
    if (root) walk(root, '', `mapping ${i + 1}`, out, aliases);
  });
  for (const [name, target] of aliases) {
    const t = out.get(target);
    if (t && !out.has(name)) out.set(name, { ...t, name, description: `Alias of ${target}.` });
  }
  return out;
}

function rootProperties(m: unknown): Record<string, MappingNode> | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const node = m as { properties?: Record<string, MappingNode>; mappings?: { properties?: Record<string, MappingNode> } };
  return node.properties ?? node.mappings?.properties;
}

function walk(props: Record<string, MappingNode>, prefix: string, origin: string, out: Map<string, FieldInfo>, aliases: [string, string][]): void {
  for (const [key, node] of Object.entries(props)) {
    if (!node || typeof node !== 'object') continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (node.type === 'alias' && typeof node.path === 'string') {
      aliases.push([name, node.path]);
      continue;
    }
    if (node.properties) {
      walk(node.properties, name, origin, out, aliases);
      if (typeof node.type !== 'string') continue;
    }
    const type = normalizeType(node.type);
    const subFields = Object.entries(node.fields ?? {});
    const exact = subFields.some(([, f]) => EXACT_TYPES.has(normalizeType(f.type)));
    const family = type === 'text' && exact ? 'string' : typeFamily(type);
    if (!out.has(name)) out.set(name, { name, type, family, description: '', array: false, source: 'mapping', origin, missingInStacks: [] });
    for (const [sub, f] of subFields) {
      const subName = `${name}.${sub}`;
      const subType = normalizeType(f.type);
      if (!out.has(subName)) {
        out.set(subName, {
          name: subName,
          type: subType,
          family: typeFamily(subType),
          description: '',
          array: false,
          source: 'mapping',
          origin,
          missingInStacks: [],
        });
      }
    }
  }
}

/** The conformance mappings use a placeholder for "keyword or wildcard". */
function normalizeType(type: unknown): FieldType {
  if (typeof type !== 'string') return 'object';
  return type.startsWith('[runtime_random') ? 'keyword' : type;
}
