import { describe, expect, it } from 'vitest';
import { clausesOf } from './highlight.ts';
import { compileQuery, explainEvent } from '../eql/run/index.ts';
import { parseQuery } from '../eql/syntax/parser.ts';

describe('clausesOf', () => {
  it('lists truth-valued clauses with depth and text, leaving out plain values', () => {
    const q = 'process where process.name == "sh" and process.pid > 1';
    const compiled = compileQuery(parseQuery(q).ast);
    const clauses = clausesOf(explainEvent(compiled, { event: { category: 'process' }, process: { name: 'sh' } }), q);
    const byText = Object.fromEntries(clauses.map((c) => [c.text, [c.truth, c.depth]]));
    expect(byText['process.name == "sh"']).toEqual([true, 2]);
    expect(byText['process.pid > 1']).toEqual([null, 2]);
    expect(byText.process).toEqual([true, 1]);
    expect(byText['"sh"']).toBeUndefined();
  });
});
