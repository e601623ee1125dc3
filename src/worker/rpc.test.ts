import { describe, expect, it } from 'vitest';
import { Cancelled, RpcClient, type RpcMessage, type RpcReply, Superseded, type WorkerLike } from './rpc.ts';

type Req = { kind: 'echo'; text: string } | { kind: 'count'; n: number };
type Res = { kind: 'echo'; text: string } | { kind: 'count'; total: number };

class FakeWorker implements WorkerLike {
  sent: RpcMessage<Req>[] = [];
  private listeners = new Map<string, (event: never) => void>();
  postMessage(message: unknown): void {
    this.sent.push(message as RpcMessage<Req>);
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.listeners.set(type, listener);
  }
  reply(message: RpcReply<Res, number>): void {
    this.listeners.get('message')?.({ data: message } as never);
  }
  fail(message: string): void {
    this.listeners.get('error')?.({ message } as never);
  }
}

describe('RpcClient', () => {
  it('types each answer by the kind of its request', async () => {
    const worker = new FakeWorker();
    const client = new RpcClient<Req, Res, number>(worker);
    const count = client.request('c', { kind: 'count', n: 3 });
    worker.reply({ id: 1, type: 'done', response: { kind: 'count', total: 3 } });
    const answer = await count;
    expect(answer.total).toBe(3);
  });

  it('supersedes by key, cancels by key, and forgets a cancelled or superseded request', async () => {
    const worker = new FakeWorker();
    const client = new RpcClient<Req, Res, number>(worker);
    const older = client.request('k', { kind: 'echo', text: 'a' });
    const newer = client.request('k', { kind: 'echo', text: 'b' });
    await expect(older).rejects.toBeInstanceOf(Superseded);
    client.cancel('k');
    await expect(newer).rejects.toBeInstanceOf(Cancelled);
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', id: 2 });
    // Nothing runs under the key any more: cancelling again sends nothing; late answers are ignored.
    client.cancel('k');
    expect(worker.sent).toHaveLength(3);
    worker.reply({ id: 2, type: 'done', response: { kind: 'echo', text: 'b' } });
  });

  it('passes progress to the request it belongs to', async () => {
    const worker = new FakeWorker();
    const client = new RpcClient<Req, Res, number>(worker);
    const seen: number[] = [];
    const job = client.request('k', { kind: 'count', n: 2 }, (p) => seen.push(p));
    worker.reply({ id: 1, type: 'progress', progress: 1 });
    worker.reply({ id: 7, type: 'progress', progress: 99 });
    worker.reply({ id: 1, type: 'done', response: { kind: 'count', total: 2 } });
    await job;
    expect(seen).toEqual([1]);
  });

  it('rejects every pending request when the worker fails', async () => {
    const worker = new FakeWorker();
    const client = new RpcClient<Req, Res, number>(worker);
    const a = client.request('a', { kind: 'echo', text: 'a' });
    const b = client.request('b', { kind: 'echo', text: 'b' });
    worker.fail('script error');
    await expect(a).rejects.toThrow('script error');
    await expect(b).rejects.toThrow('script error');
  });
});
