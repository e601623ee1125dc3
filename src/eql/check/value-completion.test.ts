import { describe, expect, it } from 'vitest';
import { fieldValueTable } from '../../events/field-values.ts';
import { getSchema } from '../schema/index.ts';
import { completionsAt, type CompletionItem } from './service.ts';
import { valueFieldAt } from './value-completion.ts';

const schema = getSchema({});

/** Completions at the (last) `|` marker. */
function complete(marked: string, sampleValues = tables) {
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, offset, items: completionsAt(text, offset, { schema, sampleValues }) };
}

/** Labels in the order the editor shows them (by sortText). */
const shown = (items: CompletionItem[]) => [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);

const events = [
  ...Array.from({ length: 5 }, () => ({ process: { name: 'cmd.exe', pid: 4, args: ['-c', 'x'] }, event: { category: 'process', type: ['start'] } })),
  ...Array.from({ length: 3 }, () => ({ process: { name: 'powershell.exe', pid: '12' }, event: { category: 'process', type: ['end'] } })),
  { process: { name: 'C:\\Tools\\"odd".exe' }, event: { category: 'network' }, dll: { Ext: { relative_file_creation_time: 1 } } },
  { process: { name: 'bash', interactive: true }, custom: { flag: false, label: 'a' }, event: { category: 'process', type: 'info' } },
];
const tables = ['process.name', 'process.pid', 'event.category', 'event.type', 'process.interactive', 'custom.flag', 'custom.label', 'process.args'].map((f) =>
  fieldValueTable(events, f),
);

describe('value completion', () => {
  it('offers the sample values of the field, most frequent first, with their counts', () => {
    const { items } = complete('process where process.name : |');
    expect(shown(items)).toEqual(['"cmd.exe"', '"powershell.exe"', '"C:\\\\Tools\\\\\\"odd\\".exe"', '"bash"']);
    const cmd = items.find((i) => i.label === '"cmd.exe"')!;
    expect(cmd.detail).toBe('5 events');
    expect(cmd.description).toBe('5 events');
    expect(cmd.insertText).toBe('"cmd.exe"');
    expect(cmd.documentation).toBe('5 of the 10 sample events that have `process.name` hold this value.');
    expect(items.find((i) => i.label === '"bash"')!.detail).toBe('1 event');
  });

  it('escapes strings as EQL literals: quotes and backslashes', () => {
    const odd = complete('process where process.name == |').items.find((i) => i.label.includes('odd'))!;
    expect(odd.insertText).toBe(String.raw`"C:\\Tools\\\"odd\".exe"`);
  });

  it('writes numbers bare for a numeric field, even when an event held the number as a string', () => {
    const { items } = complete('process where process.pid == |');
    expect(shown(items)).toEqual(['4', '12', 'null']);
    expect(items.find((i) => i.label === '4')!.insertText).toBe('4');
  });

  it('offers no numbers where only strings are allowed (`:`, like, regex)', () => {
    expect(shown(complete('process where process.pid : |').items)).toEqual([]);
  });

  it('puts sample values before the remaining ECS allowed values, without repeating one', () => {
    const { items } = complete('any where event.category == |');
    const labels = shown(items);
    expect(labels.slice(0, 2)).toEqual(['"process"', '"network"']);
    expect(labels.filter((l) => l === '"process"')).toHaveLength(1);
    expect(labels).toContain('"authentication"'); // an allowed value no event holds
    expect(labels.indexOf('"authentication"')).toBeGreaterThan(1);
    expect(labels[labels.length - 1]).toBe('null');
    // A sample value that is also allowed keeps the ECS description.
    expect(items.find((i) => i.label === '"process"')!.documentation).toMatch(/process/i);
  });

  it('offers ECS allowed values with no sample events at all', () => {
    const labels = shown(complete('any where event.outcome == |', []).items);
    expect(labels).toEqual(['"failure"', '"success"', '"unknown"', 'null']);
  });

  it('offers true and false for a boolean field, and null only after == and !=', () => {
    expect(shown(complete('process where process.interactive == |').items)).toEqual(['true', 'false', 'null']);
    expect(shown(complete('process where process.interactive != |', []).items)).toEqual(['true', 'false', 'null']);
    expect(shown(complete('process where process.interactive in (|', []).items)).toEqual(['true', 'false']);
    expect(shown(complete('process where process.pid > |', []).items)).toEqual([]);
    expect(shown(complete('process where process.name : |', []).items)).toEqual([]);
  });

  it('takes the type of a field the schema does not know from its sample values', () => {
    expect(shown(complete('any where custom.flag == |').items)).toEqual(['false', 'true', 'null']);
    expect(complete('any where custom.flag == |').items.find((i) => i.label === 'false')!.detail).toBe('1 event');
    expect(shown(complete('any where custom.label : |').items)).toEqual(['"a"']);
  });

  it('completes inside in ( … ), after a comma, and skips the values already listed', () => {
    expect(shown(complete('process where process.name in (|').items)).toEqual(['"cmd.exe"', '"powershell.exe"', '"C:\\\\Tools\\\\\\"odd\\".exe"', '"bash"']);
    expect(shown(complete('process where process.name in ("cmd.exe", |').items)).toEqual(['"powershell.exe"', '"C:\\\\Tools\\\\\\"odd\\".exe"', '"bash"']);
    expect(shown(complete('process where process.name not in~ ("bash", "cmd.exe",|').items)).toEqual(['"powershell.exe"', '"C:\\\\Tools\\\\\\"odd\\".exe"']);
  });

  it('completes the list of a pattern operator: `: (`, like (', () => {
    expect(shown(complete('process where process.name : (|').items)[0]).toBe('"cmd.exe"');
    expect(shown(complete('process where process.name : ("cmd.exe", |').items)[0]).toBe('"powershell.exe"');
    expect(shown(complete('process where process.name like~ (|').items)[0]).toBe('"cmd.exe"');
    expect(shown(complete('process where process.name like |').items)[0]).toBe('"cmd.exe"');
  });

  it('escapes regex syntax after regex, so the value matches itself', () => {
    const first = complete('process where process.name regex~ |').items.find((i) => i.sortText === '00000')!;
    expect(first.insertText).toBe(String.raw`"cmd\\.exe"`);
  });

  it('completes a value typed inside an open string, replacing the quotes, matched as the quoted text', () => {
    const { text, items } = complete('process where process.name : "po|"');
    const ps = items.find((i) => i.label === '"powershell.exe"')!;
    expect(text.slice(ps.range.start, ps.range.end)).toBe('"po"');
    expect(ps.filterText).toBe('"powershell.exe"');
  });

  it('counts each event once per value of a multi-valued field', () => {
    const { items } = complete('process where process.args : |');
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ['"-c"', '5 events'],
      ['"x"', '5 events'],
    ]);
  });

  it('offers nothing but null after == on a function call, and ignores tables of other fields', () => {
    expect(shown(complete('process where length(process.name) == |').items)).toEqual(['null']);
    expect(shown(complete('process where host.name == |').items)).toEqual(['null']);
  });

  it('says which field a value position is for (what to fetch sample values of)', () => {
    const at = (marked: string) => valueFieldAt(marked.replace('|', ''), marked.indexOf('|'));
    expect(at('process where process.name : |')).toBe('process.name');
    expect(at('process where process.name == "c|"')).toBe('process.name');
    expect(at('process where process.name in ("a", |)')).toBe('process.name');
    expect(at('process where ?process.parent.name : (|')).toBe('process.parent.name');
    expect(at('process where process.name |')).toBeUndefined();
    expect(at('process where |')).toBeUndefined();
  });
});
