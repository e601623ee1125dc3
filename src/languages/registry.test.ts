import { describe, expect, it } from 'vitest';
import { checkQuery } from '../eql/check/index.ts';
import { completionsAt, hoverAt, signatureHelpAt } from '../eql/check/service.ts';
import { evaluate } from '../eql/run/index.ts';
import { foldingRanges } from '../eql/syntax/folding.ts';
import { formatQuery } from '../eql/syntax/printer.ts';
import { languageInfoFor } from './infos.ts';
import { languageFor, registerLanguage } from './registry.ts';
import { unavailableLanguage } from './unavailable.ts';

const context = { indexPatterns: ['logs-endpoint.events.*'], seenFields: ['process.name'] };
const query = 'sequence by host.id\n  [process where process.name == "bash" and length(process.args) > 1]\n  [network where destination.port == 443]';

describe('the EQL language through the registry', () => {
  const { service, evaluator } = languageFor('eql');

  it('is the language of a rule without a language field', () => {
    expect(languageFor(undefined)).toBe(languageFor('eql'));
    expect(languageInfoFor(undefined).label).toBe('EQL');
  });

  it('checks as checkQuery does', () => {
    for (const text of [query, 'process where process.nme == 1', 'process where (', '']) {
      expect(service.check(text, context)).toEqual(checkQuery(text, context).diagnostics);
    }
  });

  it('completes, hovers and gives signature help as the EQL service does', () => {
    for (let offset = 0; offset <= query.length; offset += 7) {
      expect(service.complete(query, offset, context)).toEqual(completionsAt(query, offset, context));
      expect(service.hover(query, offset, context)).toEqual(hoverAt(query, offset, context));
      expect(service.signature(query, offset)).toEqual(signatureHelpAt(query, offset));
    }
  });

  it('formats and folds as the printer and the folding scan do', () => {
    expect(service.format(query)).toBe(formatQuery(query));
    expect(service.format('process where (')).toBeNull();
    expect(languageInfoFor('eql').folding(query)).toEqual(foldingRanges(query));
  });

  it('runs as evaluate does, and a compiled query answers many runs', () => {
    const events = [
      { '@timestamp': 1, event: { category: 'process' }, host: { id: 'a' }, process: { name: 'bash', args: ['-c', 'x'] } },
      { '@timestamp': 2, event: { category: 'network' }, host: { id: 'a' }, destination: { port: 443 } },
      { '@timestamp': 3, event: { category: 'network' }, host: { id: 'b' }, destination: { port: 443 } },
    ];
    const settings = { timestampField: '@timestamp', eventCategoryField: 'event.category' };
    const compiled = evaluator.compile(query, settings);
    const direct = evaluate(query, events, settings);
    expect(compiled.run(events)).toEqual(direct);
    expect(compiled.run(events)).toEqual(direct);
    expect(compiled.run(events.slice(0, 2)).matches).toEqual(direct.matches);
    expect(compiled.resultKind).toBe('sequences');
    expect(compiled.joinKeyNames).toEqual(['host.id']);
    expect(compiled.fieldReferences.map((r) => r.name)).toEqual(['host.id', 'process.name', 'process.args', 'destination.port']);
    expect(compiled.explain(events, 1)?.label).toBe('sequence: the event fits stage 2');
  });

  it('does not run a query with errors, and says why', () => {
    const compiled = evaluator.compile('process where (', { timestampField: '@timestamp', eventCategoryField: 'event.category' });
    expect(compiled.runs).toBe(false);
    const result = compiled.run([{ event: { category: 'process' } }]);
    expect(result.matches).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(compiled.diagnostics.map((d) => d.code));
  });
});

describe('a language the studio cannot analyse yet', () => {
  it('answers nothing and says so once', () => {
    const { info, service, evaluator } = languageFor('esql');
    expect(info.label).toBe('ES|QL');
    expect(service.check('FROM logs', {}).map((d) => [d.severity, d.message])).toEqual([
      ['info', 'ES|QL checks are not available yet: the query is not checked.'],
    ]);
    expect(service.complete('FROM ', 5, {})).toEqual([]);
    expect(service.hover('FROM', 1, {})).toBeNull();
    expect(service.format('FROM logs')).toBeNull();
    const result = evaluator.compile('FROM logs', { timestampField: '@timestamp', eventCategoryField: 'event.category' }).run([{}]);
    expect(result.matches).toEqual([]);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });

  it('names a language value it does not know as written', () => {
    expect(languageFor('sigma').service.check('x', {})[0].message).toBe('sigma checks are not available yet: the query is not checked.');
  });

  it('is replaced by a registered language, and comes back when it is unregistered', () => {
    const fake = { ...unavailableLanguage('esql'), service: { ...unavailableLanguage('esql').service, check: () => [] } };
    const unregister = registerLanguage(fake);
    expect(languageFor('esql')).toBe(fake);
    unregister();
    expect(languageFor('esql').service.check('x', {})).toHaveLength(1);
  });
});
