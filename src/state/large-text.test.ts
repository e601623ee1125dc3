import { describe, expect, it } from 'vitest';
import { elideLongLines, excerpt, isLargeField, isLargeToml, LARGE_FIELD_CHARS, longestLine, LONG_TOML_LINE_CHARS } from './large-text.ts';

describe('large text limits', () => {
  it('finds the longest line', () => {
    expect(longestLine('a\nbbbb\ncc')).toEqual({ line: 2, length: 4 });
    expect(longestLine('')).toEqual({ line: 1, length: 0 });
    expect(longestLine('x\n' + 'y'.repeat(10))).toEqual({ line: 2, length: 10 });
  });

  it('calls a TOML text large when one line is long, even if the text is small overall', () => {
    expect(isLargeToml('name = "x"\n'.repeat(1000))).toBe(false);
    expect(isLargeToml(`description = "${'a'.repeat(LONG_TOML_LINE_CHARS)}"\n`)).toBe(true);
    expect(isLargeField('a'.repeat(LARGE_FIELD_CHARS))).toBe(false);
    expect(isLargeField('a'.repeat(LARGE_FIELD_CHARS + 1))).toBe(true);
  });

  it('cuts excerpts without splitting a surrogate pair and says how much is left out', () => {
    expect(excerpt('short')).toBe('short');
    expect(excerpt('abcdef', 3)).toBe('abc… (3 characters more)');
    expect(excerpt('ab😀cd', 3)).toBe('ab… (4 characters more)');
  });

  it('elides long lines and caps the number of lines of a 5 MB line', () => {
    const huge = 'w'.repeat(5_000_000);
    const text = `[rule]\ndescription = "${huge}"\nname = "x"\n`;
    const elided = elideLongLines(text);
    expect(elided.length).toBeLessThan(3_000);
    const lines = elided.split('\n');
    expect(lines[0]).toBe('[rule]');
    expect(lines[1]).toMatch(/^description = "w{1985}… \(5\.0 M characters more on this line\)$/);
    expect(lines.slice(2)).toEqual(['name = "x"', '']);
    expect(elideLongLines('a\nb\nc\nd', 10, 2)).toBe('a\nb\n… (3 characters more, in further lines)');
  });
});
