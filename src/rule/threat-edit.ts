/**
 * Pure edits of `rule.threat` that keep ids, names and URLs consistent with the bundled ATT&CK
 * table, and keep the `Tactic: <name>` tags in step with the tactics the threats name.
 */
import type { TomlTable, TomlValue } from './types.ts';
import { subtechnique, tacticName, technique } from './validate/attack.ts';
import attack from './validate/data/attack.json' with { type: 'json' };

export const FRAMEWORK = 'MITRE ATT&CK';
const TACTIC_TAG_PREFIX = 'Tactic: ';

export interface AttackRef {
  id: string;
  name: string;
  reference: string;
}

export function tacticRef(id: string): AttackRef {
  return { id, name: tacticName(id) ?? id, reference: `https://attack.mitre.org/tactics/${id}/` };
}

export function techniqueRef(id: string): AttackRef {
  return { id, name: technique(id)?.name ?? id, reference: `https://attack.mitre.org/techniques/${id}/` };
}

/** Sub-technique URLs use a slash: T1059.006 → techniques/T1059/006/. */
export function subtechniqueRef(id: string): AttackRef {
  return { id, name: subtechnique(id)?.name ?? id, reference: `https://attack.mitre.org/techniques/${id.replace('.', '/')}/` };
}

export function allTactics(): AttackRef[] {
  return Object.keys(attack.tactics)
    .map(tacticRef)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Current (non-deprecated) techniques filed under a tactic, by name. */
export function techniquesOf(tacticId: string): AttackRef[] {
  const table = attack.techniques as Record<string, { name: string; tactics: string[]; deprecated?: boolean }>;
  return Object.entries(table)
    .filter(([, t]) => t.tactics.includes(tacticId) && !t.deprecated)
    .map(([id]) => techniqueRef(id))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function subtechniquesOf(techniqueId: string): AttackRef[] {
  const table = attack.subtechniques as Record<string, { name: string; deprecated?: boolean }>;
  return Object.entries(table)
    .filter(([id, s]) => id.startsWith(techniqueId + '.') && !s.deprecated)
    .map(([id]) => subtechniqueRef(id))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function asTables(value: TomlValue | undefined): TomlTable[] {
  return Array.isArray(value) ? value.filter((v): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)) : [];
}

function refTable(ref: AttackRef): TomlTable {
  return { id: ref.id, name: ref.name, reference: ref.reference };
}

/**
 * Adds a tactic → technique → sub-technique choice. An existing entry for the tactic gains the
 * technique (or the sub-technique under an existing technique); nothing is duplicated.
 */
export function addToThreats(threats: TomlValue | undefined, tacticId: string, techniqueId?: string, subtechniqueId?: string): TomlTable[] {
  const next = structuredClone(asTables(threats));
  let entry = next.find((t) => (t.tactic as TomlTable | undefined)?.id === tacticId);
  if (!entry) {
    entry = { framework: FRAMEWORK, tactic: refTable(tacticRef(tacticId)) };
    next.push(entry);
  }
  if (!techniqueId) return next;
  const techniques = asTables(entry.technique);
  let tech = techniques.find((t) => t.id === techniqueId);
  if (!tech) {
    tech = refTable(techniqueRef(techniqueId));
    techniques.push(tech);
  }
  if (subtechniqueId) {
    const subs = asTables(tech.subtechnique);
    if (!subs.some((s) => s.id === subtechniqueId)) subs.push(refTable(subtechniqueRef(subtechniqueId)));
    tech.subtechnique = subs;
  }
  entry.technique = techniques;
  return next;
}

/** Removes one threat entry, or one technique / sub-technique of it (by index). */
export function removeFromThreats(threats: TomlValue | undefined, threatIndex: number, techniqueIndex?: number, subIndex?: number): TomlTable[] {
  const next = structuredClone(asTables(threats));
  const entry = next[threatIndex];
  if (!entry) return next;
  if (techniqueIndex === undefined) {
    next.splice(threatIndex, 1);
    return next;
  }
  const techniques = asTables(entry.technique);
  if (subIndex === undefined) {
    techniques.splice(techniqueIndex, 1);
  } else {
    const subs = asTables(techniques[techniqueIndex]?.subtechnique);
    subs.splice(subIndex, 1);
    if (techniques[techniqueIndex]) {
      if (subs.length) techniques[techniqueIndex].subtechnique = subs;
      else delete techniques[techniqueIndex].subtechnique;
    }
  }
  if (techniques.length) entry.technique = techniques;
  else delete entry.technique;
  return next;
}

/** Rewrites every name and URL from its id (the "fix all" for mismatches). */
export function normalizeThreats(threats: TomlValue | undefined): TomlTable[] {
  return structuredClone(asTables(threats)).map((entry) => {
    const tactic = entry.tactic as TomlTable | undefined;
    if (tactic && typeof tactic.id === 'string') entry.tactic = refTable(tacticRef(tactic.id));
    const techniques = asTables(entry.technique).map((tech) => {
      const fixed: TomlTable = typeof tech.id === 'string' ? { ...tech, ...refTable(techniqueRef(tech.id)) } : tech;
      const subs = asTables(tech.subtechnique);
      if (subs.length) fixed.subtechnique = subs.map((s) => (typeof s.id === 'string' ? { ...s, ...refTable(subtechniqueRef(s.id)) } : s));
      return fixed;
    });
    if (techniques.length) entry.technique = techniques;
    return entry;
  });
}

export interface ThreatMismatch {
  path: string;
  message: string;
  /** The value that resolves it, when one does (names and URLs follow from the id). */
  fix?: string;
}

/** Names, URLs and tactic membership that disagree with the ATT&CK table. */
export function threatMismatches(threats: TomlValue | undefined): ThreatMismatch[] {
  const out: ThreatMismatch[] = [];
  const check = (path: string, actual: TomlTable, expected: AttackRef, known: boolean) => {
    if (!known) return out.push({ path: `${path}.id`, message: `${expected.id} is not in the ATT&CK table.` });
    if (actual.name !== expected.name)
      out.push({ path: `${path}.name`, message: `${expected.id} is named "${expected.name}", not "${String(actual.name)}".`, fix: expected.name });
    if (actual.reference !== expected.reference)
      out.push({ path: `${path}.reference`, message: `${expected.id} links to ${expected.reference}.`, fix: expected.reference });
  };
  asTables(threats).forEach((entry, i) => {
    const tactic = entry.tactic as TomlTable | undefined;
    const tacticId = typeof tactic?.id === 'string' ? tactic.id : '';
    if (tactic) check(`rule.threat[${i}].tactic`, tactic, tacticRef(tacticId), tacticName(tacticId) !== undefined);
    asTables(entry.technique).forEach((tech, j) => {
      const id = String(tech.id ?? '');
      const info = technique(id);
      check(`rule.threat[${i}].technique[${j}]`, tech, techniqueRef(id), info !== undefined);
      if (info && tacticId && !info.tactics.includes(tacticId)) {
        out.push({ path: `rule.threat[${i}].technique[${j}].id`, message: `${id} is not a technique of ${tacticRef(tacticId).name}.` });
      }
      asTables(tech.subtechnique).forEach((sub, k) => {
        const subId = String(sub.id ?? '');
        check(`rule.threat[${i}].technique[${j}].subtechnique[${k}]`, sub, subtechniqueRef(subId), subtechnique(subId) !== undefined);
        if (!subId.startsWith(id + '.'))
          out.push({ path: `rule.threat[${i}].technique[${j}].subtechnique[${k}].id`, message: `${subId} is not a sub-technique of ${id}.` });
      });
    });
  });
  return out;
}

/**
 * Tags with the `Tactic: <name>` of every tactic the threats name, and no others of that prefix.
 * Other tags keep their order; missing tactic tags are added after the existing ones.
 */
export function tagsInStep(tags: TomlValue | undefined, threats: TomlValue | undefined): string[] {
  const current = Array.isArray(tags) ? tags.map(String) : [];
  const wanted = new Set(
    asTables(threats)
      .map((t) => (t.tactic as TomlTable | undefined)?.id)
      .filter((id): id is string => typeof id === 'string' && tacticName(id) !== undefined)
      .map((id) => TACTIC_TAG_PREFIX + tacticName(id)),
  );
  const kept = current.filter((tag) => !tag.startsWith(TACTIC_TAG_PREFIX) || wanted.has(tag));
  for (const tag of wanted) if (!kept.includes(tag)) kept.push(tag);
  return kept;
}
