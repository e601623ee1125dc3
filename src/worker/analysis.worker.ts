/// <reference lib="webworker" />
/**
 * Worker entry. Messages are queued and drained on the next task, so a burst of edits runs only
 * the newest request per key; the older ones are answered as superseded, and a request cancelled
 * before it runs is answered as cancelled (each request then runs to its end: they are short).
 */
import { handleRequest } from './handlers.ts';
import type { AnalysisMessage, AnalysisReply } from './protocol.ts';

type Request = Extract<AnalysisMessage, { type: 'request' }>;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue: Request[] = [];
const cancelled = new Set<number>();
let scheduled = false;

function reply(message: AnalysisReply): void {
  scope.postMessage(message);
}

function drain(): void {
  scheduled = false;
  const newestByKey = new Map<string, Request>();
  for (const message of queue.splice(0)) {
    const older = newestByKey.get(message.key);
    if (older) reply({ id: older.id, type: 'failed', reason: 'superseded' });
    newestByKey.set(message.key, message);
  }
  for (const { id, request } of newestByKey.values()) {
    if (cancelled.delete(id)) {
      reply({ id, type: 'failed', reason: 'cancelled' });
      continue;
    }
    try {
      reply({ id, type: 'done', response: handleRequest(request) });
    } catch (err) {
      reply({ id, type: 'failed', reason: 'error', error: err instanceof Error ? err.message : String(err) });
    }
  }
  cancelled.clear(); // Cancels of requests that already ran.
}

scope.addEventListener('message', (event: MessageEvent<AnalysisMessage>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  queue.push(message);
  if (!scheduled) {
    scheduled = true;
    setTimeout(drain, 0);
  }
});
