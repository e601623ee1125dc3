/// <reference lib="webworker" />
/**
 * Worker entry. Messages are queued and drained on the next task, so a burst of edits runs only
 * the newest request per key; the older ones are answered as superseded.
 */
import { handleRequest } from './handlers.ts';
import type { RequestEnvelope, ResponseEnvelope } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue: RequestEnvelope[] = [];
let scheduled = false;

function reply(envelope: ResponseEnvelope): void {
  scope.postMessage(envelope);
}

function drain(): void {
  scheduled = false;
  const newestByKey = new Map<string, RequestEnvelope>();
  for (const envelope of queue.splice(0)) {
    const older = newestByKey.get(envelope.key);
    if (older) reply({ id: older.id, ok: false, superseded: true });
    newestByKey.set(envelope.key, envelope);
  }
  for (const envelope of newestByKey.values()) {
    try {
      reply({ id: envelope.id, ok: true, response: handleRequest(envelope.request) });
    } catch (err) {
      reply({ id: envelope.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
}

scope.addEventListener('message', (event: MessageEvent<RequestEnvelope>) => {
  queue.push(event.data);
  if (!scheduled) {
    scheduled = true;
    setTimeout(drain, 0);
  }
});
