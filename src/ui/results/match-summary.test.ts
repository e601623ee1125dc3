import { describe, expect, it } from 'vitest';
import { eventSummary, matchStatus, queryErrorCount } from './match-summary.ts';

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

describe('eventSummary', () => {
  it('shows the telling fields of an event, nested or dotted', () => {
    expect(eventSummary({ 'event.category': ['process'], process: { name: 'bash' } })).toBe('event.category=process  process.name=bash');
  });
});
