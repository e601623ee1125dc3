/** hoverKql at the `|` marker: fields, values, free text, keywords and operators. */
import { describe, expect, it } from 'vitest';
import { hoverKql } from './hover.ts';

function hover(marked: string) {
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const h = hoverKql(text, offset);
  return h && { text: text.slice(h.range.start, h.range.end), markdown: h.markdown };
}

describe('hoverKql', () => {
  it.each([
    ['proc|ess.name:x', 'process.name', '**process.name** · `keyword`'],
    ['process.pi|d >= 4', 'process.pid', 'parsed as numbers'],
    ['dll.pe.sections:{ na|me:x }', 'name', '**dll.pe.sections.name**'],
    ['file.hash.|*:*', 'file.hash.*', 'a field pattern'],
    ['process.nm|ae:x', 'process.nmae', 'Did you mean `process.name`'],
    ['process.par|ent:*', 'process.parent', 'An object with'],
  ])('%s documents the field', (marked, text, part) => {
    const h = hover(marked)!;
    expect(h.text).toBe(text);
    expect(h.markdown).toContain(part);
  });

  it.each([
    ['a a|nd b', 'and', '`and`'],
    ['a O|R b', 'OR', '`or`'],
    ['n|ot a', 'not', 'must_not'],
    ['a|:b', ':', '`field: value`'],
    ['a >|= 1', '>=', '`field >= value`'],
    ['p:|{ a:b }', '{', 'nested query'],
  ])('%s documents the keyword or operator', (marked, text, part) => {
    const h = hover(marked)!;
    expect(h.text).toBe(text);
    expect(h.markdown).toContain(part);
  });

  it('explains values: exists, wildcards, phrases, allowed values, how a keyword value matches', () => {
    expect(hover('f:|*')!.markdown).toContain('the field has a value');
    expect(hover('f:a|*b')!.markdown).toContain('a wildcard');
    expect(hover('message:"a |b"')!.markdown).toContain('in order');
    expect(hover('event.category:pro|cess')!.markdown).toContain('process');
    expect(hover('process.name:cm|d.exe')!.markdown).toContain('case-sensitively');
    expect(hover('process.name:(a or b|)')).toBeNull();
  });

  it('explains free text', () => {
    expect(hover('hel|lo')!.markdown).toContain('free text');
    expect(hover('jp|g*')!.markdown).toContain('query_string');
  });

  it('is null on whitespace and parentheses', () => {
    expect(hover('a:b | and c')).toBeNull();
    expect(hover('|(a)')).toBeNull();
  });
});
