import { describe, expect, it } from 'vitest';
import { loadRule } from './load.ts';
import { setValue } from './write.ts';
import type { TomlTable } from './types.ts';
import { addToThreats, normalizeThreats, removeFromThreats, subtechniqueRef, tagsInStep, techniquesOf, threatMismatches } from './threat-edit.ts';

describe('ATT&CK references', () => {
  it('builds sub-technique URLs with a slash', () => {
    expect(subtechniqueRef('T1059.006')).toEqual({ id: 'T1059.006', name: 'Python', reference: 'https://attack.mitre.org/techniques/T1059/006/' });
  });
  it('lists the techniques of a tactic', () => {
    expect(techniquesOf('TA0002').map((t) => t.id)).toContain('T1059');
    expect(techniquesOf('TA0002').map((t) => t.id)).not.toContain('T1003');
  });
});

describe('addToThreats', () => {
  it('creates a consistent entry and merges into it without duplicates', () => {
    let threats = addToThreats(undefined, 'TA0002', 'T1059', 'T1059.004');
    threats = addToThreats(threats, 'TA0002', 'T1059', 'T1059.006');
    threats = addToThreats(threats, 'TA0002', 'T1059', 'T1059.006');
    expect(threats).toEqual([
      {
        framework: 'MITRE ATT&CK',
        tactic: { id: 'TA0002', name: 'Execution', reference: 'https://attack.mitre.org/tactics/TA0002/' },
        technique: [
          {
            id: 'T1059',
            name: 'Command and Scripting Interpreter',
            reference: 'https://attack.mitre.org/techniques/T1059/',
            subtechnique: [
              { id: 'T1059.004', name: 'Unix Shell', reference: 'https://attack.mitre.org/techniques/T1059/004/' },
              { id: 'T1059.006', name: 'Python', reference: 'https://attack.mitre.org/techniques/T1059/006/' },
            ],
          },
        ],
      },
    ]);
    expect(threatMismatches(threats)).toEqual([]);
  });

  it('does not modify its input', () => {
    const before = addToThreats(undefined, 'TA0002');
    const copy = structuredClone(before);
    addToThreats(before, 'TA0002', 'T1059');
    expect(before).toEqual(copy);
  });
});

describe('removeFromThreats', () => {
  it('drops empty technique and sub-technique lists', () => {
    const threats = addToThreats(undefined, 'TA0002', 'T1059', 'T1059.004');
    const withoutSub = removeFromThreats(threats, 0, 0, 0);
    expect(withoutSub[0].technique).toEqual([
      { id: 'T1059', name: 'Command and Scripting Interpreter', reference: 'https://attack.mitre.org/techniques/T1059/' },
    ]);
    expect(removeFromThreats(withoutSub, 0, 0)[0]).not.toHaveProperty('technique');
    expect(removeFromThreats(threats, 0)).toEqual([]);
  });
});

describe('threatMismatches and normalizeThreats', () => {
  it('flags wrong names, URLs, tactics and parents, and normalizing fixes names and URLs', () => {
    const threats = [
      {
        framework: 'MITRE ATT&CK',
        tactic: { id: 'TA0002', name: 'Exec', reference: 'https://attack.mitre.org/tactics/TA0002/' },
        technique: [{ id: 'T1003', name: 'OS Credential Dumping', reference: 'https://attack.mitre.org/techniques/T1003' }],
      },
    ];
    const paths = threatMismatches(threats).map((m) => m.path);
    expect(paths).toEqual(['rule.threat[0].tactic.name', 'rule.threat[0].technique[0].reference', 'rule.threat[0].technique[0].id']);
    expect(threatMismatches(normalizeThreats(threats)).map((m) => m.path)).toEqual(['rule.threat[0].technique[0].id']);
  });
});

describe('tagsInStep', () => {
  it('adds missing tactic tags, drops stale ones, keeps the others in order', () => {
    const threats = addToThreats(addToThreats(undefined, 'TA0002'), 'TA0003');
    expect(tagsInStep(['Domain: Endpoint', 'Tactic: Impact', 'Tactic: Execution', 'OS: Linux'], threats)).toEqual([
      'Domain: Endpoint',
      'Tactic: Execution',
      'OS: Linux',
      'Tactic: Persistence',
    ]);
  });
});

describe('writing an added tactic into a rule', () => {
  // Hand-laid (not the formatter's layout): blank lines inside the block where the author put them.
  const text = `[metadata]
creation_date = "2024/01/01"

[rule]
name = "x"

[[rule.threat]]
framework = "MITRE ATT&CK"
[[rule.threat.technique]]
id = "T1059"
name = "Command and Scripting Interpreter"
reference = "https://attack.mitre.org/techniques/T1059/"

[[rule.threat.technique.subtechnique]]
id = "T1059.006"
name = "Python"
reference = "https://attack.mitre.org/techniques/T1059/006/"

[rule.threat.tactic]
id = "TA0002"
name = "Execution"
reference = "https://attack.mitre.org/tactics/TA0002/"
`;

  it('adds only the lines of the new entry; the existing block keeps its blank lines', () => {
    const rule = loadRule(text, 'x.toml');
    const threats = addToThreats((rule.data!.rule as TomlTable).threat, 'TA0005');
    const next = setValue(rule, 'rule.threat', threats);
    expect(next.diagnostics).toEqual([]);
    expect(next.text).toBe(
      text +
        `
[[rule.threat]]
framework = "MITRE ATT&CK"

[rule.threat.tactic]
id = "TA0005"
name = "Defense Evasion"
reference = "https://attack.mitre.org/tactics/TA0005/"
`,
    );
    expect((next.data!.rule as TomlTable).threat).toEqual(threats);
  });

  it('adds a third entry after the second, leaving both untouched', () => {
    const rule = loadRule(text, 'x.toml');
    const two = setValue(rule, 'rule.threat', addToThreats((rule.data!.rule as TomlTable).threat, 'TA0005'));
    const threats = addToThreats((two.data!.rule as TomlTable).threat, 'TA0003', 'T1053');
    const three = setValue(two, 'rule.threat', threats);
    expect(three.text.startsWith(text)).toBe(true);
    expect(three.text.startsWith(two.text)).toBe(true);
    expect((three.data!.rule as TomlTable).threat).toEqual(threats);
  });
});
