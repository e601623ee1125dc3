/**
 * Which folders of a repository hold rules (the part of src/server/rule-folders.ts that needs no
 * file system, shared with the browser's "Open folder…"). A detection-rules checkout or a custom
 * rules folder names them in `_config.yaml` (`rule_dirs`, `bbr_rules_dirs`); otherwise `rules/`
 * and `rules_building_block/` are used when present; a folder with neither is itself a rules
 * folder. Pure.
 */

export const DEFAULT_RULE_FOLDERS = ['rules', 'rules_building_block'];
const CONFIG_KEYS = ['rule_dirs', 'bbr_rules_dirs'];

/**
 * The folder lists under `rule_dirs:` and `bbr_rules_dirs:` of a `_config.yaml`, read without a
 * YAML library: a block list (`- rules`) or a flow list (`[rules, more]`), plain or quoted.
 */
export function ruleFoldersFromConfig(yaml: string): string[] {
  const folders: string[] = [];
  const lines = yaml.split(/\r?\n/);
  const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  for (let i = 0; i < lines.length; i++) {
    const key = /^([A-Za-z_]+):\s*(.*?)\s*(#.*)?$/.exec(lines[i]);
    if (!key || !CONFIG_KEYS.includes(key[1])) continue;
    if (key[2].startsWith('[')) {
      folders.push(
        ...key[2]
          .replace(/^\[|\]$/g, '')
          .split(',')
          .map(unquote)
          .filter(Boolean),
      );
      continue;
    }
    for (let j = i + 1; j < lines.length; j++) {
      const item = /^\s*-\s*(.*?)\s*(#.*)?$/.exec(lines[j]);
      if (item) folders.push(unquote(item[1]));
      else if (lines[j].trim() !== '' && !lines[j].trim().startsWith('#')) break;
    }
  }
  return folders;
}

/**
 * The rule folders, relative to the repository (`''` is the repository itself), from its
 * `_config.yaml` text (null: none) and which of the default folders exist.
 */
export function chooseRuleFolders(config: string | null, isFolder: (relative: string) => boolean): string[] {
  if (config !== null) {
    const named = ruleFoldersFromConfig(config)
      .map((f) => f.replace(/^\.\//, '').replace(/\/+$/, ''))
      .filter((f) => f && !f.split('/').includes('..') && !f.startsWith('/'));
    if (named.length > 0) return [...new Set(named)];
  }
  const present = DEFAULT_RULE_FOLDERS.filter(isFolder);
  return present.length > 0 ? present : [''];
}

/** The files the repository workspace reads and writes: rules and their test sidecars. */
export function isRuleFileName(name: string): boolean {
  return name.endsWith('.toml') || name.endsWith('.tests.json');
}

/** Entries a walk of the rule folders skips: hidden ones and node_modules. */
export function isSkippedEntry(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
