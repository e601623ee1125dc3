/**
 * TOML highlighting for the raw view: a Monarch grammar (tokens only — the rule layer does the
 * real parsing and reports problems as markers).
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export const TOML_LANGUAGE_ID = 'toml';

export function registerToml(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === TOML_LANGUAGE_ID)) return;
  monaco.languages.register({ id: TOML_LANGUAGE_ID, extensions: ['.toml'] });
  monaco.languages.setLanguageConfiguration(TOML_LANGUAGE_ID, {
    comments: { lineComment: '#' },
    brackets: [
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '"', close: '"', notIn: ['string'] },
    ],
  });
  monaco.languages.setMonarchTokensProvider(TOML_LANGUAGE_ID, {
    defaultToken: '',
    tokenizer: {
      root: [
        [/^\s*\[\[[^\]]*\]\]/, 'type'],
        [/^\s*\[[^\]]*\]/, 'type'],
        [/#.*$/, 'comment'],
        [/^\s*[A-Za-z0-9_.-]+(?=\s*=)/, 'key'],
        [/"""/, 'string', '@basicMultiline'],
        [/'''/, 'string', '@literalMultiline'],
        [/"/, 'string', '@basic'],
        [/'[^']*'/, 'string'],
        [/\b(true|false)\b/, 'keyword'],
        [/\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:\d{2})?/, 'number'],
        [/[+-]?(\d[\d_]*)(\.\d+)?([eE][+-]?\d+)?/, 'number'],
        [/[[\]{},=]/, 'delimiter'],
      ],
      basic: [
        [/[^"\\]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, 'string', '@pop'],
      ],
      basicMultiline: [
        [/[^"\\]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"""/, 'string', '@pop'],
        [/"/, 'string'],
      ],
      literalMultiline: [
        [/[^']+/, 'string'],
        [/'''/, 'string', '@pop'],
        [/'/, 'string'],
      ],
    },
  });
}
