/**
 * What the rule forms offer, derived from the single sources the validator uses: choices from the
 * rule field table, severity bands, vocabulary suggestions, ATT&CK lookups, the schedule summary.
 * And the form actions that edit the selected rule. Components render these and call the actions;
 * they never read validator data themselves, so the form and the validator cannot drift apart.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { getOwn } from '../rule/own-key.ts';
import { formatDate, newRuleId } from '../rule/templates.ts';
import { addToThreats, removeFromThreats, tagsInStep, threatMismatches } from '../rule/threat-edit.ts';
import { parsePath } from '../rule/toml-path.ts';
import type { TomlTable, TomlValue } from '../rule/types.ts';
import vocabulary from '../rule/validate/data/vocabulary.json' with { type: 'json' };
import { durationMs, formatDuration, lookbackMs } from '../rule/validate/durations.ts';
import { MATURITIES, RULE_TYPES, SEVERITIES, TYPE_FIELDS } from '../rule/validate/fields.ts';
import { SEVERITY_BANDS } from '../rule/validate/repo-layer.ts';
import type { Fields } from '../rule/validate/schema.ts';
import type { AppState } from './store.ts';
import type { WorkspaceData } from './studio.ts';
import { selectedEntry } from './workspace-slice.ts';

export type { AttackRef, ThreatMismatch } from '../rule/threat-edit.ts';
export { allTactics, subtechniquesOf, techniquesOf } from '../rule/threat-edit.ts';

/** The allowed values of a string key of the field table (`['alert_suppression', 'duration', 'unit']`). */
function enumAt(fields: Fields | undefined, path: readonly string[]): readonly string[] {
  let spec = fields && getOwn(fields, path[0]);
  for (const key of path.slice(1)) spec = spec?.kind === 'table' && spec.fields ? getOwn(spec.fields, key) : undefined;
  return spec?.kind === 'string' && spec.enum ? spec.enum : [];
}

/** The choices of the forms' selects, each the validator's own list. */
export const FORM_CHOICES = {
  /** `saved_query` rules cannot be authored in detection-rules (they reference a Kibana object). */
  ruleTypes: RULE_TYPES.filter((t) => t !== 'saved_query'),
  severities: SEVERITIES,
  maturities: MATURITIES,
  queryLanguages: enumAt(TYPE_FIELDS.query, ['language']),
  threatLanguages: enumAt(TYPE_FIELDS.threat_match, ['threat_language']),
  suppressionUnits: enumAt(TYPE_FIELDS.query, ['alert_suppression', 'duration', 'unit']),
  missingFieldsStrategies: enumAt(TYPE_FIELDS.query, ['alert_suppression', 'missing_fields_strategy']),
} as const;

/** Suggestions from the bundled detection-rules vocabulary (the same file the validator checks tags against). */
export const VOCABULARY: { readonly tags: readonly string[]; readonly integrations: readonly string[]; readonly stacks: readonly string[] } = {
  tags: vocabulary.tags,
  integrations: vocabulary.integrations,
  stacks: vocabulary.stacks,
};

/** detection-rules expects the risk score inside the band of the severity (the validator's table): `48–73`. */
export function severityBandText(severity: unknown): string | undefined {
  const band = typeof severity === 'string' ? getOwn(SEVERITY_BANDS, severity) : undefined;
  return band && `${band[0]}–${band[1]}`;
}

/** detection-rules' defaults when the schedule keys are absent. */
export const SCHEDULE_DEFAULTS = { from: 'now-6m', interval: '5m' } as const;

/** How far each run looks back beyond the previous one: gaps and overlaps are visible at once. */
export function scheduleSummary(from: string, interval: string): string | undefined {
  const back = lookbackMs(from);
  const every = durationMs(interval);
  if (back === undefined || every === undefined) return undefined;
  const extra = back - every;
  if (extra < 0) return `Runs every ${formatDuration(every)} but looks back only ${formatDuration(back)}: events in the gap are never searched.`;
  return `Runs every ${formatDuration(every)}, looks back ${formatDuration(back)} (${extra === 0 ? 'no' : formatDuration(extra)} overlap for late events).`;
}

/** The value at a TOML path (`rule.threat[0].tactic.id`) of parsed rule data, or undefined. */
export function ruleValueAt(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const segment of parsePath(path) ?? []) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** Selector: the value at a TOML path of the selected rule. */
export const selectRuleValue =
  (path: string) =>
  (s: WorkspaceData): unknown =>
    ruleValueAt(selectedEntry(s)?.rule.data, path);

/** Diagnostics that belong to the control editing `path` (including its elements: `rule.tags[2]`). */
export function problemsAt(diagnostics: readonly Diagnostic[] | undefined, path: string): Diagnostic[] {
  if (!diagnostics) return [];
  return diagnostics.filter((d) => d.path === path || d.path?.startsWith(path + '[') || d.path?.startsWith(path + '.'));
}

/** Selector: the rule diagnostics of the control editing `path` (a new array: select with useShallow). */
export const selectFieldProblems =
  (path: string) =>
  (s: Pick<AppState, 'analysis'>): Diagnostic[] =>
    problemsAt(s.analysis?.ruleDiagnostics, path);

/** What the ATT&CK section shows besides the mapping: names or links that disagree, tags out of step. */
export function threatReview(threats: unknown, tags: unknown): { mismatches: ReturnType<typeof threatMismatches>; tagsOff: boolean } {
  const mismatches = threatMismatches(threats as TomlValue | undefined);
  const inStep = tagsInStep(tags as TomlValue | undefined, threats as TomlValue | undefined);
  return { mismatches, tagsOff: JSON.stringify(inStep) !== JSON.stringify(Array.isArray(tags) ? tags : []) };
}

/** The forms' actions on the selected rule (`actions.form`), over the root state. */
export function formActions(get: () => AppState) {
  const selectedRuleTable = (): TomlTable | undefined => selectedEntry(get())?.rule.data?.rule as TomlTable | undefined;
  const setField = (path: string, value: TomlValue | undefined) => get().actions.rules.setField(path, value);

  /** Brings the `Tactic:` tags in step with the mapped tactics, writing only when they differ. */
  function keepTacticTagsInStep(): void {
    const rule = selectedRuleTable();
    const next = tagsInStep(rule?.tags, rule?.threat);
    if (JSON.stringify(next) !== JSON.stringify(rule?.tags ?? [])) setField('rule.tags', next);
  }

  /** Writes new threats and brings the tags in step, as one user action. */
  function writeThreats(threats: TomlTable[]): void {
    setField('rule.threat', threats.length ? threats : undefined);
    keepTacticTagsInStep();
  }

  /** The forms' actions on the selected rule. */
  return {
    regenerateRuleId(): void {
      setField('rule.rule_id', newRuleId());
    },
    setUpdatedDateToday(): void {
      setField('metadata.updated_date', formatDate(new Date()));
    },
    /** Adds a tactic → technique → sub-technique choice; nothing is duplicated. */
    addThreat(tacticId: string, techniqueId?: string, subtechniqueId?: string): void {
      writeThreats(addToThreats(selectedRuleTable()?.threat, tacticId, techniqueId, subtechniqueId));
    },
    /** Removes one threat entry, or one technique / sub-technique of it (by index). */
    removeThreat(threatIndex: number, techniqueIndex?: number, subIndex?: number): void {
      writeThreats(removeFromThreats(selectedRuleTable()?.threat, threatIndex, techniqueIndex, subIndex));
    },
    /** Rewrites wrong names and links key by key (so only the wrong lines change), then the tactic tags. */
    fixThreats(): void {
      for (const m of threatMismatches(selectedRuleTable()?.threat)) if (m.fix !== undefined) setField(m.path, m.fix);
      keepTacticTagsInStep();
    },
  };
}

export type FormActions = ReturnType<typeof formActions>;
