/**
 * Layer 2 — repository (detection-rules `tests/`): rules that block a pull request upstream
 * though the rule still loads. Codes start with 'rule/repo/'. Tags and ATT&CK have their own
 * modules; the rest — risk/severity, dates, stack versions, scheduling — is here.
 */
import { getOwn } from '../own-key.ts';
import type { TomlTable } from '../types.ts';
import type { Reporter } from './report.ts';
import { isString, isTable, stringsOf, show } from './values.ts';
import { checkTags } from './tags.ts';
import { checkThreats } from './threat.ts';
import { checkLayout } from './layout.ts';
import { compareVersions, OLDEST_STACK } from './versions.ts';
import { durationMs, formatDuration, lookbackMs } from './durations.ts';
import vocabulary from './data/vocabulary.json' with { type: 'json' };

export interface RepoOptions {
  /** Today's date as YYYY/MM/DD, for dates in the future. */
  today: string;
  filePath?: string;
}

/** The risk scores detection-rules accepts for each severity. */
export const SEVERITY_BANDS: Readonly<Record<string, readonly [number, number]>> = {
  low: [0, 21],
  medium: [22, 47],
  high: [48, 73],
  critical: [74, 100],
};

const TIMELINES: Readonly<Record<string, string>> = vocabulary.timelines;
const INTEGRATIONS = new Set(vocabulary.integrations);

export function repoLayer(data: TomlTable, o: RepoOptions, r: Reporter): void {
  const rule = isTable(data.rule) ? data.rule : undefined;
  const meta = isTable(data.metadata) ? data.metadata : {};
  if (o.filePath) checkLayout(data, o.filePath, r);
  if (meta.maturity === 'deprecated') return checkDeprecated(meta, r);
  checkMetadata(meta, o, r);
  if (!rule) return;
  checkTransformPlaceholders(rule, isTable(data.transform) ? data.transform : {}, r);
  checkRiskScore(rule, r);
  checkTags(rule, o.filePath, r);
  checkThreats(rule.threat, 'rule.threat', r);
  if (Array.isArray(rule.threat_mappings)) {
    rule.threat_mappings.forEach((m, i) => {
      if (isTable(m)) checkThreats(m.threat, `rule.threat_mappings[${i}].threat`, r);
    });
  }
  checkLicense(rule, r);
  checkSchedule(rule, r);
  checkTimeline(rule, r);
  checkStackRestrictedFields(rule, meta, r);
  checkTimestampOverride(rule, r);
  checkSequenceTiming(rule, r);
  checkInvestigationGuide(rule, r);
}

/** Deprecated rules are not schema-checked upstream, but their dates are. */
function checkDeprecated(meta: TomlTable, r: Reporter): void {
  if (meta.deprecation_date === undefined) {
    r.error('rule/repo/deprecation-date', 'metadata.deprecation_date', 'Deprecated rules need `deprecation_date`; add it, equal to updated_date.', 'key');
  } else if (meta.deprecation_date !== meta.updated_date) {
    r.error(
      'rule/repo/deprecation-date',
      'metadata.deprecation_date',
      `\`deprecation_date\` ${show(meta.deprecation_date)} differs from \`updated_date\` ${show(meta.updated_date)}; set both to the day the rule was deprecated.`,
    );
  }
}

/**
 * `$osquery_N` / `$investigate_N` placeholders in `note` stand for `[[transform.…]]` entries:
 * upstream requires as many distinct placeholders of a kind as entries, and no raw `!{osquery`.
 */
function checkTransformPlaceholders(rule: TomlTable, transform: TomlTable, r: Reporter): void {
  const note = isString(rule.note) ? rule.note : '';
  for (const kind of ['osquery', 'investigate'] as const) {
    const entries = Array.isArray(transform[kind]) ? transform[kind].length : 0;
    const used = new Set([...note.matchAll(new RegExp(`\\$${kind}_(\\d+)`, 'g'))].map((m) => m[1]));
    if (used.size !== entries) {
      r.error(
        'rule/repo/transform-placeholders',
        'rule.note',
        `\`note\` uses ${used.size} distinct $${kind}_N placeholder${used.size === 1 ? '' : 's'} but [transform] has ${entries} ${kind} entr${entries === 1 ? 'y' : 'ies'}; make them match.`,
        'key',
      );
    }
  }
  const raw = note.indexOf('!{osquery');
  if (raw >= 0) {
    r.error(
      'rule/repo/transform-placeholders',
      'rule.note',
      'Write osquery actions as [[transform.osquery]] entries with a $osquery_N placeholder, not as a literal !{osquery…} in `note`.',
      { start: raw, end: raw + 9 },
    );
  }
}

function checkMetadata(meta: TomlTable, o: RepoOptions, r: Reporter): void {
  const created = meta.creation_date;
  const updated = meta.updated_date;
  const isDate = (v: unknown): v is string => isString(v) && /^\d{4}\/\d{2}\/\d{2}$/.test(v);
  // YYYY/MM/DD strings order the same as the dates they spell.
  if (isDate(created) && isDate(updated) && updated < created) {
    r.error(
      'rule/repo/updated-before-created',
      'metadata.updated_date',
      `\`updated_date\` ${updated} is before \`creation_date\` ${created}; set it to the date of the last change.`,
    );
  }
  for (const key of ['creation_date', 'updated_date'] as const) {
    const v = meta[key];
    if (isDate(v) && v > o.today) {
      r.warning('rule/repo/date-in-future', `metadata.${key}`, `\`${key}\` ${v} is in the future (today is ${o.today}); use a past or current date.`);
    }
  }
  const minStack = meta.min_stack_version;
  if (minStack !== undefined && meta.min_stack_comments === undefined) {
    r.error(
      'rule/repo/min-stack-comments',
      'metadata.min_stack_version',
      '`min_stack_version` is set without `min_stack_comments`; add a comment saying why the rule needs that stack.',
      'key',
    );
  }
  if (isString(minStack) && /^\d+\.\d+/.test(minStack) && compareVersions(minStack, OLDEST_STACK) < 0) {
    r.warning(
      'rule/repo/min-stack-unsupported',
      'metadata.min_stack_version',
      `\`min_stack_version\` ${minStack} is older than the oldest supported stack ${OLDEST_STACK}; raise it to ${OLDEST_STACK} or remove it.`,
    );
  }
  const integration = meta.integration;
  const packages: [string, unknown][] = Array.isArray(integration)
    ? integration.map((name, i) => [`metadata.integration[${i}]`, name])
    : [['metadata.integration', integration]];
  for (const [path, name] of packages) {
    if (isString(name) && !INTEGRATIONS.has(name)) {
      r.warning('rule/repo/unknown-integration', path, `${show(name)} is not a known Fleet integration package; check the package name.`);
    }
  }
}

function checkRiskScore(rule: TomlTable, r: Reporter): void {
  const { severity, risk_score: score } = rule;
  if (!isString(severity) || typeof score !== 'number') return;
  const band = getOwn(SEVERITY_BANDS, severity);
  if (band && (score < band[0] || score > band[1])) {
    const fitting = Object.entries(SEVERITY_BANDS).find(([, [lo, hi]]) => score >= lo && score <= hi)?.[0];
    r.error(
      'rule/repo/risk-severity',
      'rule.risk_score',
      `Risk score ${score} is outside the ${severity} band ${band[0]}–${band[1]}; use a score in that band${fitting ? ` or set severity to "${fitting}"` : ''}.`,
    );
  }
}

function checkLicense(rule: TomlTable, r: Reporter): void {
  const license = rule.license;
  if (isString(license) && license.toLowerCase().includes('elastic license') && license !== 'Elastic License v2') {
    r.error('rule/repo/license', 'rule.license', `License ${show(license)} should be written exactly "Elastic License v2".`);
  }
}

function checkSchedule(rule: TomlTable, r: Reporter): void {
  const from = rule.from;
  if (isString(from) && !/^now-\d+[yMwdhHms]$/.test(from)) {
    r.error('rule/repo/from-format', 'rule.from', `\`from\` is ${show(from)} but must be date math such as now-9m; rewrite it in that form.`);
  }
  if (from === undefined && stringsOf(rule.index).includes('logs-endpoint.events.*')) {
    r.error('rule/repo/missing-from', 'rule.from', 'Rules on logs-endpoint.events.* must set `from` to cover ingest delay; add from = "now-9m".', 'key');
  }
  const maxSignals = rule.max_signals;
  if (typeof maxSignals === 'number' && maxSignals > 1000) {
    r.error('rule/repo/max-signals', 'rule.max_signals', `\`max_signals\` is ${maxSignals} but may be at most 1000; lower it.`);
  }
  if (maxSignals === 1000 && !(isString(rule.setup) && rule.setup.includes('maximum alerts warning'))) {
    r.error(
      'rule/repo/max-signals-setup',
      'rule.setup',
      'Rules with max_signals = 1000 must explain the maximum alerts warning in `setup`; add the standard troubleshooting sentence.',
      'key',
    );
  }
}

function checkTimeline(rule: TomlTable, r: Reporter): void {
  const { timeline_id: id, timeline_title: title } = rule;
  if ((id === undefined) !== (title === undefined)) {
    const missing = id === undefined ? 'timeline_id' : 'timeline_title';
    r.error('rule/repo/timeline', `rule.${missing}`, `\`timeline_id\` and \`timeline_title\` go together; add \`${missing}\` or remove the other.`, 'key');
    return;
  }
  if (!isString(id) || !isString(title)) return;
  const known = getOwn(TIMELINES, id);
  // Our template list comes from the corpus and may be incomplete, so an unknown id only warns.
  if (known === undefined) {
    r.warning('rule/repo/timeline', 'rule.timeline_id', `Timeline template ${show(id)} is not a known prebuilt template; check the id.`);
  } else if (known !== title) {
    r.error('rule/repo/timeline', 'rule.timeline_title', `Timeline template ${id} is titled ${show(known)}, not ${show(title)}; use that title.`);
  }
}

/** Fields older stacks do not know, with the first stack that does (`min_compat` upstream). */
function restrictedFields(rule: TomlTable): [path: string, since: string][] {
  const found: [string, string][] = [];
  const suppressionSince: Record<string, string> = {
    query: '8.8',
    threshold: '8.12',
    threat_match: '8.13',
    eql: '8.14',
    new_terms: '8.14',
    esql: '8.15',
    machine_learning: '8.15',
  };
  if (rule.investigation_fields !== undefined) found.push(['rule.investigation_fields', '8.11']);
  const suppressedFrom = isString(rule.type) ? getOwn(suppressionSince, rule.type) : undefined;
  if (rule.alert_suppression !== undefined && suppressedFrom) {
    found.push(['rule.alert_suppression', suppressedFrom]);
  }
  if (rule.revision !== undefined) found.push(['rule.revision', '8.8']);
  for (const key of ['setup', 'related_integrations', 'required_fields']) if (rule[key] !== undefined) found.push([`rule.${key}`, '8.3']);
  for (const key of ['timestamp_field', 'event_category_override', 'tiebreaker_field']) if (rule[key] !== undefined) found.push([`rule.${key}`, '8.0']);
  if (Array.isArray(rule.threat_mapping)) {
    rule.threat_mapping.forEach((g, i) => {
      if (!isTable(g) || !Array.isArray(g.entries)) return;
      g.entries.forEach((e, j) => {
        if (isTable(e) && e.negate !== undefined) found.push([`rule.threat_mapping[${i}].entries[${j}].negate`, '9.2']);
      });
    });
  }
  return found;
}

function checkStackRestrictedFields(rule: TomlTable, meta: TomlTable, r: Reporter): void {
  const declared = meta.min_stack_version;
  const minStack = isString(declared) && /^\d+\.\d+/.test(declared) ? declared : OLDEST_STACK;
  for (const [path, since] of restrictedFields(rule)) {
    if (compareVersions(minStack, since) < 0) {
      r.error(
        'rule/repo/stack-restricted-field',
        path,
        `\`${path.replace(/^rule\./, '')}\` needs stack ${since} or later but the rule's min_stack_version is ${minStack}; raise metadata.min_stack_version to ${since}.0.`,
        'key',
      );
    }
  }
}

/** The query without the comments and blank lines that may precede its first keyword. */
function withoutLeadingComments(query: string): string {
  return query.replace(/^(?:\s+|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*/, '');
}

function isSequence(query: unknown): boolean {
  return isString(query) && /^sequence\b/i.test(withoutLeadingComments(query));
}

function checkTimestampOverride(rule: TomlTable, r: Reporter): void {
  const override = rule.timestamp_override;
  if (!isString(override) || override === 'event.ingested') return;
  const kuery = rule.language === 'kuery';
  const singleEql = rule.language === 'eql' && !isSequence(rule.query);
  if (kuery || singleEql) {
    r.error(
      'rule/repo/timestamp-override',
      'rule.timestamp_override',
      `\`timestamp_override\` is ${show(override)} but ${kuery ? 'KQL' : 'non-sequence EQL'} rules must use "event.ingested"; change it.`,
    );
  }
}

/** `maxspan=30m` of a sequence header (the query layer's parser is not needed for this). */
function sequenceMaxspan(query: string): number | undefined {
  const m = /^sequence\b[^[]*?\bwith\s+maxspan\s*=\s*(\d+)\s*(ms|s|m|h|d)\b/i.exec(withoutLeadingComments(query));
  return m ? durationMs(`${m[1]}${m[2]}`) : undefined;
}

const LOOKBACK_SLACK_MS = 10 * 60_000;
const DEFAULT_FROM = 'now-6m';
const DEFAULT_INTERVAL = '5m';

function checkSequenceTiming(rule: TomlTable, r: Reporter): void {
  if (rule.language !== 'eql' || !isString(rule.query) || !isSequence(rule.query)) return;
  const maxspan = sequenceMaxspan(rule.query);
  if (maxspan === undefined) return;
  const fromMs = lookbackMs(isString(rule.from) ? rule.from : DEFAULT_FROM);
  const toMs = lookbackMs(isString(rule.to) ? rule.to : 'now');
  if (fromMs === undefined || toMs === undefined) return;
  const lookback = fromMs - toMs;
  if (lookback + LOOKBACK_SLACK_MS < maxspan) {
    r.error(
      'rule/repo/maxspan-lookback',
      rule.from === undefined ? 'rule' : 'rule.from',
      `The sequence maxspan ${formatDuration(maxspan)} exceeds the look-back ${formatDuration(lookback)} plus 10m; set \`from\` to now-${formatDuration(Math.max(maxspan - LOOKBACK_SLACK_MS + toMs, 60_000))} or further back.`,
    );
  }
  const intervalMs = durationMs(isString(rule.interval) ? rule.interval : DEFAULT_INTERVAL);
  if (intervalMs !== undefined && maxspan > 150_000 && intervalMs < maxspan / 2) {
    r.error(
      'rule/repo/maxspan-interval',
      rule.interval === undefined ? 'rule' : 'rule.interval',
      `The rule runs every ${formatDuration(intervalMs)}, less than half the sequence maxspan ${formatDuration(maxspan)}; set \`interval\` to at least ${formatDuration(Math.ceil(maxspan / 2 / 60_000) * 60_000)}.`,
    );
  }
}

function checkInvestigationGuide(rule: TomlTable, r: Reporter): void {
  const elastic = stringsOf(rule.author).includes('Elastic');
  if (!elastic) return;
  const note = isString(rule.note) ? rule.note : '';
  const severe = rule.severity === 'high' || rule.severity === 'critical';
  if (severe && rule.building_block_type === undefined && !note.toLowerCase().includes('## triage and analysis')) {
    r.error('rule/repo/investigation-guide', 'rule.note', 'High and critical Elastic rules need a `## Triage and analysis` section in `note`; add one.', 'key');
  }
  if (isString(rule.name) && /### Investigating/i.test(note) && !note.toLowerCase().includes(`### investigating ${rule.name.toLowerCase()}`)) {
    r.error(
      'rule/repo/investigation-guide',
      'rule.note',
      `The investigation guide heading must read \`### Investigating ${rule.name}\`; rename it after the rule.`,
      investigatingHeading(note),
    );
  }
}

/** Where the first `### Investigating` heading stands in the note, to point at it. */
function investigatingHeading(note: string): { start: number; end: number } {
  const m = /^### Investigating.*$/im.exec(note);
  return m ? { start: m.index, end: m.index + m[0].length } : { start: 0, end: 0 };
}
