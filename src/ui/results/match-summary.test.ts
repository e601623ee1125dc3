import { describe, expect, it } from 'vitest';
import { eventSummary, matchStatus } from './match-summary.ts';

describe('matchStatus', () => {
  it('begins with the count and uses the right noun', () => {
    expect(matchStatus({ kind: 'events', matches: [{ events: [0], joinKeys: [] }, { events: [2], joinKeys: [] }, { events: [3], joinKeys: [] }], diagnostics: [] })).toBe('3 events matched');
    expect(matchStatus({ kind: 'sequences', matches: [{ events: [0, 1], joinKeys: ['h'] }], diagnostics: [] })).toBe('1 sequence matched');
    expect(matchStatus({ kind: 'samples', matches: [{ events: [0, 1], joinKeys: ['h'] }], diagnostics: [] })).toBe('1 sample matched');
  });

  it('says "No matches" when nothing matched or nothing ran', () => {
    expect(matchStatus({ kind: 'events', matches: [], diagnostics: [] })).toBe('No matches');
    expect(matchStatus(null)).toBe('No matches');
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
