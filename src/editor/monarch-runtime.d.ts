/**
 * Types for the parts of Monaco's Monarch runtime the highlighter test drives in Node (the
 * package ships them as plain JavaScript). Only what the test calls is declared.
 */
declare module 'monaco-editor/editor/standalone/common/monarch/monarchCompile.js' {
  import type * as Monaco from 'monaco-editor/editor/editor.api';
  export function compile(languageId: string, json: Monaco.languages.IMonarchLanguage): unknown;
}

declare module 'monaco-editor/editor/standalone/common/monarch/monarchLexer.js' {
  import type * as Monaco from 'monaco-editor/editor/editor.api';
  export class MonarchTokenizer {
    constructor(languageService: unknown, themeService: unknown, languageId: string, lexer: unknown, configurationService: unknown);
    getInitialState(): Monaco.languages.IState;
    tokenize(line: string, hasEOL: boolean, state: Monaco.languages.IState): { tokens: Monaco.Token[]; endState: Monaco.languages.IState };
  }
}
