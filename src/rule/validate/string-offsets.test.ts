import { describe, expect, it } from 'vitest';
import TOML from '@iarna/toml';
import { stringOffsetMap } from './string-offsets.ts';

/** Parses `key = <value>` and checks that every character maps back to itself in the file. */
function roundTrip(valueSource: string): void {
  const text = `query = ${valueSource}\n`;
  const value = (TOML.parse(text) as { query: string }).query;
  const map = stringOffsetMap(text, text.indexOf(valueSource))!;
  expect(map.length).toBe(value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const src = text.slice(map[i], map[i] + 1);
    if (src !== '\\') expect(src, `char ${i}`).toBe(value[i]);
  }
}

describe('stringOffsetMap', () => {
  it("a ''' string starts after the quotes and the trimmed newline", () => {
    const text = "query = '''\nprocess where true\n'''\n";
    const map = stringOffsetMap(text, 8)!;
    expect(text[map[0]]).toBe('p');
    expect(map[0]).toBe(12);
    roundTrip("'''\nprocess where true\n'''");
  });

  it("a ''' string without a leading newline keeps its first character", () => {
    roundTrip("'''process where true'''");
  });

  it("a ''' string may end with its own quote before the delimiter", () => {
    roundTrip("'''a 'b''''");
  });

  it('basic strings shrink escapes', () => {
    roundTrip('"process where name == \\"a\\\\b\\" and x : \\u00e9"');
  });

  it('multi-line basic strings drop line-ending backslashes', () => {
    roundTrip('"""\nprocess where \\\n    true and \\"x\\""""');
  });

  it('single-quoted literal strings map one to one', () => {
    roundTrip("'any where true'");
  });

  it('is undefined for a non-string value', () => {
    expect(stringOffsetMap('x = 1', 4)).toBeUndefined();
  });
});
