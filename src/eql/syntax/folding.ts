/**
 * Foldable regions of a query: bracketed sequence/sample stages, parenthesized groups and block
 * comments that span several lines. Offsets; the editor turns them into lines.
 */
import { scan, TokenKind } from './scanner.ts';
import type { TextRange } from './ast.ts';

export function foldingRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  const open: number[] = [];
  const spansLines = (start: number, end: number) => text.indexOf('\n', start) !== -1 && text.indexOf('\n', start) < end;
  for (const token of scan(text)) {
    switch (token.kind) {
      case TokenKind.LBracket:
      case TokenKind.BangBracket:
      case TokenKind.LParen:
        open.push(token.start);
        break;
      case TokenKind.RBracket:
      case TokenKind.RParen: {
        const start = open.pop();
        if (start !== undefined && spansLines(start, token.start)) ranges.push({ start, end: token.end });
        break;
      }
      case TokenKind.BlockComment:
        if (spansLines(token.start, token.end)) ranges.push({ start: token.start, end: token.end });
        break;
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}
