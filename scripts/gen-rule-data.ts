/**
 * Generates the data the rule validator ships (src/rule/validate/data/*.json) from the shared
 * reference snapshot, so the product never reads /work/shared at run time.
 *
 *   npx tsx scripts/gen-rule-data.ts [SHARED_DIR]     (default ../shared)
 *
 * Outputs:
 * - attack.json      ATT&CK Enterprise (Kibana's v17 table) plus the v18 ids/names the corpus
 *                    uses, in a compact form: references are derived from ids, so not stored.
 * - vocabulary.json  tag vocabulary, timeline templates and integration names seen upstream,
 *                    plus the supported stack range.
 */
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import TOML from '@iarna/toml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.argv[2] ?? join(root, '..', 'shared');
const outDir = join(root, 'src', 'rule', 'validate', 'data');

interface EnterpriseTable {
  tactics: { id: string; name: string }[];
  techniques: { id: string; name: string; tactics: string[]; deprecated: boolean | null }[];
  subtechniques: { id: string; name: string; technique: string; deprecated: boolean | null }[];
}
interface CorpusTable {
  tactics: Record<string, { id: string }>;
  techniques: Record<string, { name: string }>;
  subtechniques: Record<string, { name: string; parent: string }>;
  tactic_techniques_seen: Record<string, string[]>;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function sortObject<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Technique entry: name, tactic ids it may be filed under, other accepted names, deprecated. */
interface TechniqueOut {
  name: string;
  tactics: string[];
  aliases?: string[];
  deprecated?: true;
}
interface SubOut {
  name: string;
  aliases?: string[];
  deprecated?: true;
  corpusOnly?: true;
}

function buildAttack(): unknown {
  const ent = readJson<EnterpriseTable>(join(shared, 'schemas', 'attack-enterprise.json'));
  const corpus = readJson<CorpusTable>(join(shared, 'schemas', 'attack-from-corpus.json'));
  const tactics: Record<string, string> = {};
  for (const t of ent.tactics) tactics[t.id] = t.name;
  for (const [name, t] of Object.entries(corpus.tactics)) tactics[t.id] ??= name;
  const tacticIdByName = new Map(Object.entries(tactics).map(([id, name]) => [name, id]));

  const techniques: Record<string, TechniqueOut> = {};
  for (const t of ent.techniques) {
    techniques[t.id] = { name: t.name, tactics: [...t.tactics].sort() };
    if (t.deprecated === true) techniques[t.id].deprecated = true;
  }
  for (const [id, t] of Object.entries(corpus.techniques)) {
    const known = techniques[id];
    if (!known) techniques[id] = { name: t.name, tactics: [] };
    else if (known.name !== t.name) (known.aliases ??= []).push(t.name);
  }
  // The corpus passes upstream CI against ATT&CK v18, so its tactic/technique pairs are valid
  // even where the v17 table disagrees.
  for (const [tacticName, ids] of Object.entries(corpus.tactic_techniques_seen)) {
    const tacticId = tacticIdByName.get(tacticName);
    if (!tacticId) throw new Error(`corpus tactic ${tacticName} not in table`);
    for (const id of ids) {
      const t = techniques[id];
      if (t && !t.tactics.includes(tacticId)) t.tactics = [...t.tactics, tacticId].sort();
    }
  }

  const subtechniques: Record<string, SubOut> = {};
  for (const s of ent.subtechniques) {
    subtechniques[s.id] = { name: s.name };
    if (s.deprecated === true) subtechniques[s.id].deprecated = true;
  }
  for (const [id, s] of Object.entries(corpus.subtechniques)) {
    const known = subtechniques[id];
    if (!known) subtechniques[id] = { name: s.name, corpusOnly: true };
    else if (known.name !== s.name) (known.aliases ??= []).push(s.name);
  }
  return {
    _source: 'attack-enterprise.json (ATT&CK v17 via Kibana) + attack-from-corpus.json (v18 ids/names used by upstream rules)',
    tactics: sortObject(tactics),
    techniques: sortObject(techniques),
    subtechniques: sortObject(subtechniques),
  };
}

function walkToml(dir: string, found: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkToml(p, found);
    else if (name.endsWith('.toml')) found.push(p);
  }
}

function buildVocabulary(): unknown {
  const files: string[] = [];
  walkToml(join(shared, 'rules-corpus'), files);
  const tags = new Set<string>();
  const timelines: Record<string, string> = {};
  for (const file of files) {
    const data = TOML.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    if (data.metadata?.maturity === 'deprecated') continue;
    const rule = data.rule ?? {};
    if (Array.isArray(rule.tags)) for (const t of rule.tags) if (typeof t === 'string') tags.add(t);
    if (typeof rule.timeline_id === 'string' && typeof rule.timeline_title === 'string') {
      timelines[rule.timeline_id] = rule.timeline_title;
    }
  }
  const manifests = readJson<Record<string, unknown>>(join(shared, 'schemas', 'integration-manifests.json'));
  const stackMap = readFileSync(join(shared, 'schemas', 'stack-schema-map.yaml'), 'utf8');
  const stacks = [...stackMap.matchAll(/^"(\d+\.\d+\.\d+)":/gm)].map((m) => m[1]);
  const packageName = /^\s+name: '([\d.]+)'/m.exec(readFileSync(join(shared, 'schemas', 'packages.yaml'), 'utf8'));
  if (!packageName || stacks.length === 0) throw new Error('could not read stack versions');
  return {
    _source:
      'tags and timeline templates used by the active rules of rules-corpus; integration names from integration-manifests.json; stacks from stack-schema-map.yaml and packages.yaml',
    oldestStack: stacks[0],
    currentPackage: packageName[1],
    stacks,
    integrations: Object.keys(manifests).sort(),
    tags: unambiguousTags(tags),
    timelines: sortObject(timelines),
  };
}

/**
 * Upstream checks a tag's casing against its vocabulary, so a tag the corpus spells two ways
 * ("AWS CloudTrail" / "AWS Cloudtrail") cannot be in that vocabulary: keep only tags with a
 * single spelling.
 */
function unambiguousTags(tags: Set<string>): string[] {
  const spellings = new Map<string, number>();
  for (const t of tags) spellings.set(t.toLowerCase(), (spellings.get(t.toLowerCase()) ?? 0) + 1);
  return [...tags].filter((t) => spellings.get(t.toLowerCase()) === 1).sort();
}

function write(name: string, value: unknown): void {
  writeFileSync(join(outDir, name), JSON.stringify(value, null, 1) + '\n');
  console.log(`wrote ${join(outDir, name)}`);
}

write('attack.json', buildAttack());
write('vocabulary.json', buildVocabulary());
