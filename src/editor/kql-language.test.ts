/**
 * The KQL highlighter against the scanner: its keywords and character classes are the scanner's,
 * and Monaco's own Monarch runtime (run here in Node) tokenizes real queries without throwing —
 * an uncaught throw in the page stops highlighting for the rest of the session. Grammar facts:
 * ../shared/kql-reference/README.md §1 (keywords in any case, whitespace rules, escapes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monarchHighlighter } from '../../test/monarch-highlight.ts';
import { isKqlSpace, KQL_KEYWORDS, KQL_SPECIAL_CHARACTERS, scanKql } from '../kql/syntax/scanner.ts';
import { KQL_CONFIGURATION, KQL_LANGUAGE_ID, KQL_MONARCH, KQL_WHITESPACE, registerKqlLanguage } from './kql-language.ts';

const highlight = monarchHighlighter(KQL_LANGUAGE_ID, KQL_MONARCH);

describe('KQL highlighter', () => {
  it('uses the scanner keywords and whitespace', () => {
    expect(KQL_MONARCH.keywords).toEqual([...KQL_KEYWORDS]);
    for (const c of KQL_WHITESPACE) expect(isKqlSpace(c.charCodeAt(0)), JSON.stringify(c)).toBe(true);
  });

  it('colours and/or/not in any case as keywords where the scanner reads keywords', () => {
    for (const text of ['a and b', 'a OR b', 'NoT a', 'a\u00a0And\u00a0b']) {
      const keywords = scanKql(text).filter((t) => t.kind === 'and' || t.kind === 'or' || t.kind === 'not');
      expect(
        highlight(text)
          .filter(([, type]) => type === 'keyword')
          .map(([w]) => w),
        text,
      ).toEqual(keywords.map((t) => t.text));
    }
    // Without the whitespace they are words (`notice`, `order`, `not:x` is a field).
    expect(highlight('notice order')).toEqual([
      ['notice', 'string.unquoted'],
      ['order', 'string.unquoted'],
    ]);
    expect(highlight('not:x')[0]).toEqual(['not', 'variable']);
    // `and` needs whitespace before it too: after `(` it is a word, at a line start a keyword.
    expect(highlight('(and x)')[1]).toEqual(['and', 'string.unquoted']);
    expect(highlight('a:b\nand c:d')[3]).toEqual(['and', 'keyword']);
    // A word ends before `not` + whitespace, as the scanner splits `cannot be` (Kibana then rejects it).
    expect(highlight('cannot be')).toEqual([
      ['can', 'string.unquoted'],
      ['not', 'keyword'],
      ['be', 'string.unquoted'],
    ]);
  });

  it('colours field names before : and range operators, quoted and wildcard names included', () => {
    expect(highlight('process.name : "cmd.exe" and process.pid >= 4')).toEqual([
      ['process.name', 'variable'],
      [':', 'operator'],
      ['"cmd.exe"', 'string'],
      ['and', 'keyword'],
      ['process.pid', 'variable'],
      ['>=', 'operator'],
      ['4', 'number'],
    ]);
    expect(highlight('"odd name":x')[0]).toEqual(['"odd name"', 'variable.quoted']);
    expect(highlight('file.hash.*:*')).toEqual([
      ['file.hash.*', 'variable'],
      [':', 'operator'],
      ['*', 'keyword.operator.wildcard'],
    ]);
  });

  it('colours wildcards, escapes and invalid escapes in unquoted values', () => {
    expect(highlight('f:*cmd\\*x\\(y\\q')).toEqual([
      ['f', 'variable'],
      [':', 'operator'],
      ['*', 'keyword.operator.wildcard'],
      ['cmd', 'string.unquoted'],
      ['\\*', 'string.escape'],
      ['x', 'string.unquoted'],
      ['\\(', 'string.escape'],
      ['y', 'string.unquoted'],
      ['\\q', 'invalid'],
    ]);
    expect(highlight('\\AND')).toEqual([['\\AND', 'string.escape']]);
  });

  it('reads escapes inside quotes; any other backslash stays a plain backslash', () => {
    expect(highlight('"a\\"b\\\\c\\u00e9\\d"')).toEqual([
      ['"a', 'string'],
      ['\\"', 'string.escape'],
      ['b', 'string'],
      ['\\\\', 'string.escape'],
      ['c', 'string'],
      ['\\u00e9', 'string.escape'],
      ['\\d"', 'string'],
    ]);
  });

  it('carries an open string to the next line', () => {
    expect(highlight('f:"a\nb" and g:1').map(([, t]) => t)).toEqual(['variable', 'operator', 'string', 'string', 'keyword', 'variable', 'operator', 'number']);
  });

  it('matches parentheses and braces, and auto-closes quotes', () => {
    expect(highlight('p:{ (a or b) }').map(([, t]) => t)).toEqual([
      'variable',
      'operator',
      'delimiter.curly',
      'delimiter.parenthesis',
      'string.unquoted',
      'keyword',
      'string.unquoted',
      'delimiter.parenthesis',
      'delimiter.curly',
    ]);
    expect(KQL_CONFIGURATION.autoClosingPairs).toContainEqual({ open: '"', close: '"', notIn: ['string'] });
  });

  it('registers the id, tokens and configuration once, and nothing else', () => {
    const calls: string[] = [];
    const ids: { id: string }[] = [];
    const monaco = {
      languages: {
        getLanguages: () => ids,
        register: (l: { id: string }) => {
          ids.push(l);
          calls.push(`register ${l.id}`);
        },
        setMonarchTokensProvider: (id: string) => calls.push(`tokens ${id}`),
        setLanguageConfiguration: (id: string) => calls.push(`configuration ${id}`),
      },
    };
    registerKqlLanguage(monaco as never);
    registerKqlLanguage(monaco as never);
    expect(calls).toEqual(['register kql', 'tokens kql', 'configuration kql']);
  });

  it('finds the keywords the scanner finds, in space-separated text', () => {
    // One line, a word at each end: the cases where a line-by-line highlighter can tell (it
    // takes a line start for whitespace, as it is after a newline).
    const piece = fc.constantFrom(
      'a',
      'and',
      'OR',
      'Not',
      'foo:bar',
      '(',
      ')',
      '"q or r"',
      'x*y',
      'order',
      'notice',
      'b:{',
      '}',
      '>=',
      '5',
      '\\and',
      'cannot',
      'canNOT:x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = ['a', ...parts, 'z'].join(' ');
        const scanned = scanKql(text)
          .filter((t) => t.kind === 'and' || t.kind === 'or' || t.kind === 'not')
          .map((t) => t.text);
        const coloured = highlight(text)
          .filter(([, type]) => type === 'keyword')
          .map(([w]) => w);
        expect(coloured).toEqual(scanned);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any text built from KQL pieces and odd characters', () => {
    const piece = fc.constantFrom(
      ...KQL_KEYWORDS,
      ...[...KQL_SPECIAL_CHARACTERS],
      'AND',
      'Not',
      '\\or',
      '\\u00e9',
      '\\u12',
      '\\',
      '"a\\"',
      '"',
      'process.name',
      'a*b',
      '*',
      '>=',
      '<=',
      '1.5',
      '-4',
      '10.0.0.0/8',
      'é',
      '\u00a0',
      '\n',
      '\t',
      ' ',
      '#',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        highlight(parts.join(''));
        highlight(parts.join(' '));
      }),
      { numRuns: 500 },
    );
  });
});
