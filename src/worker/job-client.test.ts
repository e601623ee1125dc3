import { describe, expect, it } from 'vitest';
import { Cancelled, JobClient } from './job-client.ts';
import { Superseded, type WorkerLike } from './client.ts';
import type { JobMessage, JobReply } from './events-protocol.ts';

class FakeWorker implements WorkerLike {
  sent: JobMessage[] = [];
  private listener: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown): void {
    this.sent.push(message as JobMessage);
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    if (type === 'message') this.listener = listener as (event: MessageEvent) => void;
  }
  reply(message: JobReply): void {
    this.listener?.({ data: message } as MessageEvent);
  }
}

const run = { kind: 'run-tests' as const, data: {}, cases: [] };

describe('JobClient', () => {
  it('resolves the newest request per key and rejects the older as superseded', async () => {
    const worker = new FakeWorker();
    const client = new JobClient(worker);
    const first = client.request('tests', run);
    const second = client.request('tests', run);
    await expect(first).rejects.toBeInstanceOf(Superseded);
    worker.reply({ id: 2, type: 'done', response: { kind: 'run-tests', outcomes: [] } });
    await expect(second).resolves.toEqual({ kind: 'run-tests', outcomes: [] });
  });

  it('reports progress and cancels', async () => {
    const worker = new FakeWorker();
    const client = new JobClient(worker);
    const progress: number[] = [];
    const loading = client.request('load', { kind: 'load-events', eventsKey: 'k', source: 'x' }, (p) => progress.push(p.done));
    worker.reply({ id: 1, type: 'progress', progress: { done: 5, total: 10, events: 2 } });
    client.cancel('load');
    await expect(loading).rejects.toBeInstanceOf(Cancelled);
    expect(progress).toEqual([5]);
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: 1 });
    // A late answer for the cancelled request is ignored.
    worker.reply({ id: 1, type: 'failed', reason: 'cancelled' });
  });

  it('turns worker errors into rejections', async () => {
    const worker = new FakeWorker();
    const client = new JobClient(worker);
    const p = client.request('tests', run);
    worker.reply({ id: 1, type: 'failed', reason: 'error', error: 'events k are not loaded' });
    await expect(p).rejects.toThrow('events k are not loaded');
  });
});
