/**
 * Layer 1 — load (detection-rules `TOMLRuleContents.from_dict`): types, required keys, patterns,
 * enums, ranges and unknown keys of each table, then the cross-field checks that run at load
 * time. Codes start with 'rule/load/'.
 *
 * `[rule]` is a union over rule types upstream, and marshmallow reports one error dict per
 * candidate class; we pick the class named by `type` and report only its errors.
 */
import type { TomlTable } from '../types.ts';
import type { Reporter } from './report.ts';
import { validateTable, validateValue, type Fields } from './schema.ts';
import { BASE_RULE_FIELDS, METADATA_FIELDS, TRANSFORM_SPEC, TYPE_FIELDS } from './fields.ts';
import { markdownHeadings } from './markdown.ts';
import { lookbackMs, durationMs } from './durations.ts';
import { compareVersions, effectiveMinStack } from './versions.ts';
import { isTable, isString, show } from './values.ts';
import { getOwn } from '../own-key.ts';

const TOP_LEVEL = ['metadata', 'transform', 'rule'];

/** Keys any rule type may have: accepted without complaint when `type` itself is unusable. */
const ANY_TYPE_FIELDS: Fields = Object.fromEntries(
  Object.values(TYPE_FIELDS).flatMap((fields) => Object.keys(fields).map((k) => [k, { kind: 'any' } as const])),
);

export function loadLayer(data: TomlTable, r: Reporter): void {
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL.includes(key)) {
      r.error('rule/load/unknown-field', key, `Unknown top-level table \`[${key}]\`; a rule file has only [metadata], [transform] and [rule].`, 'key');
    }
  }
  const metadata = data.metadata;
  if (metadata === undefined) {
    r.error('rule/load/missing-field', 'metadata', 'The `[metadata]` table is missing; add it with creation_date and updated_date.', 'key');
  } else if (!isTable(metadata)) {
    r.error('rule/load/type', 'metadata', '`metadata` must be a table; write it as a `[metadata]` section.', 'key');
  } else {
    validateTable(metadata, METADATA_FIELDS, 'metadata', r, { label: 'in [metadata]' });
  }
  if (data.transform !== undefined && !isTable(data.transform)) {
    r.error('rule/load/type', 'transform', '`transform` must be a table; write it as a `[transform]` section.', 'key');
  } else if (data.transform !== undefined) {
    validateValue(data.transform, TRANSFORM_SPEC, 'transform', r);
  }

  const rule = data.rule;
  if (rule === undefined) {
    r.error('rule/load/missing-field', 'rule', 'The `[rule]` table is missing; add it with the rule definition.', 'key');
    return;
  }
  if (!isTable(rule)) {
    r.error('rule/load/type', 'rule', '`rule` must be a table; write it as a `[rule]` section.', 'key');
    return;
  }
  const meta = isTable(metadata) ? metadata : {};
  const type = rule.type;
  const typeFields = isString(type) ? getOwn(TYPE_FIELDS, type) : undefined;
  if (type === 'saved_query') {
    r.error(
      'rule/load/unsupported-type',
      'rule.type',
      'Rule type "saved_query" cannot be loaded by detection-rules; convert the rule to type "query" with its query inline.',
    );
  }
  if (typeFields) {
    validateTable(rule, { ...BASE_RULE_FIELDS, ...typeFields }, 'rule', r, {
      label: `in [rule] of ${/^[aeiou]/.test(type as string) ? 'an' : 'a'} ${type} rule`,
    });
  } else {
    // Without a usable type, only the common fields can be judged.
    validateTable(rule, { ...ANY_TYPE_FIELDS, ...BASE_RULE_FIELDS }, 'rule', r, { label: 'in [rule]' });
    return;
  }
  crossFieldChecks(rule, meta, type as string, r);
}

function crossFieldChecks(rule: TomlTable, meta: TomlTable, type: string, r: Reporter): void {
  for (const key of ['version', 'revision']) {
    if (rule[key] !== undefined) {
      r.error('rule/load/versioned', `rule.${key}`, `\`rule.${key}\` must not be set in the rule file (versions live in version.lock.json); remove it.`, 'key');
    }
  }
  if (rule.index !== undefined && rule.data_view_id !== undefined) {
    r.error('rule/load/index-and-data-view', 'rule.data_view_id', 'Only one of `index` or `data_view_id` may be set; remove one of them.', 'key');
  }
  if (isString(rule.query) && rule.query.trim() === '') {
    r.error('rule/load/missing-field', 'rule.query', '`rule.query` is empty; write the query the rule runs.');
  }
  threatMappingsChecks(rule, r);
  if (type === 'esql') esqlChecks(rule, r);
  if (type === 'threat_match') threatMatchChecks(rule, r);
  if (type === 'threshold') thresholdChecks(rule, meta, r);
  if (rule.building_block_type !== undefined && meta.bypass_bbr_timing !== true) bbrTimingChecks(rule, r);
  noteChecks(rule, r);
}

/** Versioned threat mappings: one block per (framework, version), each holding its own framework. */
function threatMappingsChecks(rule: TomlTable, r: Reporter): void {
  if (!Array.isArray(rule.threat_mappings)) return;
  const seen = new Set<string>();
  rule.threat_mappings.forEach((m, i) => {
    if (!isTable(m) || !isString(m.framework)) return;
    const key = `${m.framework} ${String(m.version)}`;
    if (seen.has(key)) {
      r.error(
        'rule/load/threat-mappings',
        `rule.threat_mappings[${i}]`,
        `Another threat_mappings block already covers ${m.framework} version ${show(m.version)}; merge the two blocks.`,
        'key',
      );
    }
    seen.add(key);
    if (!Array.isArray(m.threat)) return;
    m.threat.forEach((t, j) => {
      if (isTable(t) && isString(t.framework) && t.framework !== m.framework) {
        r.error(
          'rule/load/threat-mappings',
          `rule.threat_mappings[${i}].threat[${j}].framework`,
          `This entry says ${show(t.framework)} inside a ${show(m.framework)} block; use the block's framework.`,
        );
      }
    });
  });
}

function esqlChecks(rule: TomlTable, r: Reporter): void {
  if (rule.index !== undefined) {
    r.error('rule/load/esql-index', 'rule.index', "ES|QL rules take their indices from the query's FROM command; remove `index`.", 'key');
  }
  const query = rule.query;
  if (!isString(query) || query.trim() === '') return;
  const commands = esqlCommands(query);
  const aggregates = commands.some((c) => /^(stats|inline\s+stats|inlinestats)\b[\s\S]*\bby\b/i.test(c));
  const from = commands.find((c) => /^from\b/i.test(c));
  const metadata = from && /\bmetadata\b([\s\S]*)$/i.exec(from);
  const metadataFields = metadata ? metadata[1].split(',').map((f) => f.trim()) : [];
  const hasMetadata = ['_id', '_version', '_index'].every((f) => metadataFields.includes(f));
  if (!aggregates && !hasMetadata) {
    r.error(
      'rule/load/esql-metadata',
      'rule.query',
      'A non-aggregating ES|QL query needs `FROM … METADATA _id, _version, _index` so alerts can be deduplicated; add it to the FROM command.',
    );
  }
  const keeps = commands.filter((c) => /^keep\b/i.test(c));
  if (keeps.length === 0) {
    r.error('rule/load/esql-keep', 'rule.query', 'An ES|QL rule query needs a `KEEP` command listing the fields its alerts show; add one.');
  } else if (!aggregates) {
    const kept = keeps[keeps.length - 1]
      .replace(/^keep\b/i, '')
      .split(',')
      .map((f) => f.trim());
    const missing = ['_id', '_version', '_index'].filter((f) => !kept.includes(f));
    if (!kept.includes('*') && missing.length > 0) {
      r.error('rule/load/esql-keep', 'rule.query', `The KEEP command of a non-aggregating ES|QL query must keep ${missing.join(', ')}; add them to KEEP.`);
    }
  }
}

/**
 * The commands of an ES|QL pipeline, split on `|` outside string literals, with comments
 * dropped (a commented-out KEEP must not count).
 */
export function esqlCommands(query: string): string[] {
  const commands: string[] = [];
  let current = '';
  let i = 0;
  while (i < query.length) {
    if (query.startsWith('//', i)) {
      while (i < query.length && query[i] !== '\n') i++;
    } else if (query.startsWith('/*', i)) {
      const end = query.indexOf('*/', i + 2);
      i = end < 0 ? query.length : end + 2;
    } else if (query[i] === '"') {
      const triple = query.startsWith('"""', i);
      const close = triple ? query.indexOf('"""', i + 3) : stringEnd(query, i + 1);
      const end = close < 0 ? query.length : close + (triple ? 3 : 1);
      current += query.slice(i, end);
      i = end;
    } else if (query[i] === '|') {
      commands.push(current.trim());
      current = '';
      i++;
    } else {
      current += query[i++];
    }
  }
  commands.push(current.trim());
  return commands;
}

/** Index of the quote closing a "…" literal that starts at `from`, skipping backslash escapes. */
function stringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function threatMatchChecks(rule: TomlTable, r: Reporter): void {
  if (rule.threat_query !== undefined && rule.threat_language === undefined) {
    r.error(
      'rule/load/threat-language',
      'rule.threat_query',
      '`threat_language` is required when a `threat_query` is defined; add threat_language (for example "kuery").',
      'key',
    );
  }
  if (!Array.isArray(rule.threat_mapping)) return;
  const pairs = new Map<string, boolean>();
  rule.threat_mapping.forEach((group, g) => {
    if (!isTable(group) || !Array.isArray(group.entries)) return;
    const entries = group.entries.filter(isTable);
    const negated = entries.filter((e) => e.negate === true);
    if (negated.length > 0 && negated.length === entries.length) {
      r.error(
        'rule/load/threat-mapping-negate',
        `rule.threat_mapping[${g}]`,
        'A threat_mapping group with a negated entry also needs a non-negated entry; add one to this group.',
        'key',
      );
    }
    for (const e of entries) {
      const pair = `${String(e.field)}\u0000${String(e.value)}`;
      const neg = e.negate === true;
      if (pairs.has(pair) && pairs.get(pair) !== neg) {
        r.error(
          'rule/load/threat-mapping-negate',
          `rule.threat_mapping[${g}]`,
          `The field pair ${show(e.field)} → ${show(e.value)} is both negated and not negated; keep only one.`,
          'key',
        );
      }
      pairs.set(pair, neg);
    }
  });
}

function thresholdChecks(rule: TomlTable, meta: TomlTable, r: Reporter): void {
  const threshold = rule.threshold;
  if (!isTable(threshold) || !Array.isArray(threshold.field)) return;
  const stack = effectiveMinStack(meta.min_stack_version);
  if (compareVersions(stack, '9.2') < 0 && threshold.field.length > 3) {
    r.error(
      'rule/load/length',
      'rule.threshold.field',
      `\`rule.threshold.field\` lists ${threshold.field.length} fields but stacks before 9.2 allow at most 3; remove fields or set min_stack_version to 9.2.0.`,
    );
  }
}

const BBR_UNITS = ['s', 'm', 'h', 'd'];
const BBR_MIN_FROM_MS = 119 * 60_000;
const BBR_MIN_INTERVAL_MS = 60 * 60_000;

function bbrTimingChecks(rule: TomlTable, r: Reporter): void {
  const from = rule.from;
  const interval = rule.interval;
  if (from === undefined || interval === undefined) {
    const missing = from === undefined ? 'from' : 'interval';
    r.error(
      'rule/load/bbr-timing',
      `rule.${missing}`,
      `Building-block rules need both \`from\` and \`interval\` (at least now-119m and 60m); add \`${missing}\` or set metadata.bypass_bbr_timing.`,
      'key',
    );
    return;
  }
  const fromMs = isString(from) ? lookbackMs(from, BBR_UNITS) : undefined;
  if (fromMs === undefined || fromMs < BBR_MIN_FROM_MS) {
    r.error(
      'rule/load/bbr-timing',
      'rule.from',
      `Building-block rules must look back at least now-119m, but \`from\` is ${show(from)}; use now-119m or further back (units s, m, h, d).`,
    );
  }
  const intervalMs = isString(interval) ? durationMs(interval, BBR_UNITS) : undefined;
  if (intervalMs === undefined || intervalMs < BBR_MIN_INTERVAL_MS) {
    r.error(
      'rule/load/bbr-timing',
      'rule.interval',
      `Building-block rules must run at most every hour, but \`interval\` is ${show(interval)}; use 60m or more (units s, m, h, d).`,
    );
  }
}

function noteChecks(rule: TomlTable, r: Reporter): void {
  if (!isString(rule.note)) return;
  let setupInNote = false;
  for (const h of markdownHeadings(rule.note)) {
    const lower = h.text.toLowerCase();
    const at = { start: h.offset, end: h.offset + h.length };
    if (lower === 'setup') {
      setupInNote = true;
      if (h.level !== 2) {
        r.error('rule/load/note-setup-header', 'rule.note', `The Setup heading in \`note\` is level ${h.level}; write it as \`## Setup\`.`, at);
      } else if (h.text !== 'Setup') {
        r.error('rule/load/note-setup-header', 'rule.note', `The heading ${show(h.text)} in \`note\` has improper casing; write it as \`## Setup\`.`, at);
      }
    } else if (h.level === 2 && lower.includes('config')) {
      r.error(
        'rule/load/note-config-header',
        'rule.note',
        `The level-2 heading ${show(h.text)} in \`note\` mentions configuration; put configuration steps under \`## Setup\` instead.`,
        at,
      );
    }
  }
  if (setupInNote && rule.setup !== undefined) {
    r.error('rule/load/setup-in-both', 'rule.note', 'A Setup section is in both `note` and `setup`; move it to `setup` only.', 'key');
  }
}
