/**
 * KQL language registration for Monaco: tokens (Monarch) and the language configuration. The
 * words and character classes come from the KQL scanner's own tables, so highlighting cannot
 * drift from the parser. Diagnostics, completion and hover come from src/kql/service through
 * the language seam, not from here; registering those providers is the seam's job.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { KQL_KEYWORDS, KQL_SPECIAL_CHARACTERS } from '../kql/syntax/scanner.ts';

export const KQL_LANGUAGE_ID = 'kql';

/** KQL whitespace (the scanner's isKqlSpace): space, tab, CR, LF and the no-break space. */
export const KQL_WHITESPACE = ' \t\r\n\u00a0';

/** `chars` as the inside of a regex character class. */
function classOf(chars: string): string {
  return [...chars].map((c) => (c === '\u00a0' ? '\\u00a0' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : c === '\n' ? '\\n' : `\\${c}`)).join('');
}

/** A word in any case, as the scanner matches keywords: `and` → `[aA][nN][dD]`. */
function anyCase(word: string): string {
  return [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
}

const SPACE = `[${classOf(KQL_WHITESPACE)}]`;
const SPECIAL = classOf(KQL_SPECIAL_CHARACTERS);
/** The escapes an unquoted literal accepts (the scanner's unquotedEscapeLength). */
const UNQUOTED_ESCAPE = `\\\\(?:[trn]|[${SPECIAL}]|u[0-9a-fA-F]{4}|${KQL_KEYWORDS.map(anyCase).join('|')})`;
/**
 * A word of `chars` that, as the scanner's, ends before a `not` followed by whitespace (`cannot be`
 * is `can` + `not` + `be` to Kibana) except at its first character.
 */
function wordOf(chars: string): string {
  const notAhead = `(?!${anyCase('not')}(?:${SPACE}|$))`;
  return `(?:${chars})(?:${notAhead}(?:${chars}))*`;
}

/** One unquoted literal, wildcards and escapes included, as a field name is written. */
const FIELD_WORD = wordOf(`\\\\.|[^${classOf(KQL_WHITESPACE)}${SPECIAL.replace('\\*', '')}]`);
const BEFORE_OPERATOR = `(?=[${classOf(' \t\u00a0')}]*[:<>])`;
const BINARY = KQL_KEYWORDS.filter((k) => k !== 'not')
  .map(anyCase)
  .join('|');
const END = `(?=${SPACE}|[${SPECIAL}]|$)`;

// Rules whose action is an array need exactly one capturing group per action (Monaco throws
// otherwise), so every group here is non-capturing.
export const KQL_MONARCH: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: [...KQL_KEYWORDS],
  tokenizer: {
    root: [
      // Keywords in any case, with the scanner's whitespace rules: `and`/`or` between whitespace
      // (a line start counts: a newline came before it), `not` before whitespace (`not:x` is a field).
      [new RegExp(`(${SPACE}+)(${BINARY})(?=${SPACE}|$)`), ['white', 'keyword']],
      [new RegExp(`^(?:${BINARY})(?=${SPACE}|$)`), 'keyword'],
      [new RegExp(`${anyCase('not')}(?=${SPACE}|$)`), 'keyword'],
      [new RegExp(`${SPACE}+`), 'white'],
      // A name before `:` or a range operator is a field (quoted or with `*` patterns).
      [new RegExp(`"(?:[^"\\\\]|\\\\.)*"${BEFORE_OPERATOR}`), 'variable.quoted'],
      [new RegExp(`${FIELD_WORD}${BEFORE_OPERATOR}`), 'variable'],
      [new RegExp(`[+-]?(?:\\d+\\.?\\d*|\\.\\d+)${END}`), 'number'],
      [/"/, 'string', '@string'],
      [/[(){}]/, '@brackets'],
      [/[<>]=?/, 'operator'],
      [/:/, 'operator'],
      [/\*/, 'keyword.operator.wildcard'],
      [new RegExp(UNQUOTED_ESCAPE), 'string.escape'],
      [/\\.?/, 'invalid'],
      [new RegExp(wordOf(`[^${classOf(KQL_WHITESPACE)}${SPECIAL}]`)), 'string.unquoted'],
    ],
    // Inside quotes only \" \\ \t \r \n \uXXXX are escapes; any other backslash is a backslash.
    string: [
      [/\\(?:["\\trn]|u[0-9a-fA-F]{4})/, 'string.escape'],
      [/[^"\\]+/, 'string'],
      [/\\/, 'string'],
      [/"/, 'string', '@pop'],
    ],
  },
};

export const KQL_CONFIGURATION: Monaco.languages.LanguageConfiguration = {
  brackets: [
    ['(', ')'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '{', close: '}' },
    { open: '"', close: '"', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '{', close: '}' },
    { open: '"', close: '"' },
  ],
  // A field path or a value: what double-click selects and completion replaces.
  wordPattern: /[^\s\\():<>"{}]+/,
};

/** Registers the language id, its tokens and its configuration (no providers: see the seam). */
export function registerKqlLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === KQL_LANGUAGE_ID)) return;
  monaco.languages.register({ id: KQL_LANGUAGE_ID, extensions: ['.kql'], aliases: ['KQL', 'kuery'] });
  monaco.languages.setMonarchTokensProvider(KQL_LANGUAGE_ID, KQL_MONARCH);
  monaco.languages.setLanguageConfiguration(KQL_LANGUAGE_ID, KQL_CONFIGURATION);
}
