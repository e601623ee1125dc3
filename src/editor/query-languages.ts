/**
 * Registers a query language with Monaco, once per page and only when an editor first shows a
 * query in it: its tokens (each language's own file here, generated from its scanner's tables)
 * and its providers. A language without tokens yet gets a bare Monaco id, so its models exist.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { QueryLanguageInfo } from '../languages/language.ts';
import { registerEql } from './eql-language.ts';
import { registerKqlLanguage } from './kql-language.ts';
import { registerQueryProviders, type QueryService } from './providers.ts';

/** Each language's Monarch registration, by the seam's language id. */
const TOKENS: Record<string, (monaco: typeof Monaco) => void> = {
  eql: registerEql,
  kuery: registerKqlLanguage,
};

const registered = new Set<string>();

export function registerQueryLanguage(monaco: typeof Monaco, info: QueryLanguageInfo, service: () => QueryService): void {
  if (registered.has(info.id)) return;
  registered.add(info.id);
  const tokens = Object.hasOwn(TOKENS, info.id) ? TOKENS[info.id] : undefined;
  if (tokens) tokens(monaco);
  else if (!monaco.languages.getLanguages().some((l) => l.id === info.monacoId)) monaco.languages.register({ id: info.monacoId, aliases: [info.label] });
  registerQueryProviders(monaco, info, service());
}
