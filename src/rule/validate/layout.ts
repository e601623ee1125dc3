/**
 * Layer 2 — repository: where a rule file sits and what it is called (detection-rules'
 * `FILE_PATTERN`, `test_rule_file_name_tactic`, `test_bbr_in_correct_dir`,
 * `test_non_bbr_in_correct_dir`, `test_deprecated_rules`). Only checked when the file path is
 * known; folder checks apply only inside the upstream layout (a `rules/` or
 * `rules_building_block/` folder), so a rule opened from anywhere else is not judged by it.
 */
import type { TomlTable } from '../types.ts';
import type { Reporter } from './report.ts';
import { isString, isTable, stringsOf } from './values.ts';

const FILE_NAME = /^[a-z0-9_]+\.(toml|json)$/;

/** detection-rules' `rulename_to_filename` stem: lower case, runs of other characters → `_`. */
function fileStemFor(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^_a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function checkLayout(data: TomlTable, filePath: string, r: Reporter): void {
  const rule = isTable(data.rule) ? data.rule : {};
  const meta = isTable(data.metadata) ? data.metadata : {};
  const segments = filePath.split(/[/\\]/);
  const base = segments[segments.length - 1];
  const folders = segments.slice(0, -1);

  if (!FILE_NAME.test(base)) {
    const stem = isString(rule.name) ? fileStemFor(rule.name) : 'rule_name';
    r.error(
      'rule/repo/file-name',
      'rule.name',
      `File name ${JSON.stringify(base)} may only use lower-case letters, digits and _; rename it, e.g. to ${stem}.toml.`,
      'key',
    );
  }

  const tactic = primaryTacticName(rule);
  const elastic = stringsOf(rule.author).includes('Elastic');
  if (tactic && elastic && rule.type !== 'machine_learning' && meta.maturity !== 'deprecated') {
    const prefix = tactic.toLowerCase().replace(/ /g, '_');
    if (!base.startsWith(prefix)) {
      r.error(
        'rule/repo/file-name-tactic',
        'rule.threat[0].tactic.name',
        `The file name must start with the primary tactic "${prefix}" (Elastic rules are named after threat[0]'s tactic); rename the file to ${prefix}_….toml.`,
      );
    }
  }

  const inRules = folders.includes('rules');
  const inBbrFolder = folders.includes('rules_building_block');
  if (!inRules && !inBbrFolder) return;
  const deprecated = meta.maturity === 'deprecated';
  const inDeprecatedFolder = folders.includes('_deprecated');
  if (deprecated !== inDeprecatedFolder) {
    r.error(
      'rule/repo/directory',
      'metadata.maturity',
      deprecated
        ? 'Deprecated rules belong in rules/_deprecated/; move the file there.'
        : 'Only deprecated rules belong in rules/_deprecated/; move the file to its platform folder or deprecate the rule.',
    );
  }
  if (deprecated) return;
  const bbr = rule.building_block_type !== undefined;
  if (bbr && !inBbrFolder) {
    r.error('rule/repo/directory', 'rule.building_block_type', 'Building-block rules belong in rules_building_block/; move the file there.', 'key');
  } else if (!bbr && inBbrFolder) {
    r.error(
      'rule/repo/directory',
      'rule',
      'Only building-block rules belong in rules_building_block/; move the file to rules/ or set building_block_type = "default".',
      'key',
    );
  }
}

function primaryTacticName(rule: TomlTable): string | undefined {
  const first = Array.isArray(rule.threat) ? rule.threat[0] : undefined;
  return isTable(first) && isTable(first.tactic) && isString(first.tactic.name) ? first.tactic.name : undefined;
}
