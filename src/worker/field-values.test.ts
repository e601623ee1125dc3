import { describe, expect, it } from 'vitest';
import { EventStore, type JobContext } from './events-handlers.ts';
import { FIELD_VALUES_LIMIT, fieldValues } from './field-values.ts';
import { runJob } from './events-jobs.ts';

const ctx: JobContext = { progress: () => {}, stale: () => false, pause: async () => {} };

async function loaded(events: object[], key = 'k') {
  const store = new EventStore();
  await store.load({ kind: 'load-events', eventsKey: key, source: events.map((e) => JSON.stringify(e)).join('\n') }, ctx);
  return store.get(key);
}

describe('fieldValues (events worker)', () => {
  it('answers the top values of each field asked for, and reuses a table once computed', async () => {
    const events = Array.from({ length: 200 }, (_, i) => ({ process: { name: i % 4 === 0 ? 'bash' : `p${i}`, pid: i } }));
    const events0 = await loaded(events);
    const first = fieldValues(events0, { kind: 'field-values', eventsKey: 'k', fields: ['process.name', 'host.name'] });
    expect(first.eventsKey).toBe('k');
    expect(first.tables.map((t) => t.field)).toEqual(['process.name', 'host.name']);
    expect(first.tables[0].values[0]).toEqual({ value: 'bash', count: 50 });
    expect(first.tables[0].values).toHaveLength(FIELD_VALUES_LIMIT);
    expect(first.tables[0].distinct).toBe(151);
    expect(first.tables[1]).toEqual({ field: 'host.name', values: [], eventsWithField: 0, distinct: 0 });
    const again = fieldValues(events0, { kind: 'field-values', eventsKey: 'k', fields: ['process.name'] });
    expect(again.tables[0]).toBe(first.tables[0]);
  });

  it('is dispatched by the worker job runner', async () => {
    await runJob({ kind: 'load-events', eventsKey: 'jobs', source: '{"a":"x"}\n{"a":"x"}\n{"a":"y"}' }, ctx);
    const response = await runJob({ kind: 'field-values', eventsKey: 'jobs', fields: ['a'] }, ctx);
    expect(response).toMatchObject({
      kind: 'field-values',
      tables: [
        {
          field: 'a',
          values: [
            { value: 'x', count: 2 },
            { value: 'y', count: 1 },
          ],
        },
      ],
    });
  });
});
