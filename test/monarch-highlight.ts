/**
 * Monaco's own Monarch runtime, run in Node: a language's grammar tokenizes text as the editor
 * would (an uncaught throw there stops highlighting in the page for the rest of the session).
 */
import { compile } from 'monaco-editor/editor/standalone/common/monarch/monarchCompile.js';
import { MonarchTokenizer } from 'monaco-editor/editor/standalone/common/monarch/monarchLexer.js';

type Grammar = Parameters<typeof compile>[1];

/** Each token's text and type (without the `.<language>` postfix), blanks left out. */
export function monarchHighlighter(languageId: string, grammar: Grammar): (text: string) => [string, string][] {
  const configuration = { getValue: () => 20_000, onDidChangeConfiguration: () => ({ dispose() {} }) };
  const tokenizer = new MonarchTokenizer({} as never, {} as never, languageId, compile(languageId, grammar), configuration as never);
  const postfix = new RegExp(`\\.${languageId}$`);
  return (text) => {
    const out: [string, string][] = [];
    let state = tokenizer.getInitialState();
    for (const line of text.split('\n')) {
      const { tokens, endState } = tokenizer.tokenize(line, true, state);
      state = endState;
      tokens.forEach((t, i) => {
        const piece = line.slice(t.offset, i + 1 < tokens.length ? tokens[i + 1].offset : line.length);
        if (piece.trim() !== '') out.push([piece.trim(), t.type.replace(postfix, '')]);
      });
    }
    return out;
  };
}
