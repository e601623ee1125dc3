import { describe, expect, it } from 'vitest';
import type { FieldValueTable } from '../events/field-values.ts';
import type { JobClient } from '../worker/job-client.ts';
import { patchLoad } from './events.ts';
import { sampleValuesOf } from './sample-values.ts';

const table = (field: string): FieldValueTable => ({ field, values: [{ value: 'bash', count: 2 }], eventsWithField: 2, distinct: 1 });

/** An events worker that answers after `delayMs`, recording what it was asked. */
function fakeWorker(delayMs = 0) {
  const asked: { key: string; eventsKey: string; fields: string[] }[] = [];
  const jobs = {
    request(key: string, request: { eventsKey: string; fields: string[] }) {
      asked.push({ key, eventsKey: request.eventsKey, fields: request.fields });
      return new Promise((resolve) =>
        setTimeout(() => resolve({ kind: 'field-values', eventsKey: request.eventsKey, tables: request.fields.map(table) }), delayMs),
      );
    },
  } as unknown as JobClient;
  return { jobs, asked };
}

function loaded(eventsKey: string, eventCount = 2) {
  patchLoad({
    key: eventsKey,
    status: 'done',
    progress: null,
    error: null,
    response: { eventsKey, eventCount, format: 'ndjson', diagnostics: [], skipped: 0, size: 10, seenFields: [], millis: 1 },
  });
}

describe('sampleValuesOf', () => {
  it('asks nothing while no events are loaded', async () => {
    const { jobs, asked } = fakeWorker();
    patchLoad({ key: 'e0', status: 'reading', response: null });
    expect(await sampleValuesOf(jobs, 'process.name')).toBeUndefined();
    loaded('e0', 0);
    expect(await sampleValuesOf(jobs, 'process.name')).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('asks the events worker once per field and event set', async () => {
    const { jobs, asked } = fakeWorker();
    loaded('e1');
    expect(await sampleValuesOf(jobs, 'process.name')).toEqual(table('process.name'));
    expect(await sampleValuesOf(jobs, 'process.name')).toEqual(table('process.name'));
    expect(asked).toEqual([{ key: 'field-values:process.name', eventsKey: 'e1', fields: ['process.name'] }]);
    loaded('e2');
    await sampleValuesOf(jobs, 'process.name');
    expect(asked.map((a) => a.eventsKey)).toEqual(['e1', 'e2']);
  });

  it('does not keep completion waiting for a slow answer, and keeps the answer for next time', async () => {
    const { jobs, asked } = fakeWorker(80);
    loaded('e3');
    expect(await sampleValuesOf(jobs, 'host.name', 10)).toBeUndefined();
    // Asked again while the first request is still out: no second request.
    expect(await sampleValuesOf(jobs, 'host.name', 10)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await sampleValuesOf(jobs, 'host.name', 10)).toEqual(table('host.name'));
    expect(asked).toHaveLength(1);
  });
});
