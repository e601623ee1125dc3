import { describe, expect, it } from 'vitest';
import { eventSummary, matchHeading, matchStatus, queryErrorCount } from './match-summary.ts';

describe('matchStatus', () => {
  it('begins with the count and uses the right noun', () => {
    expect(
      matchStatus({
        kind: 'events',
        matches: [
          { events: [0], joinKeys: [] },
          { events: [2], joinKeys: [] },
          { events: [3], joinKeys: [] },
        ],
        diagnostics: [],
      }),
    ).toBe('3 events matched');
    expect(matchStatus({ kind: 'sequences', matches: [{ events: [0, 1], joinKeys: ['h'] }], diagnostics: [] })).toBe('1 sequence matched');
    expect(matchStatus({ kind: 'samples', matches: [{ events: [0, 1], joinKeys: ['h'] }], diagnostics: [] })).toBe('1 sample matched');
  });

  it('says "No matches" when nothing matched or nothing ran', () => {
    expect(matchStatus({ kind: 'events', matches: [], diagnostics: [] })).toBe('No matches');
    expect(matchStatus(null)).toBe('No matches');
  });

  it('says "No matches" and why when the query has errors (of any kind), whatever the result holds', () => {
    const result = { kind: 'events' as const, matches: [{ events: [0], joinKeys: [] }], diagnostics: [] };
    expect(matchStatus(result, 1, 2)).toBe('No matches — the query has 2 errors');
    expect(matchStatus(null, 0, 1)).toBe('No matches — the query has 1 error');
    const diagnostics = [
      { severity: 'error' as const, code: 'eql/unknown-field', source: 'schema' as const, message: 'Unknown column [process.nme]' },
      { severity: 'warning' as const, code: 'eql/lint', source: 'lint' as const, message: 'w' },
      { severity: 'error' as const, code: 'eql/type-mismatch', source: 'schema' as const, message: 'Cannot compare' },
    ];
    expect(queryErrorCount({ kind: 'events', matches: [], diagnostics })).toBe(2);
  });

  it('counts matches beyond those sent to the page', () => {
    expect(matchStatus({ kind: 'events', matches: [{ events: [0], joinKeys: [] }], diagnostics: [] }, 12345)).toBe('12,345 events matched');
  });
});

// DESIGN.md "Contract for end-to-end tests": the status begins with the count; a KQL rule type
// names its matches (issue 18: groups with counts; new terms; event ↔ indicator pairs).
describe('matchStatus of a rule type', () => {
  const m = { events: [0], joinKeys: [] };
  it('counts threshold groups, new terms and indicator matches', () => {
    expect(matchStatus({ kind: 'threshold', matches: [m, m], diagnostics: [] })).toBe('2 threshold groups matched');
    expect(matchStatus({ kind: 'new_terms', matches: [m], diagnostics: [] })).toBe('1 new term matched');
    expect(matchStatus({ kind: 'threat_match', matches: [m, m], diagnostics: [] })).toBe('2 indicator matches');
    expect(matchStatus({ kind: 'threat_match', matches: [m], diagnostics: [] })).toBe('1 indicator match');
    expect(matchStatus({ kind: 'threshold', matches: [], diagnostics: [] })).toBe('No matches');
  });

  it('says the rule has errors when an error names a rule field other than the query', () => {
    const diagnostics = [{ severity: 'error' as const, code: 'preview/threshold', source: 'schema' as const, message: 'm', path: 'rule.threshold' }];
    expect(matchStatus({ kind: 'threshold', matches: [], diagnostics }, 0, 1)).toBe('No matches — the rule has 1 error');
  });
});

describe('matchHeading', () => {
  it('names a threshold group by its values and count, a new term by its values, a pair by its sides', () => {
    expect(matchHeading('threshold', { events: [0, 2], joinKeys: ['a'], count: 2 }, 0, ['host.name'])).toEqual({
      label: 'Threshold group 1',
      detail: 'host.name = a — 2 events',
    });
    expect(matchHeading('new_terms', { events: [4], joinKeys: ['bob'] }, 1, ['user.name'])).toEqual({
      label: 'New term 2',
      detail: 'user.name = bob — first seen in event #4',
    });
    const pair = { events: [1, 0], joinKeys: ['10.1.1.1'], indicator: 0, keyNames: ['destination.ip ↔ threat.indicator.ip'] };
    expect(matchHeading('threat_match', pair, 0, [])).toEqual({
      label: 'Indicator match 1',
      detail: 'event #1 ↔ indicator #0: destination.ip ↔ threat.indicator.ip = 10.1.1.1',
    });
    expect(matchHeading('sequences', { events: [0, 1], joinKeys: ['h'] }, 0, ['host.id'])).toEqual({ label: 'Sequence 1', detail: 'join key: host.id = h' });
  });
});

describe('eventSummary', () => {
  it('shows the telling fields of an event, nested or dotted', () => {
    expect(eventSummary({ 'event.category': ['process'], process: { name: 'bash' } })).toBe('event.category=process  process.name=bash');
  });
});
