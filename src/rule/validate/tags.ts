/**
 * Layer 2 — repository: tags (detection-rules `TestRuleTags`). Known prefixes, casing against
 * the vocabulary, no duplicates, the primary `Tactic:` tag, and the tags implied by the rule's
 * folder, index patterns and type.
 */
import type { TomlTable, TomlValue } from '../types.ts';
import type { Reporter } from './report.ts';
import { isString, isTable, stringsOf, show } from './values.ts';
import { allTacticNames } from './attack.ts';
import vocabulary from './data/vocabulary.json' with { type: 'json' };

const PREFIXES = [
  'Data Source:',
  'Domain:',
  'Mitre Atlas:',
  'OS:',
  'Platform:',
  'Profile:',
  'Promotion:',
  'Resources:',
  'Rule Type:',
  'Service:',
  'Tactic:',
  'Threat:',
  'Use Case:',
  'Vuln:',
];

/** Known tags by lower-case spelling, to catch a right tag in the wrong case. */
const KNOWN_BY_LOWER = new Map(vocabulary.tags.map((t) => [t.toLowerCase(), t]));

/**
 * Tags required when `index` lists a pattern (the subset of upstream's table our reference
 * lists). Upstream compares index entries literally: `logs-aws.cloudtrail-*` does not trigger
 * the `logs-aws*` row, and the corpus relies on that.
 */
const TAGS_BY_INDEX: readonly [pattern: string, tags: string[]][] = [
  ['logs-endpoint.events.*', ['Domain: Endpoint', 'Data Source: Elastic Defend']],
  ['endgame-*', ['Data Source: Elastic Endgame']],
  ['logs-aws*', ['Data Source: AWS', 'Data Source: Amazon Web Services', 'Domain: Cloud']],
  ['logs-system.security*', ['Data Source: Windows Security Event Logs']],
  ['logs-windows.sysmon_operational-*', ['Data Source: Sysmon']],
  ['.alerts-security.*', ['Rule Type: Higher-Order Rule']],
];

const TAGS_BY_FOLDER: Readonly<Record<string, string>> = { linux: 'OS: Linux', macos: 'OS: macOS', windows: 'OS: Windows' };

export function checkTags(rule: TomlTable, filePath: string | undefined, r: Reporter): void {
  // No `tags` at all still owes the required ones.
  const listed = Array.isArray(rule.tags) ? rule.tags : [];
  const tags = listed.filter(isString);
  const seen = new Set<string>();
  listed.forEach((tag, i) => {
    if (!isString(tag)) return;
    const path = `rule.tags[${i}]`;
    if (seen.has(tag)) r.error('rule/repo/duplicate-tag', path, `Tag ${show(tag)} is listed twice; remove the duplicate.`);
    seen.add(tag);
    const known = KNOWN_BY_LOWER.get(tag.toLowerCase());
    if (known && known !== tag) {
      r.error('rule/repo/tag-casing', path, `Tag ${show(tag)} has the wrong casing; write it as ${show(known)}.`);
    } else if (!PREFIXES.some((p) => tag.includes(p))) {
      r.error('rule/repo/tag-prefix', path, `Tag ${show(tag)} has no known prefix; start it with one of ${PREFIXES.join(' ')}.`);
    }
  });

  const has = (tag: string) => tags.includes(tag);
  const missing = (tag: string, why: string) => r.error('rule/repo/missing-tag', 'rule.tags', `Tag ${show(tag)} is required ${why}; add it to \`tags\`.`);

  checkTacticTags(rule, tags, missing, r);

  const folder = filePath && /(?:^|[/\\])(linux|macos|windows)[/\\][^/\\]+$/.exec(filePath);
  if (folder && !has(TAGS_BY_FOLDER[folder[1]])) missing(TAGS_BY_FOLDER[folder[1]], `for rules in the ${folder[1]}/ folder`);

  const indices = stringsOf(rule.index);
  for (const [pattern, required] of TAGS_BY_INDEX) {
    if (!indices.includes(pattern)) continue;
    for (const tag of required) if (!has(tag)) missing(tag, `for rules on ${pattern}`);
  }
  if (rule.building_block_type !== undefined && !has('Rule Type: BBR')) missing('Rule Type: BBR', 'for building-block rules');
  if (rule.type === 'machine_learning') {
    for (const tag of ['Rule Type: Machine Learning', 'Rule Type: ML']) if (!has(tag)) missing(tag, 'for machine learning rules');
  }
  if (isString(rule.note) && rule.note.includes('Investigating') && !has('Resources: Investigation Guide')) {
    missing('Resources: Investigation Guide', 'when `note` holds an investigation guide');
  }
  if (rule.type === 'esql' && isString(rule.query) && /\|\s*COMPLETION\b/i.test(rule.query) && !has('Resources: LLM')) {
    missing('Resources: LLM', 'for ES|QL rules that call COMPLETION');
  }
}

type Missing = (tag: string, why: string) => void;

function checkTacticTags(rule: TomlTable, tags: string[], missing: Missing, r: Reporter): void {
  const mapped = new Set<string>();
  const primaries: string[] = [];
  const collect = (threats: unknown) => {
    if (!Array.isArray(threats)) return;
    threats.forEach((t, i) => {
      const name = isTable(t) && isTable(t.tactic) && isString(t.tactic.name) ? t.tactic.name : undefined;
      if (!name) return;
      mapped.add(name);
      if (i === 0) primaries.push(name);
    });
  };
  collect(rule.threat);
  if (Array.isArray(rule.threat_mappings)) for (const m of rule.threat_mappings) if (isTable(m)) collect(m.threat);

  const exempt = rule.type === 'machine_learning' || tags.some((t) => t.includes('Continuous Monitoring'));
  if (!exempt && primaries.length > 0 && !primaries.some((p) => tags.includes(`Tactic: ${p}`))) {
    missing(`Tactic: ${primaries[0]}`, 'for the primary tactic (the first `threat` entry)');
  }
  // Old rules carry bare tactic names as tags; each must still match a mapped tactic.
  const tacticNames = new Set(allTacticNames());
  tags.forEach((tag) => {
    if (tacticNames.has(tag) && !mapped.has(tag)) {
      const i = (rule.tags as TomlValue[]).indexOf(tag);
      r.error(
        'rule/repo/tactic-tag',
        `rule.tags[${i}]`,
        `Tag ${show(tag)} names a tactic the rule's \`threat\` does not map; map the tactic or remove the tag.`,
      );
    }
  });
}
