import { describe, expect, it } from 'vitest';
import { checkKql, completeKql, formatKql, hoverKql, kqlValueFieldAt } from '../kql/service/index.ts';
import { KQL_INFO } from './kql-info.ts';
import type { ExplainNode } from './language.ts';
import { kqlFieldReferences } from './kql.ts';
import { parseKql } from '../kql/syntax/parser.ts';
import { languageInfoFor } from './infos.ts';
import { languageFor } from './registry.ts';

const context = { indexPatterns: ['logs-endpoint.events.*'], seenFields: ['process.name'] };
const settings = { timestampField: '@timestamp', eventCategoryField: 'event.category', schema: { indexPatterns: ['logs-endpoint.events.*'] } };

describe('KQL through the registry', () => {
  const { service, evaluator } = languageFor('kuery');

  it('is the rule language `kuery`, named KQL on the page', () => {
    expect(languageInfoFor('kuery')).toBe(KQL_INFO);
    expect(KQL_INFO.label).toBe('KQL');
  });

  it('checks, completes, hovers and formats as the KQL service does', () => {
    const query = 'process.name : bash and not process.pid > 10 or host.name:(a or b)';
    for (const text of [query, 'process.name : (', 'process.nme : x', '']) expect(service.check(text, context)).toEqual(checkKql(text, context));
    for (let offset = 0; offset <= query.length; offset += 5) {
      expect(service.complete(query, offset, context)).toEqual(completeKql(query, offset, context));
      expect(service.hover(query, offset, context)).toEqual(hoverKql(query, offset, context));
    }
    expect(service.format(query)).toBe(formatKql(query));
  });

  it('knows where a value is written, for the sample values completion offers', () => {
    expect(KQL_INFO.valueFieldAt('process.name : ', 15)).toBe('process.name');
    expect(KQL_INFO.valueFieldAt('process.pid > ', 14)).toBe('process.pid');
    expect(KQL_INFO.valueFieldAt('host.name:(a or ', 16)).toBe('host.name');
    expect(KQL_INFO.valueFieldAt('process.name', 12)).toBeUndefined();
  });

  it('reads the value slot with the function completion uses (one reading, cannot drift)', () => {
    expect(KQL_INFO.valueFieldAt).toBe(kqlValueFieldAt);
    // Wherever completion offers the field's sample values, the page fetched that field's values.
    const sampleValues = [{ field: 'process.name', eventsWithField: 1, distinct: 1, values: [{ value: 'sample-only', count: 1 }] }];
    const query = 'process.name : x and (process.name:(a or b) or host.name : y) and process.name > c';
    for (let offset = 0; offset <= query.length; offset++) {
      const offersSample = completeKql(query, offset, { ...context, sampleValues }).some((i) => i.label === 'sample-only');
      expect(offersSample, `offset ${offset}`).toBe(KQL_INFO.valueFieldAt(query, offset) === 'process.name');
    }
  });

  it('says what a condition is in KQL for the Near misses help (EQL says its own)', () => {
    expect(KQL_INFO.nearMissConditions).toMatch(/^field: value/);
    expect(KQL_INFO.nearMissConditions).not.toMatch(/like|regex|sequence/);
    expect(languageInfoFor('eql').nearMissConditions).toMatch(/like, regex, in/);
  });

  it('lists the named fields a query reads, nested paths joined, free text left out', () => {
    const refs = kqlFieldReferences(parseKql('a : 1 and user:{ name : x } and free and b > 2').node);
    expect(refs.map((r) => r.name)).toEqual(['a', 'user.name', 'b']);
  });

  // Semantics: https://www.elastic.co/guide/en/kibana/current/kuery-query.html — `field:value`
  // on a keyword field is an exact term; `*` in a value is a wildcard; `not` negates; ranges compare.
  const events = [
    { '@timestamp': '2024-01-01T00:00:00Z', process: { name: 'bash', pid: 5 } },
    { '@timestamp': '2024-01-01T00:00:01Z', process: { name: 'bash', pid: 50 } },
    { '@timestamp': '2024-01-01T00:00:02Z', process: { name: 'Bash', pid: 7 } },
    { '@timestamp': '2024-01-01T00:00:03Z', process: { name: 'zsh', pid: 8 } },
  ];

  it('runs the query over events: the indices of the matching events, in input order', () => {
    const ids = (text: string) =>
      evaluator
        .compile(text, settings)
        .run(events)
        .matches.map((m) => m.events[0]);
    expect(ids('process.name : bash')).toEqual([0, 1]);
    expect(ids('process.name : z*')).toEqual([3]);
    expect(ids('process.name : bash and not process.pid > 10')).toEqual([0]);
    const compiled = evaluator.compile('process.name : bash', settings);
    expect(compiled.resultKind).toBe('events');
    expect(compiled.fieldReferences.map((r) => r.name)).toEqual(['process.name']);
    expect(compiled.explain(events, 2)?.truth).toBe(false);
  });

  it('labels each Why leaf with the KQL the user wrote, not its DSL', () => {
    const labels = (node: ExplainNode | null): string[] => (!node ? [] : node.kind === 'leaf' ? [node.label] : node.children.flatMap(labels));
    const text = 'process.name : bash   and\n  not process.pid >   10 and process.name:(sh or "z  sh")';
    expect(labels(evaluator.compile(text, settings).explain(events, 0))).toEqual([
      'process.name : bash',
      'process.pid > 10',
      'process.name: sh',
      'process.name: "z  sh"',
    ]);
  });

  // Our schemas do not know nested objects, so "not a nested field" is a guess: a warning, as the rule
  // preview and the CLI read it (rule/preview/kql-rule.ts), and the query runs.
  it('runs a nested query the schema cannot confirm, with the same warning as the rule preview', () => {
    const compiled = evaluator.compile('threat.enrichments:{ indicator.ip : "1.2.3.4" }', settings);
    expect(compiled.runs).toBe(true);
    expect(compiled.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning kql/nested-field']);
    const withIndicator = [{ '@timestamp': '2024-01-01T00:00:00Z', threat: { enrichments: [{ indicator: { ip: '1.2.3.4' } }] } }];
    expect(compiled.run(withIndicator).matches).toEqual([{ events: [0], joinKeys: [] }]);
  });

  it('does not run a query with a syntax error, and its result says why', () => {
    const compiled = evaluator.compile('process.name : (bash', settings);
    expect(compiled.runs).toBe(false);
    const result = compiled.run(events);
    expect(result.matches).toEqual([]);
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  // Given the rule (settings.rule), a run is the rule's run: previewKqlRule's answer, the CLI's
  // (threshold as Kibana runs it: https://www.elastic.co/guide/en/security/current/rules-ui-create.html#create-threshold-rule).
  it('runs the rule type when given the rule: a threshold gives groups named by threshold.field', () => {
    const rule = { metadata: {}, rule: { type: 'threshold', from: 'now-9m', threshold: { field: ['process.name'], value: 2 } } };
    const compiled = evaluator.compile('process.pid > 0', { ...settings, rule });
    expect(compiled.resultKind).toBe('threshold');
    expect(compiled.joinKeyNames).toEqual(['process.name']);
    const result = compiled.run(events);
    expect(result.kind).toBe('threshold');
    expect(result.matches).toEqual([{ events: [0, 1], joinKeys: ['bash'], count: 2 }]);
    // The query's own "Why" is unchanged by the rule type.
    expect(compiled.explain(events, 3)?.truth).toBe(true);
  });
});
