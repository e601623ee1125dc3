/** The EQL syntax layer: scanner, parser, printer. See parser.ts for the recovery rules. */
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
