/**
 * The parser's token stream: scans the whole text, reports lexical errors (with fixes where
 * certain), drops comments and unreadable characters, and turns the usual habits from other
 * languages (`&&`, `||`, `!`) into the EQL tokens they mean, so parsing carries on.
 */
import type { TextEdit, TextRange } from '../../diagnostic.ts';
import { Messages, type MessageDef } from './messages.ts';
import { createScanner, ScanError as ScanErrors, TokenKind as TokenKinds, type Token } from './scanner.ts';

// Module-local copies, as in parser.ts: some transpilers make imported bindings getters.
const TokenKind = TokenKinds;
const ScanError = ScanErrors;

export type LexicalReporter = (def: MessageDef, args: readonly (string | number)[], range: TextRange, fix?: { title: string; edits: TextEdit[] }) => void;

/** All tokens the parser reads, ending with EOF. Never throws. */
export function readTokens(text: string, report: LexicalReporter): Token[] {
  const scanner = createScanner(text);
  const out: Token[] = [];
  for (;;) {
    const t = scanner.next();
    if (t.error !== ScanError.None) reportScanError(text, t, report);
    if (t.kind === TokenKind.LineComment || t.kind === TokenKind.BlockComment) continue;
    if (t.kind === TokenKind.Unknown) {
      // `&&` is a common habit from other languages: read it as `and` after saying so.
      if (text.startsWith('&&', t.start) && t.end - t.start === 2) {
        out.push({ ...t, kind: TokenKind.And, error: ScanError.None });
      }
      continue;
    }
    if (t.kind === TokenKind.Bang) {
      report(Messages.bang, [], t, { title: 'Replace ! with not', edits: [{ range: span(t), text: 'not ' }] });
      out.push({ ...t, kind: TokenKind.Not });
      continue;
    }
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (t.kind === TokenKind.Pipe && last !== undefined && last.kind === TokenKind.Pipe && last.end === t.start) {
      // `||`: never valid EQL (a pipe needs a name), so it must mean `or`.
      report(
        Messages.symbolicLogical,
        ['or', '||'],
        { start: last.start, end: t.end },
        { title: 'Replace || with or', edits: [{ range: { start: last.start, end: t.end }, text: 'or' }] },
      );
      out[out.length - 1] = { ...last, kind: TokenKind.Or, end: t.end };
      continue;
    }
    out.push(t);
    if (t.kind === TokenKind.EOF) return out;
  }
}

function reportScanError(text: string, t: Token, report: LexicalReporter): void {
  const range = { start: t.errorStart, end: t.errorEnd };
  const raw = text.slice(range.start, range.end);
  switch (t.error) {
    case ScanError.UnterminatedString:
      report(Messages.unterminatedString, [], range);
      break;
    case ScanError.UnterminatedRawString:
      report(Messages.unterminatedRawString, [], range);
      break;
    case ScanError.UnterminatedQuotedIdentifier:
      report(Messages.unterminatedQuotedIdentifier, [], range);
      break;
    case ScanError.UnterminatedComment:
      report(Messages.unterminatedComment, [], range);
      break;
    case ScanError.InvalidEscape:
      report(Messages.invalidEscape, [raw], range);
      break;
    case ScanError.InvalidUnicodeEscape:
      report(Messages.invalidUnicodeEscape, [raw], range);
      break;
    case ScanError.SingleQuotedString: {
      const inner = text.slice(t.start + 1, t.end - 1);
      const fix = inner.includes('"') || inner.includes("\\'") ? undefined : { title: 'Use double quotes', edits: [{ range, text: `"${inner}"` }] };
      report(Messages.singleQuote, [], range, fix);
      break;
    }
    case ScanError.QuestionString: {
      const fix = t.value.includes('"""') ? undefined : { title: 'Use a raw string """…"""', edits: [{ range, text: `"""${t.value}"""` }] };
      report(Messages.questionString, [], range, fix);
      break;
    }
    case ScanError.NonAsciiIdentifier: {
      const name = text.slice(t.start, t.end);
      // Backquotes make a field name, not a function name or an event category.
      const after = text.slice(t.end, t.end + 40).trimStart();
      const fix =
        after.startsWith('(') || /^where\b/.test(after) ? undefined : { title: 'Backquote the name', edits: [{ range: span(t), text: '`' + name + '`' }] };
      report(Messages.unexpectedLetter, [raw, name], range, fix);
      break;
    }
    case ScanError.UnexpectedCharacter: {
      if (raw === '&&') {
        report(Messages.symbolicLogical, ['and', '&&'], range, { title: 'Replace && with and', edits: [{ range, text: 'and' }] });
      } else if (/^\s+$/u.test(raw)) {
        // Pasted text often carries non-breaking or other Unicode spaces, invisible in the editor.
        report(Messages.unexpectedSpace, [codePointName(raw)], range, { title: 'Use plain spaces', edits: [{ range, text: ' ' }] });
      } else {
        report(Messages.unexpectedCharacter, [raw.length > 20 ? raw.slice(0, 20) + '…' : raw], range);
      }
      break;
    }
  }
}

/** `U+00A0` for the first character of `text`. */
function codePointName(text: string): string {
  return 'U+' + (text.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

function span(t: TextRange): TextRange {
  return { start: t.start, end: t.end };
}
