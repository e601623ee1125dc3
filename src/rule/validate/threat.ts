/**
 * Layer 2 — repository: threat mappings against ATT&CK (detection-rules `TestThreatMappings`).
 * Names must match ids, ids must match reference URLs, techniques must sit under their tactic,
 * and each tactic appears once. ATLAS entries are skipped, as upstream does.
 */
import type { TomlTable, TomlValue } from '../types.ts';
import type { Reporter } from './report.ts';
import { isTable, isString, show } from './values.ts';
import { closest } from './schema.ts';
import { allTacticNames, nameMatches, subtechnique, tacticIdOf, tacticName, technique } from './attack.ts';

export function checkThreats(threats: TomlValue | undefined, path: string, r: Reporter): void {
  if (!Array.isArray(threats)) return;
  const seenTactics = new Map<string, number>();
  threats.forEach((entry, i) => {
    if (!isTable(entry) || entry.framework !== 'MITRE ATT&CK') return;
    const entryPath = `${path}[${i}]`;
    const tacticId = checkTactic(entry.tactic, `${entryPath}.tactic`, r);
    const tacticKey = isTable(entry.tactic) && isString(entry.tactic.name) ? entry.tactic.name : undefined;
    if (tacticKey !== undefined) {
      const first = seenTactics.get(tacticKey);
      if (first !== undefined) {
        r.error(
          'rule/repo/duplicate-tactic',
          `${entryPath}.tactic`,
          `Tactic ${show(tacticKey)} is already mapped in ${path}[${first}]; merge the techniques into a single entry per tactic.`,
          'key',
        );
      } else {
        seenTactics.set(tacticKey, i);
      }
    }
    if (Array.isArray(entry.technique)) {
      entry.technique.forEach((t, j) => {
        if (isTable(t)) checkTechnique(t, tacticId, `${entryPath}.technique[${j}]`, r);
      });
    }
  });
}

/** Returns the tactic id when the tactic is consistent enough to check techniques against. */
function checkTactic(tactic: TomlValue | undefined, path: string, r: Reporter): string | undefined {
  if (!isTable(tactic) || !isString(tactic.name)) return undefined;
  const expectedId = tacticIdOf(tactic.name);
  if (!expectedId) {
    const hint = closest(tactic.name, allTacticNames());
    r.error(
      'rule/repo/unknown-tactic',
      `${path}.name`,
      `${show(tactic.name)} is not an ATT&CK tactic name${hint ? `; did you mean ${show(hint)}?` : '; use the name as ATT&CK spells it.'}`,
    );
    return undefined;
  }
  if (isString(tactic.id) && tactic.id !== expectedId) {
    const idName = tacticName(tactic.id);
    r.error(
      'rule/repo/tactic-mismatch',
      `${path}.id`,
      `Tactic id ${tactic.id}${idName ? ` is ${show(idName)}` : ''} but the name says ${show(tactic.name)} (${expectedId}); make the id and name agree.`,
    );
  }
  if (isString(tactic.id)) checkReference(tactic.reference, `https://attack.mitre.org/tactics/${tactic.id}/`, `${path}.reference`, r);
  return expectedId;
}

function checkTechnique(t: TomlTable, tacticId: string | undefined, path: string, r: Reporter): void {
  if (!isString(t.id)) return;
  const info = technique(t.id);
  if (!info) {
    r.error('rule/repo/unknown-technique', `${path}.id`, `${show(t.id)} is not an ATT&CK technique id; check it at https://attack.mitre.org/techniques/.`);
    return;
  }
  if (isString(t.name) && !nameMatches(info, t.name)) {
    r.error('rule/repo/technique-name', `${path}.name`, `Technique ${t.id} is named ${show(info.name)} in ATT&CK, not ${show(t.name)}; use the ATT&CK name.`);
  }
  checkReference(t.reference, `https://attack.mitre.org/techniques/${t.id}/`, `${path}.reference`, r);
  if (info.deprecated) {
    r.error('rule/repo/deprecated-technique', `${path}.id`, `Technique ${t.id} is deprecated in ATT&CK; map the rule to its replacement.`);
  }
  if (tacticId && info.tactics.length > 0 && !info.tactics.includes(tacticId)) {
    const under = info.tactics.map((id) => tacticName(id) ?? id).join(', ');
    r.error(
      'rule/repo/technique-tactic',
      `${path}.id`,
      `Technique ${t.id} is not under tactic ${tacticName(tacticId)} in ATT&CK (it is under ${under}); move it to an entry for one of those tactics.`,
    );
  }
  if (Array.isArray(t.subtechnique)) {
    t.subtechnique.forEach((s, k) => {
      if (isTable(s)) checkSubtechnique(s, t.id as string, `${path}.subtechnique[${k}]`, r);
    });
  }
}

function checkSubtechnique(s: TomlTable, parentId: string, path: string, r: Reporter): void {
  if (!isString(s.id)) return;
  if (!s.id.startsWith(parentId + '.')) {
    r.error(
      'rule/repo/subtechnique-parent',
      `${path}.id`,
      `Sub-technique ${s.id} does not belong to technique ${parentId}; file it under its parent technique.`,
    );
    return;
  }
  const [, sub] = s.id.split('.');
  checkReference(s.reference, `https://attack.mitre.org/techniques/${parentId}/${sub}/`, `${path}.reference`, r);
  const info = subtechnique(s.id);
  if (!info) {
    // The bundled matrix lags ATT&CK; an unknown sub-technique may simply be newer than it.
    r.warning(
      'rule/repo/unknown-subtechnique',
      `${path}.id`,
      `${show(s.id)} is not a sub-technique in the bundled ATT&CK table; check the id at https://attack.mitre.org/techniques/${parentId}/.`,
    );
    return;
  }
  if (isString(s.name) && !nameMatches(info, s.name)) {
    r.error(
      'rule/repo/subtechnique-name',
      `${path}.name`,
      `Sub-technique ${s.id} is named ${show(info.name)} in ATT&CK, not ${show(s.name)}; use the ATT&CK name.`,
    );
  }
  if (info.deprecated) {
    r.error('rule/repo/deprecated-technique', `${path}.id`, `Sub-technique ${s.id} is deprecated in ATT&CK; map the rule to its replacement.`);
  }
}

function checkReference(reference: TomlValue | undefined, expected: string, path: string, r: Reporter): void {
  // A malformed URL is already a load-layer error; comparing it with the id would say it twice.
  if (!isString(reference) || !reference.startsWith('https://attack.mitre.org/')) return;
  // detection-rules adds a missing trailing slash on load, so both spellings are the same URL.
  const normalised = reference.endsWith('/') ? reference : reference + '/';
  if (normalised !== expected) {
    r.error('rule/repo/reference-mismatch', path, `The reference ${show(reference)} does not match the id; use ${expected}.`);
  }
}
