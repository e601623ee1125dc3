import { describe, expect, it } from 'vitest';
import { fieldValueTable } from './field-values.ts';

describe('fieldValueTable', () => {
  it('counts events per value, most frequent first, ties in first-seen order', () => {
    const events = [
      { process: { name: 'bash' } },
      { process: { name: 'cmd.exe' } },
      { 'process.name': 'cmd.exe' },
      { process: { name: 'python' } },
      { process: { name: 'cmd.exe' } },
      { process: { name: 'bash' } },
      { host: { name: 'x' } },
    ];
    const table = fieldValueTable(events, 'process.name');
    expect(table.values).toEqual([
      { value: 'cmd.exe', count: 3 },
      { value: 'bash', count: 2 },
      { value: 'python', count: 1 },
    ]);
    expect(table.eventsWithField).toBe(6);
    expect(table.distinct).toBe(3);
  });

  it('counts an array value once per event and keeps types apart', () => {
    const events = [{ a: ['x', 'x', 1] }, { a: '1' }, { a: 1 }, { a: true }, { a: null }, { a: { b: 1 } }];
    const table = fieldValueTable(events, 'a');
    expect(table.values).toEqual([
      { value: 1, count: 2 },
      { value: 'x', count: 1 },
      { value: '1', count: 1 },
      { value: true, count: 1 },
    ]);
    expect(table.eventsWithField).toBe(4);
  });

  it('keeps the top N and reports how many distinct values there were', () => {
    const events = Array.from({ length: 100 }, (_, i) => ({ n: i % 10 === 0 ? 'common' : `v${i}` }));
    const table = fieldValueTable(events, 'n', 5);
    expect(table.values).toHaveLength(5);
    expect(table.values[0]).toEqual({ value: 'common', count: 10 });
    expect(table.distinct).toBe(91);
  });

  it('flattens arrays of objects as Elasticsearch does', () => {
    const table = fieldValueTable([{ dll: [{ name: 'a.dll' }, { name: 'b.dll' }] }, { dll: { name: 'a.dll' } }], 'dll.name');
    expect(table.values).toEqual([
      { value: 'a.dll', count: 2 },
      { value: 'b.dll', count: 1 },
    ]);
  });
});
