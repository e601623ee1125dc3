/**
 * formatKql (the editor's "Format query") and printKql beyond the Kibana facts (those run in
 * parse-facts.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseKql } from './parser.ts';
import { escapeKuery, formatKql, printKql } from './printer.ts';

const stripRanges = (text: string) => JSON.stringify(parseKql(text).node, (k, v) => (k === 'range' ? undefined : v));

describe('formatKql', () => {
  it('writes lower-case operators, single spaces and field:value', () => {
    expect(formatKql('a :  b   AND   NOT c:d')).toBe('a:b and not c:d');
  });

  it('keeps parentheses only where precedence needs them', () => {
    expect(formatKql('((a:b) and (c:d or e:f))')).toBe('a:b and (c:d or e:f)');
    expect(formatKql('(a and b) or c')).toBe('a and b or c');
    expect(formatKql('not (not a)')).toBe('not (not a)');
  });

  it('keeps value lists and nested blocks', () => {
    expect(formatKql('f : ( a OR b and not c )')).toBe('f:(a or b and not c)');
    expect(formatKql('p:{ q : x  or  r:y }')).toBe('p:{ q:x or r:y }');
  });

  it('copies values and field names with their escapes and quotes', () => {
    expect(formatKql('"a b" : "c \\" d" and e:f\\:g*')).toBe('"a b":"c \\" d" and e:f\\:g*');
  });

  it('breaks a long query one clause per line', () => {
    const text = `a:${'x'.repeat(50)} and b:${'y'.repeat(50)} and (c:1 or d:${'z'.repeat(100)})`;
    expect(formatKql(text)).toBe(`a:${'x'.repeat(50)}\nand b:${'y'.repeat(50)}\nand (\n  c:1\n  or d:${'z'.repeat(100)}\n)`);
  });

  it('formats to a query that parses to the same tree', () => {
    for (const text of ['a:b and (c or d:(e or not f)) or not g > 3', 'p:{ q:{ r:s } } and x:"y z"', 'cannot']) {
      expect(stripRanges(formatKql(text) as string)).toBe(stripRanges(text));
    }
  });

  it('gives null for a query with syntax errors', () => {
    expect(formatKql('a:(b')).toBeNull();
  });
});

describe('printKql', () => {
  it('prints Kibana-style, upper-case operators in parentheses', () => {
    expect(printKql(parseKql('a:b and not c:(d or e)').node)).toBe('(a: b AND NOT (c: d OR c: e))');
  });
});

describe('escapeKuery', () => {
  it('also escapes braces, which the grammar treats as special', () => {
    expect(escapeKuery('{x}')).toBe('\\{x\\}');
  });
});

describe('formatKql on long lists and blocks', () => {
  it('puts the values of a long list one per line', () => {
    const values = Array.from({ length: 12 }, (_, i) => `"process-${i}.exe"`);
    const formatted = formatKql(`process.name:(${values.join(' or ')})`);
    expect(formatted).toBe(`process.name:(\n  ${values.join('\n  or ')}\n)`);
  });

  it('breaks a long negated group and a long nested block', () => {
    const a = `a:${'x'.repeat(60)}`;
    const b = `b:${'y'.repeat(60)}`;
    expect(formatKql(`not (${a} or ${b})`)).toBe(`not (\n  ${a}\n  or ${b}\n)`);
    expect(formatKql(`p:{ ${a} and ${b} }`)).toBe(`p:{\n  ${a}\n  and ${b}\n}`);
  });
});

describe('formatKql keeps where not is written', () => {
  it('keeps a query-level not before a value list, and a not inside one', () => {
    expect(formatKql('not f:(a or b)')).toBe('not f:(a or b)');
    expect(formatKql('f:(not (a or b))')).toBe('f:(not (a or b))');
  });
});
