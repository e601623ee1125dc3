/**
 * EQL language registration for Monaco: tokens, brackets, comments and themes. Language
 * knowledge (diagnostics, completion) comes from src/eql through the worker, not from here.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export const EQL_LANGUAGE_ID = 'eql';

const KEYWORDS = ['and', 'any', 'by', 'false', 'in', 'like', 'maxspan', 'not', 'null', 'of', 'or', 'regex', 'runs', 'sample', 'sequence', 'true', 'until', 'where', 'with'];

const tokens: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: KEYWORDS,
  tokenizer: {
    root: [
      [/\/\/.*$/, 'comment'],
      [/\/\*/, 'comment', '@comment'],
      [/"""/, 'string.raw', '@rawString'],
      [/"/, 'string', '@string'],
      [/'[^']*'?/, 'invalid'],
      [/`/, 'variable.quoted', '@quoted'],
      [/\d+(\.\d*)?([eE][+-]?\d+)?(ms|s|m|h|d)\b/, 'number.unit'],
      [/(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?/, 'number'],
      [/(like|regex|in)~/, 'keyword.operator'],
      [/[a-zA-Z_@][\w]*~(?=\s*\()/, 'function'],
      [/[a-zA-Z_@][\w]*(?=\s*\()/, 'function'],
      [/(\?)([a-zA-Z_@][\w]*(\.[a-zA-Z_@][\w]*)*)/, ['operator.optional', 'variable']],
      [/[a-zA-Z_@][\w]*(\.[a-zA-Z_@][\w]*)*/, { cases: { '@keywords': 'keyword', '@default': 'variable' } }],
      [/!\[/, 'delimiter.bracket.missing'],
      [/[[\]()]/, '@brackets'],
      [/==|!=|<=|>=|<|>|:|\+|-|\*|\/|%|=/, 'operator'],
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
  monaco.languages.setMonarchTokensProvider(EQL_LANGUAGE_ID, tokens);
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
