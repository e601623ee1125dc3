import { describe, expect, it } from 'vitest';
import { pathAncestors, stringContentStart } from './reveal-problem.ts';

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

describe('stringContentStart', () => {
  it('skips the delimiter and the newline TOML trims', () => {
    const text = "query = '''\nprocess where true\n'''";
    expect(text.slice(stringContentStart(text, 8))).toMatch(/^process/);
    expect(stringContentStart('a = "x"', 4)).toBe(5);
    expect(stringContentStart("a = '''x'''", 4)).toBe(7);
  });
});
