import { describe, expect, it } from 'vitest';
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
    expect(withoutSub[0].technique).toEqual([{ id: 'T1059', name: 'Command and Scripting Interpreter', reference: 'https://attack.mitre.org/techniques/T1059/' }]);
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
