import { describe, expect, it } from 'vitest';
import { completionsAt, hoverAt, signatureHelpAt, type CompletionItem } from './service.ts';

/** Completions at the (last) `|` marker. */
function complete(marked: string, options = {}) {
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, offset, items: completionsAt(text, offset, options) };
}

const labels = (items: CompletionItem[], kind?: string) => items.filter((i) => !kind || i.kind === kind).map((i) => i.label);

function hover(marked: string, options = {}) {
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const h = hoverAt(text, offset, options);
  return h && { ...h, text: text.slice(h.range.start, h.range.end) };
}

describe('completionsAt', () => {
  it('offers categories, any and sequence/sample at the query start', () => {
    const { items } = complete('|');
    expect(labels(items, 'category')).toContain('process');
    expect(labels(items)).toContain('any');
    expect(labels(items, 'snippet')).toContain('sequence');
    expect(items.find((i) => i.label === 'process')?.insertText).toBe('process where ');
  });

  it('offers categories after [', () => {
    const { items } = complete('sequence [|');
    expect(labels(items, 'category')).toContain('network');
  });

  it('offers where after a category', () => {
    expect(labels(complete('process |').items)).toEqual(['where']);
  });

  it('offers fields and functions after where', () => {
    const { items } = complete('process where |');
    expect(labels(items, 'field')).toContain('process');
    expect(labels(items, 'function')).toContain('startsWith');
    expect(items.find((i) => i.label === 'startsWith')?.insertText).toBe('startsWith(${1:source}, ${2:substring})');
    expect(labels(items, 'keyword')).toContain('not');
    expect(labels(items, 'function')).toContain('startsWith~');
    expect(labels(items, 'function')).not.toContain('length~');
  });

  it('is dotted-path aware: process.pa → process.parent and its siblings, replacing the whole path', () => {
    const { text, items } = complete('process where process.pa|');
    const fields = labels(items, 'field');
    expect(fields).toContain('process.parent');
    expect(fields.every((f) => f.startsWith('process.pa'))).toBe(true);
    const parent = items.find((i) => i.label === 'process.parent')!;
    expect(parent.insertText).toBe('process.parent.');
    expect(parent.retrigger).toBe(true);
    expect(text.slice(parent.range.start, parent.range.end)).toBe('process.pa');
  });

  it('lists the leaves one level down after a dot', () => {
    const { items } = complete('process where process.parent.|');
    const fields = labels(items, 'field');
    expect(fields).toContain('process.parent.name');
    expect(fields).toContain('process.parent.pe');
    expect(fields).not.toContain('process.parent.name.text');
    const name = items.find((i) => i.label === 'process.parent.name')!;
    expect(name.detail).toBe('keyword');
    expect(name.documentation).toMatch(/Process name/);
  });

  it('offers only fields for a dotted word, and functions matching a plain word', () => {
    expect(labels(complete('process where process.pa|').items, 'function')).toEqual([]);
    expect(labels(complete('process where start|').items, 'function')).toEqual(['startsWith', 'startsWith~']);
  });

  it('offers nested objects as paths to descend into', () => {
    const item = complete('process where process.Ext.code|').items.find((i) => i.label === 'process.Ext.code_signature')!;
    expect(item.insertText).toBe('process.Ext.code_signature.');
  });

  it('ranks fields seen in sample events first', () => {
    const { items } = complete('process where process.|', { seenFields: ['process.pid'] });
    const sorted = [...items.filter((i) => i.kind === 'field')].sort((a, b) => a.sortText.localeCompare(b.sortText));
    expect(sorted[0].label).toBe('process.pid');
  });

  it('offers allowed values after == and :, labelled as the literal they insert', () => {
    const eq = complete('any where event.type == |');
    expect(labels(eq.items, 'value')).toContain('"start"');
    expect(eq.items.find((i) => i.label === '"start"')?.insertText).toBe('"start"');
    expect(labels(complete('any where event.outcome : |').items, 'value')).toEqual(['"failure"', '"success"', '"unknown"']);
  });

  it('offers allowed values inside in ( … )', () => {
    expect(labels(complete('any where event.category in (|').items, 'value')).toContain('"process"');
    expect(labels(complete('any where event.category in ("file", |').items, 'value')).toContain('"process"');
  });

  it('completes a value inside an open string, replacing the quote', () => {
    const { text, items } = complete('any where event.type == "st|"');
    const start = items.find((i) => i.label === '"start"')!;
    expect(text.slice(start.range.start, start.range.end)).toBe('"st"');
    expect(start.insertText).toBe('"start"');
    // The typed `"st` is matched against the quoted literal, so the editor keeps the item.
    expect(start.filterText).toBe('"start"');
  });

  it('offers maxspan units right after the number', () => {
    expect(labels(complete('sequence with maxspan=5|').items, 'unit')).toEqual(['ms', 's', 'm', 'h', 'd']);
  });

  it('offers maxspan= after sequence … with, runs= after a stage', () => {
    expect(labels(complete('sequence by host.id with |').items)).toEqual(['maxspan=']);
    expect(labels(complete('sequence with maxspan=1m [process where true] with |').items)).toEqual(['runs=']);
  });

  it('offers operators after an operand', () => {
    const ls = labels(complete('process where process.name |').items);
    expect(ls).toContain(':');
    expect(ls).toContain('and');
    expect(ls).toContain('in');
  });

  it('offers fields only after by', () => {
    const { items } = complete('sequence by |');
    expect(items.every((i) => i.kind === 'field')).toBe(true);
    expect(labels(items)).toContain('host');
  });

  it('offers in / in~ after an operand and not', () => {
    expect(labels(complete('process where process.name not |').items)).toEqual(['in', 'in~']);
  });

  it('continues a sequence header after its by keys', () => {
    expect(labels(complete('sequence by host.id |').items)).toEqual(['with maxspan=', '[ … ]']);
  });

  it('offers by, runs and until after a stage', () => {
    expect(labels(complete('sequence with maxspan=1m [process where true] |').items)).toEqual(['by', 'with runs=', 'until', '[ … ]']);
  });

  it('offers fields after ?', () => {
    const { items } = complete('process where ?proc|');
    expect(labels(items, 'field')).toContain('process');
  });

  it('offers head and tail after |', () => {
    expect(labels(complete('process where true | |').items)).toEqual(['head', 'tail']);
  });
});

describe('hoverAt', () => {
  it('describes a field with type, description and example', () => {
    const h = hover('process where process.na|me == "a"')!;
    expect(h.text).toBe('process.name');
    expect(h.markdown).toMatch(/`keyword`/);
    expect(h.markdown).toMatch(/Process name/);
    expect(h.markdown).toMatch(/Example: `ssh`/);
  });

  it('says when a field is multi-valued', () => {
    expect(hover('process where process.ar|gs : "x"')!.markdown).toMatch(/Multi-valued/);
  });

  it('explains an unknown field with suggestions', () => {
    const h = hover('process where process.nm|ae == "a"')!;
    expect(h.markdown).toMatch(/not in the schema/);
    expect(h.markdown).toMatch(/process\.name/);
  });

  it('shows a function signature and null behaviour', () => {
    const h = hover('process where starts|With(process.name, "a")')!;
    expect(h.text).toBe('startsWith');
    expect(h.markdown).toMatch(/startsWith\(source: string, substring: string\): boolean/);
    expect(h.markdown).toMatch(/Nulls:/);
  });

  it('explains : versus ==', () => {
    expect(hover('process where process.name |: "a"')!.markdown).toMatch(/case-insensitive/);
    expect(hover('process where process.name =|= "a"')!.markdown).toMatch(/case-sensitive/);
  });

  it('knows runs, pipe names and maxspan units are not fields', () => {
    expect(hover('sequence with maxspan=5|m [process where true] [file where true]')!.markdown).toMatch(/minutes/);
    expect(hover('sequence with maxspan=5m [process where true] with ru|ns=2 [file where true]')!.markdown).toMatch(/repeat/);
    expect(hover('process where true | he|ad 5')!.markdown).toMatch(/first N/);
  });

  it('explains keywords and categories', () => {
    expect(hover('seq|uence [process where true] [file where true]')!.markdown).toMatch(/ordered events/);
    expect(hover('proc|ess where true')!.markdown).toMatch(/event category/);
  });
});

describe('signatureHelpAt', () => {
  it('tracks the active parameter', () => {
    const text = 'process where between(process.name, "a", ';
    const help = signatureHelpAt(text, text.length)!;
    expect(help.signatures[0].label).toMatch(/^between\(/);
    expect(help.activeParameter).toBe(2);
  });

  it('ignores commas of nested lists and calls', () => {
    const text = 'process where startsWith(concat(a, b), ';
    expect(signatureHelpAt(text, text.length)!.activeParameter).toBe(1);
  });

  it('clamps to the variadic parameter', () => {
    const text = 'network where cidrMatch(destination.ip, "a", "b", ';
    expect(signatureHelpAt(text, text.length)!.activeParameter).toBe(1);
  });

  it('returns null outside a call', () => {
    expect(signatureHelpAt('process where true', 5)).toBeNull();
  });
});
