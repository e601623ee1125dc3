import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRule } from './load.ts';
import { formatRule } from './format.ts';
import { applyEdits, applyFieldEdit, exportRule, formatLoadedRule, planSetValue, removeKey, setValue } from './write.ts';
import type { LoadedRule, TomlTable, TomlValue } from './types.ts';
import { sharedData } from '../../scripts/shared-data.ts';

// The tty-shell seed as first shipped: a real rule file not in the formatter's layout.
const UNFORMATTED = join(__dirname, '../../test/data/execution_python_tty_shell.unformatted.toml');
const EXPECTED = sharedData('formatter-golden/expected/rules', 'edits on the formatter golden files');
const CORPUS = sharedData('rules-corpus', 'edits on the rules corpus');

function seed(): LoadedRule {
  return loadRule(readFileSync(UNFORMATTED, 'utf8'), 'execution_python_tty_shell.toml');
}

/** A rule already in formatter layout, so edits can be compared with formatRule's output. */
function formatted(): LoadedRule {
  const rule = seed();
  return loadRule(formatRule(rule.data!));
}

/** Lines of `after` that differ from `before`, by a simple line diff (common prefix/suffix). */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return { removed: a.slice(i, a.length - j), added: b.slice(i, b.length - j) };
}

function rule(r: LoadedRule): TomlTable {
  return r.data!.rule as TomlTable;
}

describe('exportRule', () => {
  it('returns the text unchanged', () => {
    const r = seed();
    expect(exportRule(r)).toEqual({ text: r.text });
  });

  it('refuses a rule that does not parse', () => {
    const r = loadRule('[rule\n');
    expect('error' in exportRule(r)).toBe(true);
  });
});

describe('formatLoadedRule', () => {
  it('gives the formatter layout', () => {
    const r = seed();
    expect(formatLoadedRule(r)).toEqual({ text: formatRule(r.data!) });
  });

  it("refuses a query containing '''", () => {
    const r = loadRule("[rule]\nquery = \"a ''' b\"\n");
    const out = formatLoadedRule(r);
    expect('error' in out && out.error.code).toBe('toml/unwritable-query');
  });
});

describe('setValue', () => {
  it('changes only the edited line', () => {
    const r = seed();
    const next = setValue(r, 'rule.severity', 'critical');
    expect(rule(next).severity).toBe('critical');
    expect(changedLines(r.text, next.text)).toEqual({
      removed: ['severity = "high"'],
      added: ['severity = "critical"'],
    });
  });

  it('inserts a new key at its sorted place in the table', () => {
    const r = seed();
    const next = setValue(r, 'rule.max_signals', 100);
    expect(changedLines(r.text, next.text)).toEqual({ removed: [], added: ['max_signals = 100'] });
    const lines = next.text.split('\n');
    expect(lines[lines.indexOf('max_signals = 100') + 1]).toMatch(/^name = /);
  });

  it('inserts a new metadata key in sorted order', () => {
    const r = seed();
    const next = setValue(r, 'metadata.bypass_bbr_timing', true);
    expect(next.text.split('\n').slice(0, 3)).toEqual(['[metadata]', 'bypass_bbr_timing = true', 'creation_date = "2020/04/15"']);
  });

  it('edits a key inside an array of tables in place', () => {
    const r = seed();
    const next = setValue(r, 'rule.threat[0].tactic.name', 'Persistence');
    expect(changedLines(r.text, next.text)).toEqual({ removed: ['name = "Execution"'], added: ['name = "Persistence"'] });
  });

  it('adds a key to an array-of-tables element in place', () => {
    const r = seed();
    const next = setValue(r, 'rule.threat[0].technique[0].subtechnique[0].note_x', 'y');
    expect(changedLines(r.text, next.text)).toEqual({ removed: [], added: ['note_x = "y"'] });
  });

  it('serialises strings as the formatter does (wrapped description)', () => {
    const r = formatted();
    const long = 'word '.repeat(40).trim();
    const next = setValue(r, 'rule.description', long);
    expect(next.text).toBe(formatRule({ ...next.data!, rule: { ...rule(next), description: long } }));
  });

  it('refuses a query containing triple single quotes and leaves the text alone', () => {
    const r = seed();
    const plan = planSetValue(r, 'rule.query', "process where process.name == \"'''\"");
    expect(Array.isArray(plan)).toBe(false);
    expect(plan).toMatchObject({ code: 'toml/unwritable-query', severity: 'error', path: 'rule.query' });
    const next = setValue(r, 'rule.query', "a '''");
    expect(next.text).toBe(r.text);
    expect(next.diagnostics.at(-1)?.code).toBe('toml/unwritable-query');
    // The refused edit blocks export until a later edit succeeds.
    expect(exportRule(next)).toMatchObject({ error: { code: 'toml/unwritable-query' } });
    const fixed = setValue(next, 'rule.query', 'process where true');
    expect(fixed.diagnostics).toEqual([]);
    expect('text' in exportRule(fixed)).toBe(true);
  });

  it('applyFieldEdit returns the refusal as a value', () => {
    const result = applyFieldEdit(seed(), 'rule.query', "'''");
    expect(result).toMatchObject({ error: { code: 'toml/unwritable-query' } });
    expect(applyFieldEdit(seed(), 'rule..x', 1)).toMatchObject({ error: { code: 'rule/edit-path' } });
  });

  it('writes the query as a literal block', () => {
    const r = formatted();
    const next = setValue(r, 'rule.query', 'process where true\n');
    expect(rule(next).query).toBe('process where true\n');
    expect(next.text).toContain("query = '''\nprocess where true\n'''");
  });

  it('keeps a single-line description with a backslash intact (no upstream double escaping)', () => {
    const r = seed();
    const next = setValue(r, 'rule.description', 'C:\\Windows');
    expect(rule(next).description).toBe('C:\\Windows');
  });

  it('keeps a backslash description intact in a formatted file too', () => {
    const r = formatted();
    const next = setValue(r, 'rule.description', 'C:\\Windows');
    expect(rule(next).description).toBe('C:\\Windows');
    expect(changedLines(r.text, next.text).added).toEqual(['description = "C:\\\\Windows"']);
  });

  it('returns edits that reproduce the new text', () => {
    const r = seed();
    const plan = planSetValue(r, 'rule.risk_score', 47);
    if (!Array.isArray(plan)) throw new Error(plan.message);
    expect(applyEdits(r.text, plan)).toBe(setValue(r, 'rule.risk_score', 47).text);
  });
});

const cases: [string, string, TomlValue | undefined][] = [
  ['scalar', 'rule.risk_score', 21],
  ['new top key', 'rule.max_signals', 1000],
  ['new key after all others', 'rule.version', 3],
  ['tags', 'rule.tags', ['OS: Linux', 'Tactic: Execution']],
  ['append a tag', 'rule.tags[6]', 'Data Source: Auditd Manager'],
  ['replace a tag', 'rule.tags[0]', 'Domain: Cloud'],
  ['remove a tag', 'rule.tags[1]', undefined],
  ['remove a key', 'rule.note', undefined],
  ['remove the query', 'rule.query', undefined],
  ['new technique', 'rule.threat[0].technique[1]', { id: 'T1000', name: 'X', reference: 'https://attack.mitre.org/techniques/T1000/' }],
  [
    'new threat entry',
    'rule.threat[1]',
    { framework: 'MITRE ATT&CK', tactic: { id: 'TA0005', name: 'Defense Evasion', reference: 'https://attack.mitre.org/tactics/TA0005/' } },
  ],
  ['remove threat', 'rule.threat', undefined],
  ['new sub-table', 'rule.alert_suppression', { group_by: ['host.id'], missing_fields_strategy: 'suppress' }],
  ['new nested table', 'rule.alert_suppression.duration', { unit: 'm', value: 5 }],
  ['new section', 'transform', { osquery: [{ label: 'x', query: 'select 1' }] }],
];

describe('edits on a formatted rule give the formatter output', () => {
  for (const [name, path, value] of cases) {
    it(name, () => {
      const r = formatted();
      const next = value === undefined ? removeKey(r, path) : setValue(r, path, value);
      expect(next.diagnostics).toEqual([]);
      expect(next.text).toBe(formatRule(next.data!));
      if (value !== undefined) expect(next.text).not.toBe(r.text);
    });
  }
});

describe('the same edits on a file not in formatter layout', () => {
  for (const [name, path, value] of cases) {
    it(name, () => {
      const raw = seed();
      expect(raw.text).not.toBe(formatRule(raw.data!));
      const apply = (r: LoadedRule): LoadedRule => (value === undefined ? removeKey(r, path) : setValue(r, path, value));
      const next = apply(raw);
      expect(next.diagnostics).toEqual([]);
      // Same data as the edit on the formatted file, written surgically.
      expect(formatRule(next.data!)).toBe(apply(formatted()).text);
    });
  }
});

describe('removeKey', () => {
  it('removes the key line only', () => {
    const r = seed();
    const next = removeKey(r, 'rule.timestamp_override');
    expect(changedLines(r.text, next.text)).toEqual({ removed: ['timestamp_override = "event.ingested"'], added: [] });
    expect(rule(next).timestamp_override).toBeUndefined();
  });
});

describe('corpus spot checks', () => {
  it.skipIf(!CORPUS)('edits every 20th corpus file (mostly not in formatter layout) surgically and correctly', () => {
    const root = CORPUS!;
    const all: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.toml')) all.push(join(d, e.name));
      }
    };
    walk(root);
    const sample = all.filter((_, i) => i % 20 === 0);
    let edits = 0;
    for (const f of sample) {
      const r = loadRule(readFileSync(f, 'utf8'), f);
      const data = r.data!;
      // A scalar change touches exactly its own line.
      const before = rule(r).severity;
      const after = before === 'critical' ? 'low' : 'critical';
      const sev = setValue(r, 'rule.severity', after);
      expect(changedLines(r.text, sev.text), f).toEqual({ removed: [`severity = "${before}"`], added: [`severity = "${after}"`] });
      // A new key adds exactly one line, and the data is what was asked for.
      const added = setValue(r, 'metadata.comments', 'reviewed');
      expect(changedLines(r.text, added.text), f).toEqual({ removed: [], added: ['comments = "reviewed"'] });
      expect(formatRule(added.data!)).toBe(formatRule({ ...data, metadata: { ...(data.metadata as TomlTable), comments: 'reviewed' } }));
      // Removing a list keeps everything else.
      const removed = removeKey(r, 'rule.tags');
      const { tags: _tags, ...rest } = rule(r);
      expect(formatRule(removed.data!)).toBe(formatRule({ ...data, rule: rest }));
      edits += 3;
    }
    expect(edits).toBeGreaterThan(300);
  });

  it.skipIf(!EXPECTED)('sets and re-reads a value on every golden rule, keeping formatter layout', () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else files.push(join(d, e.name));
      }
    };
    walk(EXPECTED!);
    for (const f of files) {
      const r = loadRule(readFileSync(f, 'utf8'));
      const next = setValue(r, 'rule.severity', 'low');
      expect(next.diagnostics).toEqual([]);
      expect(next.text).toBe(formatRule(next.data!));
    }
  });
});
