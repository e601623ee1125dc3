/**
 * Decodes the compact generated data (see scripts/gen-schema.ts for the format).
 */
import ecsData from './data/ecs.json' with { type: 'json' };
import stacksData from './data/stacks.json' with { type: 'json' };
import extensionsData from './data/extensions.json' with { type: 'json' };
import { typeFamily, type FieldInfo, type FieldSource } from './types.ts';

/** [type, short description, example?, flags?, allowed values?] */
type CompactField = [string, string, string?, number?, string[]?];
const ARRAY_FLAG = 1;

interface EcsDiff {
  removed: string[];
  added: Record<string, CompactField>;
  retyped: Record<string, string>;
}

export const ECS_PACKAGE_VERSION: string = ecsData.version;

const ecsFields = ecsData.fields as unknown as Record<string, CompactField>;
const ecsDiffs = stacksData.ecsDiffs as unknown as Record<string, EcsDiff>;
const allowedDocs = ecsData.allowedValueDocs as unknown as Record<string, Record<string, string>>;

export interface Extensions {
  endpointProcess: Record<string, string[]>;
  nonEcs: Record<string, Record<string, string[]>>;
  endgame: Record<string, string[]>;
  endgameVersion: string;
  beats: Record<string, Record<string, string[]>>;
  beatsVersion: string;
}
export const EXTENSIONS = extensionsData as unknown as Extensions;

function decode(name: string, c: CompactField, source: FieldSource): FieldInfo {
  const info: FieldInfo = {
    name,
    type: c[0],
    family: typeFamily(c[0]),
    description: c[1],
    array: ((c[3] ?? 0) & ARRAY_FLAG) !== 0,
    source,
    missingInStacks: [],
  };
  if (c[2]) info.example = c[2];
  if (c[4]) info.allowedValues = c[4];
  return info;
}

/**
 * ECS fields as they are in the given ECS versions: the union of their field sets, each field
 * carrying the versions that lack it (filled in by the caller per stack).
 */
export function ecsFieldsFor(ecsVersions: string[]): Map<string, { info: FieldInfo; missingIn: string[] }> {
  const out = new Map<string, { info: FieldInfo; missingIn: string[] }>();
  const removed = new Map(ecsVersions.map((v) => [v, new Set(ecsDiffs[v]?.removed ?? [])]));
  for (const [name, c] of Object.entries(ecsFields)) {
    const missingIn = ecsVersions.filter((v) => removed.get(v)!.has(name));
    if (missingIn.length === ecsVersions.length) continue;
    const info = decode(name, c, 'ecs');
    // A type change between versions: the newest version's type describes the field.
    for (const v of ecsVersions) {
      const t = ecsDiffs[v]?.retyped[name];
      if (t) {
        info.type = t;
        info.family = typeFamily(t);
      }
    }
    out.set(name, { info, missingIn });
  }
  for (const v of ecsVersions) {
    for (const [name, c] of Object.entries(ecsDiffs[v]?.added ?? {})) {
      if (out.has(name)) continue;
      const missingIn = ecsVersions.filter((w) => !(name in (ecsDiffs[w]?.added ?? {})));
      out.set(name, { info: decode(name, c, 'ecs'), missingIn });
    }
  }
  return out;
}

/** `{type: [names]}` → FieldInfo list. */
export function typedFields(grouped: Record<string, string[]>, source: FieldSource, origin: string): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const [type, names] of Object.entries(grouped)) {
    for (const name of names) {
      out.push({ name, type, family: typeFamily(type), description: '', array: false, source, origin, missingInStacks: [] });
    }
  }
  return out;
}

export function allowedValueDoc(field: string, value: string): string | undefined {
  return allowedDocs[field]?.[value];
}
