import { describe, expect, it } from 'vitest';
import { valuesText } from './truth.tsx';

describe('valuesText', () => {
  it('names the value of a multi-valued field that made the condition true', () => {
    expect(valuesText([{ field: 'process.args', value: ['cmd', '-enc'], missing: false, matched: ['-enc'] }])).toBe(
      'process.args = ["cmd","-enc"] (true for "-enc")',
    );
    expect(
      valuesText([
        { field: 'a', value: [1, 2], missing: false, matched: [2, 1] },
        { field: 'b', value: null, missing: true },
      ]),
    ).toBe('a = [1,2] (true for 2 and 1), b missing');
    expect(valuesText([{ field: 'x', value: 'y', missing: false }])).toBe('x = "y"');
  });
});
