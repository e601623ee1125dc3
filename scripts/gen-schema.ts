/**
 * Regenerates the field-schema data shipped in src/eql/schema/data/ (run: `npx tsx scripts/gen-schema.ts`).
 *
 * Sources:
 *  - ECS: the `@elastic/ecs` npm package (Apache-2.0), the shipped base field set with types,
 *    short descriptions, examples and allowed values.
 *  - /work/shared/schemas (detection-rules' etc/, Elastic License 2.0): per-stack ECS flat files
 *    (only the *differences* to the base are kept), stack-schema-map.yaml, non-ECS fields per
 *    index pattern, Elastic Defend's process.Ext fields, the Endgame mapping, and the Beats field
 *    definitions (auditbeat, winlogbeat, packetbeat only, minus ECS fields).
 *
 * The product imports only the generated files; it never reads /work/shared at run time.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EcsFlat } from '@elastic/ecs';

const here = dirname(fileURLToPath(import.meta.url));
const SHARED = process.env.RULE_STUDIO_SHARED ?? join(here, '../../shared/schemas');
const OUT = join(here, '../src/eql/schema/data');

/** Which beats we ship: the ones whose indices the ECS-only rules query. Filebeat (5,000 module
 * fields) is left out on purpose: filebeat-* is treated as an index with an incomplete schema. */
const SHIPPED_BEATS = ['auditbeat', 'winlogbeat', 'packetbeat'] as const;

interface EcsFlatEntry {
  type: string;
  short?: string;
  description?: string;
  example?: unknown;
  normalize?: string[];
  allowed_values?: { name: string; description?: string }[];
  multi_fields?: { flat_name: string; type: string }[];
}

type CompactField = [type: string, short: string, example?: string, flags?: number, allowed?: string[]];
/** Bit flags in CompactField[3]. */
const ARRAY = 1;

function firstSentence(text: string, max = 160): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const dot = oneLine.search(/\.(\s|$)/);
  const sentence = dot >= 0 ? oneLine.slice(0, dot + 1) : oneLine;
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}

function exampleText(example: unknown): string | undefined {
  if (example === undefined || example === null || example === '') return undefined;
  const text = typeof example === 'string' ? example : JSON.stringify(example);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function compactEcs(flat: Record<string, EcsFlatEntry>, withDocs: boolean): Record<string, CompactField> {
  const out: Record<string, CompactField> = {};
  for (const name of Object.keys(flat).sort()) {
    const f = flat[name];
    const flags = f.normalize?.includes('array') ? ARRAY : 0;
    const entry: CompactField = [f.type, withDocs ? firstSentence(f.short ?? f.description ?? '') : ''];
    const example = withDocs ? exampleText(f.example) : undefined;
    const allowed = f.allowed_values?.map((v) => v.name);
    if (example !== undefined || flags || allowed) entry.push(example ?? '');
    if (flags || allowed) entry.push(flags);
    if (allowed) entry.push(allowed);
    out[name] = entry;
    for (const mf of f.multi_fields ?? []) {
      out[mf.flat_name] = [mf.type, withDocs ? `Full-text sub-field of ${name}; EQL cannot search it.` : ''];
    }
  }
  return out;
}

/** Allowed-value descriptions (event.category etc.) for hover/completion documentation. */
function allowedValueDocs(flat: Record<string, EcsFlatEntry>): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, f] of Object.entries(flat)) {
    if (!f.allowed_values || name.includes('entity.type')) continue;
    out[name] = {};
    for (const v of f.allowed_values) out[name][v.name] = firstSentence(v.description ?? '', 200);
  }
  return out;
}

function readJson(rel: string): unknown {
  const buf = readFileSync(join(SHARED, rel));
  return JSON.parse((rel.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8'));
}

/** The supported (uncommented) entries of stack-schema-map.yaml. Tiny purpose-built reader. */
function readStackMap(): Record<string, { ecs: string; beats: string; endgame: string }> {
  const out: Record<string, { ecs: string; beats: string; endgame: string }> = {};
  let current: string | null = null;
  for (const line of readFileSync(join(SHARED, 'stack-schema-map.yaml'), 'utf8').split('\n')) {
    if (line.trimStart().startsWith('#') || !line.trim()) continue;
    const top = /^"?([\d.]+)"?:\s*$/.exec(line);
    if (top) {
      current = top[1];
      out[current] = { ecs: '', beats: '', endgame: '' };
      continue;
    }
    const kv = /^\s+(ecs|beats|endgame):\s*"?([^"\s]+)"?/.exec(line);
    if (kv && current) out[current][kv[1] as 'ecs' | 'beats' | 'endgame'] = kv[2];
  }
  return out;
}

function currentPackageVersion(): string {
  const m = /name:\s*'([\d.]+)'/.exec(readFileSync(join(SHARED, 'packages.yaml'), 'utf8'));
  if (!m) throw new Error('packages.yaml: package.name not found');
  return m[1].split('.').length === 2 ? `${m[1]}.0` : m[1];
}

/** Nested `{a: {b: "keyword"}}` or dotted `{"a.b": "keyword"}` → flat `{ "a.b": "keyword" }`. */
function flattenTypes(node: Record<string, unknown>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(node)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[name] = v;
    else if (v && typeof v === 'object') flattenTypes(v as Record<string, unknown>, name, out);
  }
  return out;
}

interface BeatsField {
  name?: unknown;
  type?: unknown;
  fields?: BeatsField[] | null;
}
interface BeatsFolder {
  files?: Record<string, BeatsField[] | null>;
  folders?: Record<string, BeatsFolder>;
}

function beatsFields(folder: BeatsFolder, out: Record<string, string>): void {
  const walk = (fields: BeatsField[] | null | undefined, prefix: string) => {
    for (const f of fields ?? []) {
      if (!f || typeof f.name !== 'string') continue;
      const name = prefix ? `${prefix}.${f.name}` : f.name;
      const type = typeof f.type === 'string' ? f.type : 'keyword';
      if (f.fields && f.fields.length > 0) {
        if (type !== 'group') out[name] = type;
        walk(f.fields, name);
      } else if (type !== 'group') {
        out[name] = type;
      }
    }
  };
  for (const top of Object.values(folder.files ?? {})) {
    for (const t of top ?? []) if (t?.fields) walk(t.fields, '');
  }
  for (const sub of Object.values(folder.folders ?? {})) beatsFields(sub, out);
}

/** {name: type} → {type: [names]}: the same information in about half the bytes. */
function groupByType(fields: Record<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of Object.keys(fields).sort()) (out[fields[name]] ??= []).push(name);
  return out;
}

/** The generated files: name → JSON text. */
export function generate(): Record<string, string> {
  const base = EcsFlat as unknown as Record<string, EcsFlatEntry>;
  const baseVersion = (JSON.parse(readFileSync(join(here, '../node_modules/@elastic/ecs/package.json'), 'utf8')) as { version: string }).version;
  const ecs = compactEcs(base, true);

  const stacks = readStackMap();
  const ecsVersions = [...new Set(Object.values(stacks).map((s) => s.ecs))].sort();
  // Per ECS version: which base fields it lacks, which it adds (type + short text), which differ in type.
  const ecsDiffs: Record<string, { removed: string[]; added: Record<string, CompactField>; retyped: Record<string, string> }> = {};
  for (const v of ecsVersions) {
    const other = compactEcs(readJson(`ecs/ecs_flat-${v}.json`) as Record<string, EcsFlatEntry>, true);
    const diff = { removed: [] as string[], added: {} as Record<string, CompactField>, retyped: {} as Record<string, string> };
    for (const name of Object.keys(ecs)) {
      if (!(name in other)) diff.removed.push(name);
      else if (other[name][0] !== ecs[name][0]) diff.retyped[name] = other[name][0];
    }
    for (const name of Object.keys(other)) if (!(name in ecs)) diff.added[name] = other[name];
    ecsDiffs[v] = diff;
  }

  const allEcsNames = new Set<string>(Object.keys(ecs));
  for (const d of Object.values(ecsDiffs)) for (const n of Object.keys(d.added)) allEcsNames.add(n);

  const nonEcsRaw = readJson('non-ecs-schema.json') as Record<string, Record<string, unknown>>;
  const nonEcs: Record<string, Record<string, string[]>> = {};
  for (const [pattern, fields] of Object.entries(nonEcsRaw)) nonEcs[pattern] = groupByType(flattenTypes(fields));

  const endpointProcess = groupByType(readJson('endpoint_process.json') as Record<string, string>);
  const endgameVersion = [...new Set(Object.values(stacks).map((s) => s.endgame))].sort().at(-1)!;
  const endgameAll = readJson(`endgame_ecs_mapping-${endgameVersion}.json`) as Record<string, string>;
  const endgame: Record<string, string> = {};
  for (const [n, t] of Object.entries(endgameAll)) if (!allEcsNames.has(n)) endgame[n] = t;

  // Beats: the newest beats version of the supported stacks, ECS fields removed (ECS wins).
  const beatsVersion = [...new Set(Object.values(stacks).map((s) => s.beats))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })).at(-1)!;
  const beatsRaw = readJson(`beats/v${beatsVersion}.json.gz`) as Record<string, BeatsFolder>;
  const beats: Record<string, Record<string, string[]>> = {};
  for (const beat of SHIPPED_BEATS) {
    const all: Record<string, string> = {};
    beatsFields(beatsRaw[beat], all);
    const own: Record<string, string> = {};
    for (const [n, t] of Object.entries(all)) if (!allEcsNames.has(n) && t !== 'alias') own[n] = t;
    beats[beat] = groupByType(own);
  }

  return {
    'ecs.json': JSON.stringify({ version: baseVersion, fields: ecs, allowedValueDocs: allowedValueDocs(base) }),
    'stacks.json': JSON.stringify({ currentStack: currentPackageVersion(), stacks, ecsDiffs }),
    'extensions.json': JSON.stringify({ endpointProcess, nonEcs, endgame: groupByType(endgame), endgameVersion, beats, beatsVersion }),
  };
}

export const OUTPUT_DIR = OUT;

// Run as a script (not when a test imports `generate`).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(OUT, { recursive: true });
  for (const [file, text] of Object.entries(generate())) {
    writeFileSync(join(OUT, file), `${text}\n`);
    console.log(`${file}: ${text.length} bytes`);
  }
}
