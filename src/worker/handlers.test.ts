import { afterEach, describe, expect, it } from 'vitest';
import { checkQuery } from '../eql/check/index.ts';
import type { CompletionItem, QueryContext, QueryLanguage } from '../languages/language.ts';
import { registerLanguage } from '../languages/registry.ts';
import { unavailableLanguage } from '../languages/unavailable.ts';
import { handleRequest } from './handlers.ts';

/** A second language that records what it was asked: the seam's proof that the worker knows no language. */
function fakeLanguage(calls: string[]): QueryLanguage {
  const base = unavailableLanguage('esql');
  const item: CompletionItem = { label: 'FROM', kind: 'keyword', insertText: 'FROM ', range: { start: 0, end: 0 }, sortText: '0' };
  return {
    ...base,
    service: {
      id: 'esql',
      check: (text, context: QueryContext) => {
        calls.push(`check ${text} ${context.indexPatterns?.join(',')}`);
        return [{ severity: 'warning', code: 'esql/fake', source: 'lint', message: 'fake', range: { start: 0, end: 1 } }];
      },
      complete: (text, offset) => {
        calls.push(`complete ${text}@${offset}`);
        return [item];
      },
      hover: (_text, offset) => ({ range: { start: offset, end: offset + 1 }, markdown: 'fake hover' }),
      signature: () => null,
      format: (text) => text.toUpperCase(),
    },
  };
}

let unregister: (() => void) | null = null;
afterEach(() => {
  unregister?.();
  unregister = null;
});

describe('analysis worker handlers', () => {
  it("answer a registered language's requests through its service, by the id the request carries", () => {
    const calls: string[] = [];
    unregister = registerLanguage(fakeLanguage(calls));
    const context = { indexPatterns: ['logs-*'] };
    const check = handleRequest({ kind: 'check', language: 'esql', query: 'FROM x', context });
    expect(check).toMatchObject({ kind: 'check', diagnostics: [{ code: 'esql/fake' }] });
    const complete = handleRequest({ kind: 'complete', language: 'esql', query: 'FR', offset: 2, context });
    expect(complete).toMatchObject({ kind: 'complete', items: [{ label: 'FROM' }] });
    expect(handleRequest({ kind: 'hover', language: 'esql', query: 'FROM', offset: 1, context })).toMatchObject({ hover: { markdown: 'fake hover' } });
    expect(handleRequest({ kind: 'format', language: 'esql', query: 'from x' })).toEqual({ kind: 'format', text: 'FROM X' });
    expect(calls).toEqual(['check FROM x logs-*', 'complete FR@2']);
  });

  it('answer EQL (and a request without a language) with the EQL service', () => {
    const query = 'process where process.nme == 1';
    const expected = checkQuery(query, {}).diagnostics;
    expect(handleRequest({ kind: 'check', language: 'eql', query, context: {} })).toEqual({ kind: 'check', diagnostics: expected });
    expect(handleRequest({ kind: 'check', query, context: {} })).toEqual({ kind: 'check', diagnostics: expected });
  });

  it('answer a language without a service with one note and nothing else', () => {
    const check = handleRequest({ kind: 'check', language: 'esql', query: 'FROM x', context: {} });
    expect(check).toMatchObject({ kind: 'check', diagnostics: [{ severity: 'info', code: 'language/unavailable' }] });
    expect(handleRequest({ kind: 'complete', language: 'esql', query: 'FR', offset: 2, context: {} })).toEqual({ kind: 'complete', items: [] });
  });
});
