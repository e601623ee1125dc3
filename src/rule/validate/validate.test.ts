import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { loadRule } from '../load.ts';
import type { LoadedRule, TomlTable } from '../types.ts';
import { validateRule } from './index.ts';
import { createReporter } from './report.ts';
import { queryLayer } from './query-layer.ts';

// The tty-shell seed as first shipped (the bundled copy has since been brought up to date).
const SEED_PATH = join(import.meta.dirname, '../../../test/data/execution_python_tty_shell.unformatted.toml');
const SEED = readFileSync(SEED_PATH, 'utf8');
const TODAY = '2026/11/23';

/** Replaces one exact snippet of the seed rule (failing loudly if it is not there). */
function variant(from: string | RegExp, to: string, text = SEED): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`snippet not found: ${from}`);
  return out;
}

function validate(text: string, path = 'rules/linux/execution_x.toml') {
  const rule = loadRule(text, path);
  expect(rule.diagnostics).toEqual([]);
  return { rule, diagnostics: validateRule(rule, { today: TODAY }) };
}

function errors(text: string, path?: string) {
  return validate(text, path).diagnostics.filter((d) => d.severity === 'error');
}

/** The one error with this code; the test fails if there is none or several. */
function theError(text: string, code: string) {
  const found = errors(text).filter((d) => d.code === code);
  expect(
    found.map((d) => d.code),
    `errors: ${JSON.stringify(errors(text))}`,
  ).toEqual([code]);
  return found[0];
}

function theErrorAt(text: string, path: string, code: string) {
  const found = errors(text, path);
  expect(found.map((d) => d.code)).toEqual([code]);
  return found[0];
}

/** A seed rule that passes every layer: the tty-shell seed plus the Triage section it lacks. */
const CLEAN = variant('note = """## Setup', 'note = """## Triage and analysis\n\n## Setup').replace(
  'min_stack_version = "8.3.0"',
  'min_stack_version = "8.19.0"',
);

describe('seed rules', () => {
  it('a clean variant of the seed has no diagnostics beyond query lints', () => {
    expect(validate(CLEAN).diagnostics.filter((d) => !d.code.startsWith('rule/query/lint/'))).toEqual([]);
  });

  it('the seed as shipped lacks the Triage section required of high-severity Elastic rules', () => {
    const e = errors(SEED);
    expect(e.map((d) => [d.code, d.path])).toEqual([['rule/repo/investigation-guide', 'rule.note']]);
  });
});

describe('broken variants of the seed rule (load layer)', () => {
  it('bad UUID', () => {
    const d = theError(variant('d76b02ef-fc95-4001-9297-01cb7412232f', 'D76B02EF-not-a-uuid'), 'rule/load/uuid');
    expect(d.path).toBe('rule.rule_id');
    expect(d.source).toBe('schema');
  });

  it('risk_score 150 is out of range (and out of the high band)', () => {
    const e = errors(variant('risk_score = 73', 'risk_score = 150', CLEAN));
    expect(e.map((d) => [d.code, d.path])).toEqual([
      ['rule/load/range', 'rule.risk_score'],
      ['rule/repo/risk-severity', 'rule.risk_score'],
    ]);
    expect(e[0].message).toMatch(/between 0 and 100/);
  });

  it('severity typo suggests the right word', () => {
    const d = theError(variant('severity = "high"', 'severity = "hgih"'), 'rule/load/enum');
    expect(d.path).toBe('rule.severity');
    expect(d.message).toMatch(/did you mean "high"\?/);
  });

  it('wrong date format', () => {
    const d = theError(variant('creation_date = "2020/04/15"', 'creation_date = "2020-04-15"'), 'rule/load/date-format');
    expect(d.path).toBe('metadata.creation_date');
    expect(d.message).toMatch(/YYYY\/MM\/DD/);
  });

  it('an unquoted TOML date is the wrong type', () => {
    const d = theError(variant('updated_date = "2023/10/16"', 'updated_date = 2023-10-16'), 'rule/load/type');
    expect(d.path).toBe('metadata.updated_date');
    expect(d.message).toMatch(/double quotes/);
  });

  it('unknown key in [rule], with a spelling hint', () => {
    const d = theError(variant('risk_score = 73', 'risk_score = 73\nrisk_scroe = 73'), 'rule/load/unknown-field');
    expect(d.path).toBe('rule.risk_scroe');
    expect(d.message).toMatch(/did you mean `risk_score`/);
  });

  it('unknown key in [metadata]', () => {
    const d = theError(variant('maturity = "production"', 'maturity = "production"\nowner = "me"'), 'rule/load/unknown-field');
    expect(d.path).toBe('metadata.owner');
  });

  it('unknown top-level table', () => {
    const d = theError(SEED + '\n[extra]\nx = 1\n', 'rule/load/unknown-field');
    expect(d.path).toBe('extra');
  });

  it('missing query', () => {
    const text = variant(/\nquery = '''[\s\S]*?'''\n/, '\n', CLEAN);
    const d = theError(text, 'rule/load/missing-field');
    expect(d.path).toBe('rule.query');
    expect(d.message).toMatch(/`query`.*eql rule/);
  });

  it('empty query', () => {
    const d = theError(variant(/query = '''[\s\S]*?'''/, "query = ''' '''", CLEAN), 'rule/load/missing-field');
    expect(d.path).toBe('rule.query');
  });

  it('reports only the errors of the rule type named by `type`, never a union dump', () => {
    // A threshold rule without `threshold`: one error, not one per candidate class.
    const e = errors(variant('type = "eql"', 'type = "threshold"', CLEAN).replace('language = "eql"', 'language = "kuery"'));
    expect(e.map((d) => d.code)).toEqual(['rule/load/missing-field']);
    expect(e[0].path).toBe('rule.threshold');
  });

  it('an unknown type is reported once and type-specific keys are not called unknown', () => {
    const e = errors(variant('type = "eql"', 'type = "eqll"', CLEAN));
    expect(e.map((d) => [d.code, d.path])).toEqual([['rule/load/enum', 'rule.type']]);
  });

  it('language must match an eql rule', () => {
    const d = theError(variant('language = "eql"', 'language = "kuery"', CLEAN), 'rule/load/enum');
    expect(d.path).toBe('rule.language');
  });

  it('interval pattern', () => {
    const d = theError(variant('from = "now-9m"', 'from = "now-9m"\ninterval = "5 minutes"', CLEAN), 'rule/load/interval-format');
    expect(d.path).toBe('rule.interval');
  });

  it('name pattern', () => {
    const d = theError(variant('name = "Interactive Terminal Spawned via Python"', 'name = "Interactive Terminal."', CLEAN), 'rule/load/name-format');
    expect(d.path).toBe('rule.name');
  });

  it('version is forbidden in the file', () => {
    const d = theError(variant('risk_score = 73', 'risk_score = 73\nversion = 3', CLEAN), 'rule/load/versioned');
    expect(d.path).toBe('rule.version');
  });

  it('index and data_view_id together', () => {
    const d = theError(variant('language = "eql"', 'language = "eql"\ndata_view_id = "dv"', CLEAN), 'rule/load/index-and-data-view');
    expect(d.path).toBe('rule.data_view_id');
  });

  it('tactic reference URL pattern', () => {
    const d = theError(variant('https://attack.mitre.org/tactics/TA0002/', 'https://example.com/TA0002', CLEAN), 'rule/load/url-format');
    expect(d.path).toBe('rule.threat[0].tactic.reference');
  });

  it('threat_mappings: one block per framework version, entries of the same framework', () => {
    const block =
      '\n[[rule.threat_mappings]]\nframework = "MITRE ATT&CK"\nversion = "18"\n[[rule.threat_mappings.threat]]\nframework = "MITRE ATLAS"\n[rule.threat_mappings.threat.tactic]\nid = "TA0002"\nname = "Execution"\nreference = "https://attack.mitre.org/tactics/TA0002/"\n';
    const e = errors(CLEAN + block + block);
    expect(e.map((d) => [d.code, d.path])).toEqual([
      ['rule/load/threat-mappings', 'rule.threat_mappings[0].threat[0].framework'],
      ['rule/load/threat-mappings', 'rule.threat_mappings[1]'],
      ['rule/load/threat-mappings', 'rule.threat_mappings[1].threat[0].framework'],
    ]);
  });

  it('a Setup heading at the wrong level in note', () => {
    const text = variant('## Setup', '### Setup', CLEAN);
    const d = theError(text, 'rule/load/note-setup-header');
    expect(d.path).toBe('rule.note');
    expect(text.slice(d.range!.start, d.range!.end)).toBe('### Setup');
  });

  it('a Setup section in both note and setup', () => {
    const d = theError(variant('risk_score = 73', 'risk_score = 73\nsetup = "x"', CLEAN), 'rule/load/setup-in-both');
    expect(d.path).toBe('rule.note');
  });

  it('building blocks need a long look-back and interval', () => {
    const text = variant('from = "now-9m"', 'from = "now-9m"\nbuilding_block_type = "default"', CLEAN).replace(
      '"Tactic: Execution"',
      '"Tactic: Execution", "Rule Type: BBR"',
    );
    const path = 'rules_building_block/execution_x.toml';
    const e = errors(text, path);
    expect(e.map((d) => [d.code, d.path])).toEqual([['rule/load/bbr-timing', 'rule.interval']]);
    const both = errors(text.replace('from = "now-9m"', 'from = "now-9m"\ninterval = "5m"'), path);
    expect(both.map((d) => [d.code, d.path])).toEqual([
      ['rule/load/bbr-timing', 'rule.from'],
      ['rule/load/bbr-timing', 'rule.interval'],
    ]);
  });
});

describe('repository layer', () => {
  it('technique not under the tactic', () => {
    const text = variant(
      'id = "TA0002"\nname = "Execution"\nreference = "https://attack.mitre.org/tactics/TA0002/"',
      'id = "TA0040"\nname = "Impact"\nreference = "https://attack.mitre.org/tactics/TA0040/"',
      CLEAN,
    );
    const e = errors(text, 'rules/linux/impact_x.toml');
    expect(e.map((d) => [d.code, d.path])).toEqual([
      ['rule/repo/missing-tag', 'rule.tags'],
      ['rule/repo/technique-tactic', 'rule.threat[0].technique[0].id'],
    ]);
  });

  it('tactic id and name disagree', () => {
    const d = theError(variant('id = "TA0002"', 'id = "TA0003"', CLEAN), 'rule/repo/tactic-mismatch');
    expect(d.path).toBe('rule.threat[0].tactic.id');
  });

  it('technique name does not match its id', () => {
    const d = theError(variant('name = "Command and Scripting Interpreter"', 'name = "Scripting"', CLEAN), 'rule/repo/technique-name');
    expect(d.path).toBe('rule.threat[0].technique[0].name');
    expect(d.message).toMatch(/Command and Scripting Interpreter/);
  });

  it('sub-technique reference does not match its id', () => {
    const d = theError(variant('techniques/T1059/006/', 'techniques/T1059/004/', CLEAN), 'rule/repo/reference-mismatch');
    expect(d.path).toBe('rule.threat[0].technique[0].subtechnique[0].reference');
  });

  it('sub-technique filed under another technique', () => {
    const d = theError(variant('id = "T1059.006"', 'id = "T1055.001"', CLEAN), 'rule/repo/subtechnique-parent');
    expect(d.path).toBe('rule.threat[0].technique[0].subtechnique[0].id');
  });

  it('unknown technique id', () => {
    const d = theError(variant('id = "T1059"\n', 'id = "T9999"\n', CLEAN), 'rule/repo/unknown-technique');
    expect(d.path).toBe('rule.threat[0].technique[0].id');
  });

  it('a tactic mapped twice', () => {
    const threat = CLEAN.slice(CLEAN.indexOf('[[rule.threat]]'));
    const d = theError(CLEAN + '\n' + threat, 'rule/repo/duplicate-tactic');
    expect(d.path).toBe('rule.threat[1].tactic');
  });

  it('risk score outside the severity band', () => {
    const d = theError(variant('risk_score = 73', 'risk_score = 21', CLEAN), 'rule/repo/risk-severity');
    expect(d.path).toBe('rule.risk_score');
    expect(d.message).toMatch(/"low"/);
  });

  it('missing primary Tactic: tag', () => {
    const d = theError(variant('"Tactic: Execution", ', '', CLEAN), 'rule/repo/missing-tag');
    expect(d.path).toBe('rule.tags');
    expect(d.message).toMatch(/"Tactic: Execution"/);
  });

  it('a rule without tags still owes the required ones', () => {
    const e = errors(variant(/\ntags = \[.*\]/, '', CLEAN));
    expect(e.map((d) => d.message)).toEqual([
      expect.stringContaining('"Tactic: Execution"'),
      expect.stringContaining('"OS: Linux"'),
      expect.stringContaining('"Domain: Endpoint"'),
      expect.stringContaining('"Data Source: Elastic Defend"'),
      expect.stringContaining('"Data Source: Elastic Endgame"'),
    ]);
    expect(new Set(e.map((d) => d.path))).toEqual(new Set(['rule.tags']));
  });

  it('tag with the wrong casing', () => {
    const d = theError(variant('"Use Case: Threat Detection"', '"Use Case: threat detection"', CLEAN), 'rule/repo/tag-casing');
    expect(d.path).toBe('rule.tags[2]');
  });

  it('tag without a known prefix', () => {
    const d = theError(variant('"OS: Linux",', '"OS: Linux", "Linux stuff",', CLEAN), 'rule/repo/tag-prefix');
    expect(d.path).toBe('rule.tags[2]');
  });

  it('OS tag required by the folder', () => {
    const d = theError(variant('"OS: Linux", ', '', CLEAN), 'rule/repo/missing-tag');
    expect(d.message).toMatch(/"OS: Linux"/);
    expect(errors(variant('"OS: Linux", ', '', CLEAN), 'elsewhere/execution_x.toml')).toEqual([]);
  });

  it('tags required by the index pattern', () => {
    const d = theError(variant('"Data Source: Elastic Endgame", ', '', CLEAN), 'rule/repo/missing-tag');
    expect(d.message).toMatch(/endgame-\*/);
  });

  it('updated_date before creation_date', () => {
    const d = theError(variant('updated_date = "2023/10/16"', 'updated_date = "2019/01/01"', CLEAN), 'rule/repo/updated-before-created');
    expect(d.path).toBe('metadata.updated_date');
  });

  it('min_stack_version without min_stack_comments', () => {
    const d = theError(variant(/min_stack_comments = .*\n/, '', CLEAN), 'rule/repo/min-stack-comments');
    expect(d.path).toBe('metadata.min_stack_version');
  });

  it('a field newer than the declared min stack', () => {
    const text = variant('min_stack_version = "8.19.0"', 'min_stack_version = "8.3.0"', CLEAN) + '\n[rule.investigation_fields]\nfield_names = ["host.name"]\n';
    const d = theError(text, 'rule/repo/stack-restricted-field');
    expect(d.path).toBe('rule.investigation_fields');
  });

  it('timestamp_override other than event.ingested on a single-event EQL rule', () => {
    const d = theError(variant('timestamp_override = "event.ingested"', 'timestamp_override = "event.created"', CLEAN), 'rule/repo/timestamp-override');
    expect(d.path).toBe('rule.timestamp_override');
  });

  it('sequence maxspan longer than the look-back', () => {
    const text = variant(/query = '''\n/, "query = '''\nsequence by host.id with maxspan=1h\n  [process where true]\n  [network where true]\n", CLEAN).replace(
      /\n\(\n[\s\S]*?\n\)\n'''/,
      "\n'''",
    );
    const e = errors(text.replace(/\nprocess where host.os.type[^\n]*/, ''));
    expect(e.map((d) => [d.code, d.path])).toEqual([
      ['rule/repo/maxspan-lookback', 'rule.from'],
      ['rule/repo/maxspan-interval', 'rule'],
    ]);
  });

  it('sequence timing sees through a leading comment', () => {
    const text = variant(
      /query = '''[\s\S]*?'''/,
      "query = '''\n/* why */\n\nsequence by host.id with maxspan = 1h\n  [process where true]\n  [network where true]\n'''",
      CLEAN,
    );
    expect(errors(text).map((d) => d.code)).toEqual(['rule/repo/maxspan-lookback', 'rule/repo/maxspan-interval']);
  });

  it('future dates warn', () => {
    const { diagnostics } = validate(variant('updated_date = "2023/10/16"', 'updated_date = "2099/01/01"', CLEAN));
    const notLint = diagnostics.filter((d) => !d.code.startsWith('rule/query/lint/'));
    expect(notLint.map((d) => [d.severity, d.code])).toEqual([['warning', 'rule/repo/date-in-future']]);
  });
});

describe('files, folders and [transform]', () => {
  it('file names use lower-case letters, digits and _', () => {
    const e = errors(CLEAN, 'rules/linux/execution Python.toml');
    expect(e.map((d) => [d.code, d.path])).toEqual([['rule/repo/file-name', 'rule.name']]);
    expect(e[0].message).toMatch(/interactive_terminal_spawned_via_python\.toml/);
  });

  it('Elastic rules are named after their primary tactic', () => {
    const d = theErrorAt(CLEAN, 'rules/linux/persistence_tty.toml', 'rule/repo/file-name-tactic');
    expect(d.path).toBe('rule.threat[0].tactic.name');
  });

  it('building blocks live in rules_building_block/ and nothing else does', () => {
    const bbr = variant('from = "now-9m"', 'from = "now-119m"\ninterval = "60m"\nbuilding_block_type = "default"', CLEAN).replace(
      '"Tactic: Execution"',
      '"Tactic: Execution", "Rule Type: BBR"',
    );
    expect(theErrorAt(bbr, 'rules/linux/execution_x.toml', 'rule/repo/directory').path).toBe('rule.building_block_type');
    expect(errors(bbr, 'rules_building_block/execution_x.toml')).toEqual([]);
    expect(theErrorAt(CLEAN, 'rules_building_block/execution_x.toml', 'rule/repo/directory').path).toBe('rule');
  });

  it('deprecated rules: only their folder and dates are checked', () => {
    const deprecated = variant('maturity = "production"', 'maturity = "deprecated"', SEED).replace('risk_score = 73', 'risk_score = 999');
    expect(theErrorAt(deprecated, 'rules/_deprecated/execution_x.toml', 'rule/repo/deprecation-date').path).toBe('metadata.deprecation_date');
    const dated = variant('maturity = "deprecated"', 'maturity = "deprecated"\ndeprecation_date = "2023/10/16"', deprecated);
    expect(errors(dated, 'rules/_deprecated/execution_x.toml')).toEqual([]);
    expect(theErrorAt(dated, 'rules/linux/execution_x.toml', 'rule/repo/directory').path).toBe('metadata.maturity');
  });

  it('[transform] entries are type-checked', () => {
    const text = variant('## Setup', '## Setup\n\n$osquery_0', CLEAN) + '\n[[transform.osquery]]\nlabel = "a"\nquery = 5\n';
    const d = theError(text, 'rule/load/type');
    expect(d.path).toBe('transform.osquery[0].query');
  });

  it('transform placeholders in note match the [transform] entries', () => {
    const text = variant('## Setup', '## Setup\n\n$osquery_0 $osquery_1', CLEAN) + '\n[[transform.osquery]]\nlabel = "a"\nquery = "select 1"\n';
    const d = theError(text, 'rule/repo/transform-placeholders');
    expect(d.message).toMatch(/2 distinct \$osquery_N placeholders but \[transform\] has 1 osquery entry/);
  });
});

describe('query layer', () => {
  it('an unknown field is reported at its characters in the file', () => {
    const text = variant('event.action in', 'event.actoin in', CLEAN);
    const d = theError(text, 'rule/query/eql/unknown-field');
    expect(d.path).toBe('rule.query');
    expect(d.source).toBe('schema');
    expect(text.slice(d.range!.start, d.range!.end)).toBe('event.actoin');
  });

  it('a syntax error keeps the parser code under rule/query/', () => {
    const text = variant('host.os.type == "linux"', 'host.os.type = "linux"', CLEAN);
    const [d] = errors(text);
    expect(d.code).toMatch(/^rule\/query\/eql\/syntax/);
    expect(text.slice(d.range!.start, d.range!.end)).toBe('=');
  });

  it('query_schema_validation = false keeps syntax errors and drops schema errors', () => {
    const off = variant('maturity = "production"', 'maturity = "production"\nquery_schema_validation = false', CLEAN);
    expect(errors(variant('event.action in', 'event.actoin in', off))).toEqual([]);
    expect(errors(variant('host.os.type == "linux"', 'host.os.type = "linux"', off)).map((d) => d.code)).toEqual([
      expect.stringMatching(/^rule\/query\/eql\/syntax/),
    ]);
  });

  it('maps offsets through escapes of a basic-string query', () => {
    const text = variant(/query = '''[\s\S]*?'''/, 'query = "process where process.name == \\"a\\u00e9\\" and process.nmae == \\"x\\""', CLEAN);
    const d = theError(text, 'rule/query/eql/unknown-field');
    expect(text.slice(d.range!.start, d.range!.end)).toBe('process.nmae');
  });

  it("carries the checker's quick fix into file offsets", () => {
    const text = variant('process.name : "*sh" and process.parent.args_count', 'process.name == "*sh" and process.parent.args_count', CLEAN);
    const d = validate(text).diagnostics.find((x) => x.fix && x.code === 'rule/query/lint/eq-wildcard');
    expect(d).toBeDefined();
    let fixed = text;
    for (const e of [...d!.fix!.edits].sort((a, b) => b.range.start - a.range.start)) {
      fixed = fixed.slice(0, e.range.start) + e.text + fixed.slice(e.range.end);
    }
    expect(fixed).toBe(CLEAN);
  });

  it('a checker that throws becomes a diagnostic', () => {
    const rule = loadRule(CLEAN, 'rules/linux/execution_x.toml');
    const r = createReporter(rule);
    queryLayer(
      rule.data!,
      () => {
        throw new Error('boom');
      },
      r,
    );
    expect(r.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ['rule/query/internal', 'rule.query', expect.stringContaining('internal error: boom')],
    ]);
  });

  it('KQL and ES|QL queries are not sent to the EQL checker', () => {
    const kql = variant('type = "eql"', 'type = "query"', CLEAN).replace('language = "eql"', 'language = "kuery"');
    expect(errors(kql)).toEqual([]);
  });
});

describe('ranges and paths', () => {
  it('every diagnostic points at its value in the file', () => {
    const text = variant('risk_score = 73', 'risk_score = 150', CLEAN);
    const { rule, diagnostics } = validate(text);
    const risk = diagnostics.filter((d) => d.path === 'rule.risk_score');
    expect(risk).toHaveLength(2);
    for (const d of risk) expect(text.slice(d.range!.start, d.range!.end)).toBe('150');
    expect(rule.spans.size).toBeGreaterThan(0);
  });

  it('an unknown key points at the key', () => {
    const text = variant('risk_score = 73', 'risk_score = 73\nbogus = 1', CLEAN);
    const [d] = errors(text);
    expect(text.slice(d.range!.start, d.range!.end)).toBe('bogus');
  });

  it('a missing key points at its table header', () => {
    const text = variant(/severity = "high"\n/, '', CLEAN);
    const [d] = errors(text);
    expect(d.path).toBe('rule.severity');
    expect(text.slice(d.range!.start, d.range!.end)).toBe('[rule]');
  });

  it('works without spans (no ranges)', () => {
    const data = TOML.parse(variant('risk_score = 73', 'risk_score = 150', CLEAN)) as unknown as TomlTable;
    const rule: LoadedRule = { text: '', data, spans: new Map(), diagnostics: [] };
    const found = validateRule(rule, { today: TODAY }).filter((d) => d.severity === 'error');
    expect(found.map((d) => d.code)).toEqual(['rule/load/range', 'rule/repo/risk-severity']);
    expect(found.every((d) => d.range === undefined)).toBe(true);
  });

  it('returns nothing for a dated deprecated rule and for TOML that does not parse', () => {
    const deprecated = variant('maturity = "production"', 'maturity = "deprecated"\ndeprecation_date = "2023/10/16"');
    expect(validateRule(loadRule(deprecated, 'x.toml'))).toEqual([]);
    expect(validateRule(loadRule('[rule\n', 'x.toml'))).toEqual([]);
  });
});
