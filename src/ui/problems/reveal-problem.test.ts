import { describe, expect, it } from 'vitest';
import { pathAncestors } from './reveal-problem.ts';

describe('pathAncestors', () => {
  it('walks from the most specific path up', () => {
    expect(pathAncestors('rule.threat[0].technique[1].id')).toEqual([
      'rule.threat[0].technique[1].id',
      'rule.threat[0].technique[1]',
      'rule.threat[0].technique',
      'rule.threat[0]',
      'rule.threat',
      'rule',
    ]);
    expect(pathAncestors('rule.tags[2]')).toEqual(['rule.tags[2]', 'rule.tags', 'rule']);
  });
});
