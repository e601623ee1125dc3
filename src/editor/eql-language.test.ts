/**
 * The Monaco highlighter against the scanner: its words are the scanner's, and Monaco's own
 * Monarch runtime (run here in Node) tokenizes real queries without throwing — an uncaught
 * throw in the page stops highlighting for the rest of the session.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monarchHighlighter } from '../../test/monarch-highlight.ts';
import { CASE_INSENSITIVE_KEYWORD_NAMES, KEYWORD_NAMES, OPERATOR_SPELLINGS, scan, TokenKind } from '../eql/syntax/scanner.ts';
import { EQL_LANGUAGE_ID, EQL_MONARCH } from './eql-language.ts';

const highlight = monarchHighlighter(EQL_LANGUAGE_ID, EQL_MONARCH);

describe('EQL highlighter', () => {
  it('lists exactly the scanner keywords (join yes, runs no)', () => {
    expect([...(EQL_MONARCH.keywords as string[])].sort()).toEqual([...KEYWORD_NAMES].sort());
    expect(EQL_MONARCH.keywords).toContain('join');
    expect(EQL_MONARCH.keywords).not.toContain('runs');
  });

  it('colours every scanner keyword as a keyword, and nothing else', () => {
    for (const word of KEYWORD_NAMES) expect(highlight(word), word).toEqual([[word, 'keyword']]);
    for (const word of ['runs', 'fork', 'WHERE', 'process']) expect(highlight(word), word).toEqual([[word, 'variable']]);
  });

  it('colours every scanner operator as one operator token', () => {
    const scanned = new Set(scan(OPERATOR_SPELLINGS.join(' ')).map((t) => t.kind));
    expect(scanned.has(TokenKind.Unknown)).toBe(false);
    for (const op of OPERATOR_SPELLINGS)
      expect(highlight(`a ${op} 1`), op).toEqual([
        ['a', 'variable'],
        [op, 'operator'],
        ['1', 'number'],
      ]);
    for (const word of CASE_INSENSITIVE_KEYWORD_NAMES) expect(highlight(`a ${word}~ "x"`)[1]).toEqual([`${word}~`, 'keyword.operator']);
  });

  it('reads optional fields without throwing', () => {
    expect(highlight('process where ?process.parent.args_count > 1 and ?x == 2')).toEqual([
      ['process', 'variable'],
      ['where', 'keyword'],
      ['?', 'operator.optional'],
      ['process.parent.args_count', 'variable'],
      ['>', 'operator'],
      ['1', 'number'],
      ['and', 'keyword'],
      ['?', 'operator.optional'],
      ['x', 'variable'],
      ['==', 'operator'],
      ['2', 'number'],
    ]);
  });

  it('tokenizes the whole language without throwing', () => {
    const text = [
      'sequence by host.id, ?process.entity_id with maxspan=5m',
      '  [process where event.type == "start" and process.name : ("cmd.exe", "power*") and not ?a.b.c in~ ("x")] by ?process.parent.entity_id',
      '  ![file where startsWith~(file.path, "C:\\\\Temp") and `odd name`.x like~ "a" and y regex """.*"""] with runs=2',
      'until [process where event.type == "end" /* comment */] // trailing',
      '| tail 3',
      'join [a where true] [b where ?c != null] sample by x [any where 1.5e3 < 2 % 3 + -4 * 5 / 6]',
    ].join('\n');
    const types = new Set(highlight(text).map(([, type]) => type));
    expect([...types].sort()).toEqual(
      [
        'comment',
        'delimiter',
        'delimiter.square',
        'delimiter.bracket.missing',
        'delimiter.parenthesis',
        'delimiter.pipe',
        'function',
        'keyword',
        'keyword.operator',
        'number',
        'number.unit',
        'operator',
        'operator.optional',
        'string',
        'string.escape',
        'string.raw',
        'variable',
        'variable.quoted',
      ].sort(),
    );
  });

  it('never throws on any text built from EQL pieces and odd characters', () => {
    const piece = fc.constantFrom(
      ...KEYWORD_NAMES,
      ...OPERATOR_SPELLINGS,
      'in~',
      'like~',
      '?',
      '?a.b',
      '?`a b`',
      '?"x"',
      "'x'",
      '"a\\"',
      '',
      '`q``q`',
      '/*',
      '*/',
      '//',
      '![',
      '[',
      ']',
      '(',
      ')',
      '|',
      ',',
      '.',
      '1.5e3',
      '5m',
      'f~(',
      'é',
      '\\u00a0',
      '#',
      '&&',
      '||',
      '\\n',
      ' ',
      '"',
      '\\\\u{41}',
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
