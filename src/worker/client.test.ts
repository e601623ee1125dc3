import { describe, expect, it } from 'vitest';
import { Superseded, WorkerClient, type WorkerLike } from './client.ts';
import type { AnalysisMessage, AnalysisReply } from './protocol.ts';

class FakeWorker implements WorkerLike {
  sent: Extract<AnalysisMessage, { type: 'request' }>[] = [];
  private listener: ((event: MessageEvent) => void) | null = null;
  postMessage(message: unknown) {
    this.sent.push(message as Extract<AnalysisMessage, { type: 'request' }>);
  }
  addEventListener(type: string, listener: (event: never) => void) {
    if (type === 'message') this.listener = listener as (event: MessageEvent) => void;
  }
  answer(reply: AnalysisReply) {
    this.listener?.({ data: reply } as MessageEvent);
  }
}

const analyze = (ruleText: string) => ({ kind: 'analyze' as const, ruleText });

describe('WorkerClient', () => {
  it('resolves a request with its response', async () => {
    const worker = new FakeWorker();
    const client = new WorkerClient(worker);
    const pending = client.request('a', analyze('x'));
    worker.answer({ id: worker.sent[0].id, type: 'done', response: { kind: 'analyze', ruleDiagnostics: [], queryDiagnostics: [] } });
    await expect(pending).resolves.toMatchObject({ kind: 'analyze' });
  });

  it('rejects an older request with the same key as superseded, and ignores its late answer', async () => {
    const worker = new FakeWorker();
    const client = new WorkerClient(worker);
    const older = client.request('a', analyze('1'));
    const newer = client.request('a', analyze('2'));
    await expect(older).rejects.toBeInstanceOf(Superseded);
    worker.answer({ id: worker.sent[0].id, type: 'done', response: { kind: 'analyze', ruleDiagnostics: [], queryDiagnostics: [] } });
    worker.answer({
      id: worker.sent[1].id,
      type: 'done',
      response: { kind: 'analyze', ruleDiagnostics: [{ severity: 'info', code: 'x', message: 'm', source: 'lint' }], queryDiagnostics: [] },
    });
    await expect(newer).resolves.toMatchObject({ ruleDiagnostics: [{ code: 'x' }] });
  });

  it('keeps requests with different keys independent', async () => {
    const worker = new FakeWorker();
    const client = new WorkerClient(worker);
    const a = client.request('a', analyze('1'));
    const b = client.request('b', analyze('2'));
    worker.answer({ id: worker.sent[1].id, type: 'failed', reason: 'error', error: 'boom' });
    worker.answer({ id: worker.sent[0].id, type: 'done', response: { kind: 'analyze', ruleDiagnostics: [], queryDiagnostics: [] } });
    await expect(b).rejects.toThrow('boom');
    await expect(a).resolves.toMatchObject({ kind: 'analyze' });
  });
});
