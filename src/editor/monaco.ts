/**
 * Monaco, bundled locally: the editor API plus the contributions an EQL editor uses. No language
 * bundles and no CDN; the one editor worker is built by Vite from the package.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/format/browser/formatActions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-codicons.css';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerEql } from './eql-language.ts';
import { registerToml } from './toml-language.ts';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

let setUp = false;

/**
 * What every editor needs — the editor worker and the EQL and TOML languages — registered once,
 * by the first editor that mounts (never as a side effect of importing this module).
 */
export function setUpMonaco(): void {
  if (setUp) return;
  setUp = true;
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  registerEql(monaco);
  registerToml(monaco);
}

export { monaco };
