import { describe, expect, it } from 'vitest';
import { matchesSearch } from './rule-search.ts';

const rule = {
  name: 'Interactive Terminal Spawned via Python',
  data: {
    rule: {
      tags: ['OS: Linux', 'Tactic: Execution'],
      threat: [{ framework: 'MITRE ATT&CK', tactic: { id: 'TA0002', name: 'Execution', reference: '' } }],
    },
  },
};

describe('matchesSearch', () => {
  it('matches name, tag and tactic, case-insensitively, every word', () => {
    expect(matchesSearch(rule, '')).toBe(true);
    expect(matchesSearch(rule, 'python')).toBe(true);
    expect(matchesSearch(rule, 'os: linux')).toBe(true);
    expect(matchesSearch(rule, 'TA0002')).toBe(true);
    expect(matchesSearch(rule, 'linux execution')).toBe(true);
    expect(matchesSearch(rule, 'linux windows')).toBe(false);
  });
  it('copes with rules without data', () => {
    expect(matchesSearch({ name: 'x', data: null }, 'x')).toBe(true);
  });
});
