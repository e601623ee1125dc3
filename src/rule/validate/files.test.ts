/**
 * The repository worker validates as `rule-studio validate --json` does: the same diagnostics for
 * the same files (the bundled rules with their sidecars, two rules sharing a rule_id, a KQL rule,
 * a file that does not parse, and a sidecar that is not JSON).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tomlFilesUnder } from '../../../scripts/shared-data.ts';
import { run } from '../../cli/commands/validate.ts';
import type { CliIO } from '../../cli/io.ts';
import { validateFiles } from './files.ts';

function cliJson(files: Record<string, string>): unknown {
  const out: string[] = [];
  const io: CliIO = {
    out: (t) => void out.push(t),
    err: () => {},
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return files[p];
    },
    writeFile: () => {},
    listFiles: (_paths, ext) =>
      Object.keys(files)
        .filter((f) => f.endsWith(ext))
        .sort(),
  };
  void run(['rules', '--json'], io);
  return JSON.parse(out.join('\n'));
}

describe('validateFiles', () => {
  it('gives what rule-studio validate --json gives', async () => {
    const files: Record<string, string> = {};
    for (const path of tomlFilesUnder('rules')) {
      files[path] = readFileSync(path, 'utf8');
      try {
        files[path.replace(/\.toml$/, '.tests.json')] = readFileSync(path.replace(/\.toml$/, '.tests.json'), 'utf8');
      } catch {
        // a rule without test cases
      }
    }
    const [first] = tomlFilesUnder('rules');
    files['rules/copy.toml'] = files[first]; // the same rule_id and name twice
    files['rules/broken.toml'] = 'name = [';
    // A KQL rule naming a field no schema has (the CLI's KQL query layer).
    files['rules/kql.toml'] = [
      '[metadata]\ncreation_date = "2024/01/01"\nupdated_date = "2024/01/02"\n',
      '[rule]\nauthor = ["Me"]\ndescription = "d"\nindex = ["logs-*"]\nlanguage = "kuery"\nname = "Some KQL Rule"',
      'query = "event.action: x and not.a.real.field: y"\nrisk_score = 21\nrule_id = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d"\nseverity = "low"\ntype = "query"\n',
    ].join('\n');
    files['rules/broken.tests.json'] = '{ not json';
    const ours = validateFiles(Object.entries(files).map(([path, text]) => ({ path, text })));
    const cli = cliJson(files) as { files: unknown[] };
    expect(ours.length).toBeGreaterThan(4);
    expect(ours.find((f) => f.path === 'rules/kql.toml')?.diagnostics.some((d) => d.code.startsWith('rule/query/kql/'))).toBe(true);
    expect(ours.some((f) => f.diagnostics.some((d) => d.code.includes('duplicate') || d.code.includes('collision')))).toBe(true);
    expect({ files: ours }).toEqual(cli);
  });
});
