/**
 * Properties: the parser never throws and terminates on anything; diagnostics stay inside the
 * text; printing then parsing a generated AST gives the same AST (ranges ignored).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statement } from '../../../test/eql-ast-arbitraries.ts';
import { parseQuery } from './parser.ts';
import { formatQuery, printQuery } from './printer.ts';
import { scan, TokenKind } from './scanner.ts';
import { stripRanges } from './strip-ranges.ts';

function checkResult(text: string): void {
  const { ast, diagnostics } = parseQuery(text);
  expect(ast.kind).toBe('statement');
  for (const d of diagnostics) {
    expect(d.code.startsWith('eql/syntax')).toBe(true);
    expect(d.range!.start).toBeGreaterThanOrEqual(0);
    expect(d.range!.end).toBeLessThanOrEqual(text.length);
    expect(d.range!.start).toBeLessThanOrEqual(d.range!.end);
  }
}

describe('robustness', () => {
  it('parses arbitrary strings without throwing', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkResult), { numRuns: 2000 });
  });

  const soupToken = fc.constantFrom(
    'sequence',
    'sample',
    'join',
    'by',
    'with',
    'maxspan',
    'runs',
    '=',
    '==',
    '!=',
    '<',
    '<=',
    '>',
    '>=',
    ':',
    'like',
    'like~',
    'regex~',
    'in',
    'in~',
    'not',
    'and',
    'or',
    'where',
    'any',
    'until',
    'of',
    'process',
    'x.y',
    '?',
    '?f',
    '`a``b`',
    '`',
    '"s"',
    '"""r"""',
    '"""',
    '"',
    "'",
    '?"q"',
    '"\\u{41}"',
    '"\\q"',
    '1',
    '1.5',
    '.5',
    '1e5',
    '5m',
    '0',
    '101',
    '[',
    ']',
    '![',
    '(',
    ')',
    ',',
    '|',
    'head',
    'tail',
    'count',
    'f(',
    'f~(',
    '+',
    '-',
    '*',
    '/',
    '%',
    '.',
    '!',
    '&&',
    '||',
    '/*',
    '*/',
    '//',
    '\n',
    'true',
    'null',
    '~',
    '#',
  );

  it('parses token soups without throwing', () => {
    fc.assert(
      fc.property(fc.array(soupToken, { maxLength: 60 }), fc.boolean(), (tokens, spaced) => checkResult(tokens.join(spaced ? ' ' : ''))),
      { numRuns: 3000 },
    );
  });

  it('scans arbitrary strings into ordered tokens ending in one EOF', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const tokens = scan(text);
        let prev = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(prev);
          expect(t.end).toBeGreaterThanOrEqual(t.start);
          prev = t.end;
        }
        expect(tokens[tokens.length - 1].kind).toBe(TokenKind.EOF);
        expect(tokens.filter((t) => t.kind === TokenKind.EOF)).toHaveLength(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('handles 10,000 nested parentheses with one too-deep diagnostic', () => {
    const { diagnostics } = parseQuery('a where ' + '('.repeat(10_000) + 'x' + ')'.repeat(10_000));
    expect(diagnostics.map((d) => d.code)).toEqual(['eql/syntax-too-deep']);
  });

  it('handles long prefix chains and arithmetic chains', () => {
    for (const q of [
      'a where ' + 'not '.repeat(10_000) + 'x',
      'a where ' + '-'.repeat(10_000) + 'x',
      'a where ' + Array(10_000).fill('x').join(' + '),
      'a where ' + 'f('.repeat(10_000),
      'a where ' + 'x in ('.repeat(10_000),
      'a where ' + 'descendant of [a where '.repeat(2_000),
    ]) {
      expect(parseQuery(q).diagnostics.some((d) => d.code === 'eql/syntax-too-deep' || d.code === 'eql/syntax-unsupported')).toBe(true);
    }
  });

  it('keeps a 10,000-operand or-chain flat', () => {
    const { ast, diagnostics } = parseQuery('a where ' + Array(10_000).fill('x == 1').join(' or '));
    expect(diagnostics).toEqual([]);
    expect(ast.query).toMatchObject({ filter: { condition: { kind: 'logical', op: 'or' } } });
  });

  it('parses a 1 MB query and 1 MB of random characters quickly', () => {
    const big = 'a where ' + Array(40_000).fill('process.name : "abcdefgh*"').join(' and ');
    let random = '';
    for (let i = 0; i < 1_000_000; i++) random += String.fromCharCode((i * 7919 + (i >> 3) * 104729) % 65536);
    for (const text of [big, random]) {
      const t0 = performance.now();
      checkResult(text);
      expect(performance.now() - t0).toBeLessThan(5_000);
    }
  });
});

describe('printer round trip', () => {
  it('parse(print(ast)) equals ast for generated statements', () => {
    fc.assert(
      fc.property(statement, (ast) => {
        const text = printQuery(ast);
        const { ast: back, diagnostics } = parseQuery(text);
        expect(diagnostics).toEqual([]);
        expect(stripRanges(back)).toEqual(stripRanges(ast));
      }),
      { numRuns: 1500 },
    );
  });
  it('formatQuery keeps every comment in order, or declines', () => {
    fc.assert(
      fc.property(statement, fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 4 }), (ast, spots) => {
        const text = printQuery(ast);
        // Comments go between tokens: at the start of a token, never inside one.
        const starts = scan(text).map((t) => t.start);
        let withComments = text;
        const inserted: string[] = [];
        for (const [i, line] of [...spots].sort((a, b) => starts[b[0] % starts.length] - starts[a[0] % starts.length])) {
          const at = starts[i % starts.length];
          const comment = line ? `// c${inserted.length}\n` : `/* c${inserted.length} */ `;
          withComments = withComments.slice(0, at) + comment + withComments.slice(at);
          inserted.push(comment.trim());
        }
        const out = formatQuery(withComments);
        if (out === null) return;
        const commentsOf = (t: string) =>
          scan(t)
            .filter((k) => k.kind === TokenKind.LineComment || k.kind === TokenKind.BlockComment)
            .map((k) => t.slice(k.start, k.end));
        expect(commentsOf(out)).toEqual(commentsOf(withComments));
        expect(stripRanges(parseQuery(out).ast)).toEqual(stripRanges(ast));
        expect(formatQuery(out)).toBe(out);
      }),
      { numRuns: 1000 },
    );
  });
});
