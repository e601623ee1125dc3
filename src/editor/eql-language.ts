/**
 * EQL language registration for Monaco: tokens, brackets, comments and themes. Language
 * knowledge (diagnostics, completion) comes from src/eql through the worker, not from here.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { CASE_INSENSITIVE_KEYWORD_NAMES, KEYWORD_NAMES, OPERATOR_SPELLINGS } from '../eql/syntax/scanner.ts';
import { TIME_UNIT_MILLIS } from '../eql/syntax/time-units.ts';

export const EQL_LANGUAGE_ID = 'eql';

/** Alternation of literal spellings, longest first so `==` wins over `=`. */
function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|');
}

// The words come from the scanner's own tables, so highlighting cannot drift from the parser.
// Rules whose action is an array need exactly one capturing group per action: Monaco throws
// at run time otherwise, so inner groups are non-capturing.
const NAME = '[a-zA-Z_@][\\w]*';
const DOTTED = `${NAME}(?:\\.${NAME})*`;
const UNITS = alternation(Object.keys(TIME_UNIT_MILLIS));

export const EQL_MONARCH: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: [...KEYWORD_NAMES],
  tokenizer: {
    root: [
      [/\/\/.*$/, 'comment'],
      [/\/\*/, 'comment', '@comment'],
      [/"""/, 'string.raw', '@rawString'],
      [/"/, 'string', '@string'],
      [/'[^']*'?/, 'invalid'],
      [/`/, 'variable.quoted', '@quoted'],
      [new RegExp(`\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?(?:${UNITS})\\b`), 'number.unit'],
      [/(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?/, 'number'],
      [new RegExp(`(?:${alternation(CASE_INSENSITIVE_KEYWORD_NAMES)})~`), 'keyword.operator'],
      [new RegExp(`${NAME}~(?=\\s*\\()`), 'function'],
      [new RegExp(`${NAME}(?=\\s*\\()`), 'function'],
      [new RegExp(`(\\?)(${DOTTED})`), ['operator.optional', 'variable']],
      [new RegExp(DOTTED), { cases: { '@keywords': 'keyword', '@default': 'variable' } }],
      [/!\[/, 'delimiter.bracket.missing'],
      [/[[\]()]/, '@brackets'],
      [new RegExp(alternation(OPERATOR_SPELLINGS)), 'operator'],
      [/\|/, 'delimiter.pipe'],
      [/[,.]/, 'delimiter'],
    ],
    comment: [
      [/\/\*/, 'comment', '@push'],
      [/\*\//, 'comment', '@pop'],
      [/[^/*]+/, 'comment'],
      [/[/*]/, 'comment'],
    ],
    string: [
      [/\\u\{[0-9a-fA-F]{2,8}\}|\\[nrt\\"]/, 'string.escape'],
      [/\\./, 'invalid'],
      [/[^\\"]+/, 'string'],
      [/"/, 'string', '@pop'],
    ],
    rawString: [
      [/"""/, 'string.raw', '@pop'],
      [/[^"]+|"/, 'string.raw'],
    ],
    quoted: [
      [/``/, 'variable.quoted'],
      [/`/, 'variable.quoted', '@pop'],
      [/[^`]+/, 'variable.quoted'],
    ],
  },
};

const configuration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: '`', close: '`', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '"', close: '"' },
  ],
  wordPattern: /(\?)?[a-zA-Z_@][\w.]*|-?\d+(\.\d+)?/,
};

export function registerEql(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === EQL_LANGUAGE_ID)) return;
  monaco.languages.register({ id: EQL_LANGUAGE_ID, extensions: ['.eql'], aliases: ['EQL'] });
  monaco.languages.setMonarchTokensProvider(EQL_LANGUAGE_ID, EQL_MONARCH);
  monaco.languages.setLanguageConfiguration(EQL_LANGUAGE_ID, configuration);
  monaco.editor.defineTheme('rule-studio-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: 'c586c0', fontStyle: 'bold' },
      { token: 'keyword.operator', foreground: 'c586c0' },
      { token: 'variable', foreground: '9cdcfe' },
      { token: 'variable.quoted', foreground: '9cdcfe' },
      { token: 'operator.optional', foreground: 'd7ba7d' },
      { token: 'function', foreground: 'dcdcaa' },
      { token: 'string.raw', foreground: 'd69d85' },
      { token: 'number.unit', foreground: 'b5cea8', fontStyle: 'italic' },
      { token: 'delimiter.pipe', foreground: 'd4d4d4', fontStyle: 'bold' },
      { token: 'delimiter.bracket.missing', foreground: 'f48771', fontStyle: 'bold' },
    ],
    colors: {},
  });
  monaco.editor.defineTheme('rule-studio-light', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: 'af00db', fontStyle: 'bold' },
      { token: 'variable', foreground: '001080' },
      { token: 'function', foreground: '795e26' },
      { token: 'delimiter.bracket.missing', foreground: 'c72e0f', fontStyle: 'bold' },
    ],
    colors: {},
  });
}
