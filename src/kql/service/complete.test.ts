/**
 * completeKql at the `|` marker: fields, operators, values and keywords by position. Grammar
 * facts (value lists, nested blocks, `field:*` exists, ranges) from ../shared/kql-reference/README.md §1.
 */
import { describe, expect, it } from 'vitest';
import { fieldValueTable } from '../../events/field-values.ts';
import { getSchema } from '../../eql/schema/index.ts';
import type { CompletionItem } from '../../eql/check/service.ts';
import { completeKql } from './complete.ts';
import { kqlValueFieldAt } from './value-slot.ts';

const schema = getSchema({});

const events = [
  ...Array.from({ length: 3 }, () => ({ process: { name: 'cmd.exe', pid: 4 }, event: { category: 'process' }, custom: { flag: true } })),
  { process: { name: 'my tool.exe', pid: '12' }, event: { category: 'network' } },
  { process: { name: 'true' }, message: 'Fatal error: "x"' },
];
const sampleValues = ['process.name', 'process.pid', 'event.category', 'custom.flag', 'message'].map((f) => fieldValueTable(events, f));

function complete(marked: string, options = {}) {
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const items = completeKql(text, offset, { schema, sampleValues, ...options });
  return { text, items };
}

/** Labels in the order the editor shows them (by sortText). */
const shown = (items: CompletionItem[], kind?: string) =>
  [...items]
    .filter((i) => !kind || i.kind === kind)
    .sort((a, b) => a.sortText.localeCompare(b.sortText))
    .map((i) => i.label);

describe('fields', () => {
  it('offers fields and not at the start, sample-event fields first, with the type as detail', () => {
    const { items } = complete('|', { seenFields: ['process.name', 'custom.flag'] });
    expect(shown(items, 'field').slice(0, 3)).toEqual(['custom.flag', 'process', 'process.name']);
    expect(items.find((i) => i.label === 'process.name')?.detail).toBe('keyword');
    expect(items.find((i) => i.label === 'custom.flag')?.detail).toBe('in the sample events, not in the schema');
    expect(items.find((i) => i.label === '@timestamp')?.detail).toBe('date');
    expect(shown(items, 'keyword')).toEqual(['not']);
  });

  it('is dotted-path aware: objects are paths to descend into', () => {
    const { text, items } = complete('process.pa|');
    const parent = items.find((i) => i.label === 'process.parent')!;
    expect(parent).toMatchObject({ insertText: 'process.parent.', retrigger: true });
    expect(text.slice(parent.range.start, parent.range.end)).toBe('process.pa');
    expect(shown(items, 'keyword')).toEqual([]);
  });

  it('offers fields after and/or/not and in groups', () => {
    for (const m of ['a:b and |', 'a:b or pro|', 'not |', '(|']) expect(shown(complete(m).items, 'field'), m).toContain('process');
  });

  it('offers names relative to the nested path inside { }', () => {
    const { items } = complete('dll.pe.sections:{ |');
    expect(shown(items, 'field')).toEqual(['entropy', 'name', 'physical_size', 'var_entropy', 'virtual_size']);
    expect(items.find((i) => i.label === 'name')?.documentation).toContain('**dll.pe.sections.name**');
  });
});

describe('operators and keywords', () => {
  it('offers : and exists after a keyword field, no ranges (they compare strings)', () => {
    expect(shown(complete('process.name |').items)).toEqual([':', ': *', 'and', 'and not', 'or']);
  });

  it('offers ranges after numeric and date fields', () => {
    expect(shown(complete('process.pid |').items, 'keyword').slice(0, 6)).toEqual([':', ': *', '>', '>=', '<', '<=']);
    expect(shown(complete('@timestamp |').items)).toContain('>=');
  });

  it('offers the nested block after a nested field', () => {
    expect(complete('dll.pe.sections |').items.find((i) => i.kind === 'snippet')?.insertText).toBe(': { $1 }');
  });

  it('offers and/or after a complete clause', () => {
    for (const m of ['process.name:cmd.exe |', 'process.name:"a b" |', '(a:b) |', 'p:{ a:b } |'])
      expect(shown(complete(m).items), m).toEqual(['and', 'and not', 'or']);
  });
});

describe('values', () => {
  it('offers the sample values first with their counts, then the ECS allowed values, then exists', () => {
    const { items } = complete('event.category:|');
    const labels = shown(items);
    expect(labels.slice(0, 2)).toEqual(['process', 'network']);
    expect(items.find((i) => i.label === 'process')?.detail).toBe('3 events');
    expect(labels).toContain('authentication');
    expect(labels.filter((l) => l === 'process')).toHaveLength(1);
    expect(labels[labels.length - 1]).toBe('*');
  });

  it('quotes values the grammar cannot hold bare (spaces, specials, words that read as booleans)', () => {
    expect(shown(complete('process.name:|').items)).toEqual(['cmd.exe', '"my tool.exe"', '"true"', '*']);
    expect(shown(complete('message:|').items)[0]).toBe('"Fatal error: \\"x\\""');
  });

  it('writes numbers for a numeric field, booleans for a boolean one', () => {
    expect(shown(complete('process.pid:|').items)).toEqual(['4', '12', '*']);
    expect(shown(complete('process.code_signature.trusted:|').items)).toEqual(['true', 'false', '*']);
    expect(shown(complete('custom.flag:|').items)).toEqual(['true', 'false', '*']);
  });

  it('offers values inside a value list, and after and/or in it', () => {
    expect(shown(complete('event.category:(|').items)[0]).toBe('process');
    expect(shown(complete('event.category:(network or |').items)[0]).toBe('process');
  });

  it('does not offer a value the same list already holds, quoted or not', () => {
    expect(shown(complete('process.name:(cmd.exe or |').items)).toEqual(['"my tool.exe"', '"true"', '*']);
    expect(shown(complete('process.name:("cmd.exe" or "my tool.exe" or |').items)).toEqual(['"true"', '*']);
    // Another list, or the same field outside the list, does not count.
    expect(shown(complete('process.name:cmd.exe and process.name:(|').items)[0]).toBe('cmd.exe');
    // Typing the value itself still offers it (the word at the cursor is not yet written).
    expect(shown(complete('process.name:(cmd.exe or c|').items)).not.toContain('cmd.exe');
    expect(shown(complete('process.name:(c|').items)).toContain('cmd.exe');
  });

  it('offers quoted values inside an open string, replacing it from the quote', () => {
    const { text, items } = complete('process.name:"my|');
    const tool = items.find((i) => i.label === '"my tool.exe"')!;
    expect(text.slice(tool.range.start, tool.range.end)).toBe('"my');
    expect(tool.filterText).toBe('"my tool.exe"');
    expect(shown(items)).not.toContain('*');
  });

  it('offers values and date math after a range operator, never exists', () => {
    expect(shown(complete('process.pid >= |').items)).toEqual(['4', '12']);
    expect(shown(complete('@timestamp > |').items)).toEqual(['now', 'now-1h', 'now-1d/d', 'now-7d/d']);
  });

  it('uses the nested path for values inside { }', () => {
    const nested = [fieldValueTable([{ dll: { pe: { sections: { name: '.text' } } } }], 'dll.pe.sections.name')];
    expect(shown(complete('dll.pe.sections:{ name:|', { sampleValues: nested }).items)[0]).toBe('.text');
  });
});

describe('kqlValueFieldAt', () => {
  it('names the field whose sample values completion would offer', () => {
    expect(kqlValueFieldAt('process.name : ', 15)).toBe('process.name');
    expect(kqlValueFieldAt('process.pid > ', 14)).toBe('process.pid');
    expect(kqlValueFieldAt('host.name:(a or ', 16)).toBe('host.name');
    expect(kqlValueFieldAt('dll.pe.sections:{ name:', 23)).toBe('dll.pe.sections.name');
    expect(kqlValueFieldAt('process.name', 12)).toBeUndefined();
  });
});
