/**
 * The EQL syntax layer. Modules, lowest first:
 * - scanner.ts: tokens from char codes (never throws; errors are values on tokens)
 * - tokens.ts: the parser's token stream and lexical diagnostics
 * - cursor.ts, expression-parser.ts, parser.ts: recursive descent with recovery → ast.ts
 * - messages.ts: every syntax diagnostic's code and text, in one table
 * - printer.ts: AST → text (printQuery, printExpr), formatQuery keeping comments
 * - strip-ranges.ts: compare trees without positions
 */
export type * from './ast.ts';
export { MAX_DEPTH, parseQuery } from './parser.ts';
export { formatQuery, printExpr, printField, printLiteral, printQuery, quoteName, quoteString } from './printer.ts';
export { Messages, type MessageDef, type MessageKey } from './messages.ts';
export {
  createScanner,
  isKeyword,
  isKeywordKind,
  isPlainIdentifier,
  KEYWORD_NAMES,
  scan,
  ScanError,
  TokenKind,
  tokenKindName,
  type Scanner,
  type Token,
} from './scanner.ts';
export { stripRanges } from './strip-ranges.ts';
