/// <reference lib="webworker" />
/**
 * Events worker entry. Requests run as jobs: a newer request with the same key supersedes an
 * older one (answered `superseded`), a cancel message stops a job at its next step, and reading
 * events reports progress between steps.
 */
import { runJob } from './events-jobs.ts';
import type { JobMessage, JobReply } from './events-protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const latestByKey = new Map<string, number>();
const cancelled = new Set<number>();

// A MessageChannel lets queued messages in between steps without setTimeout's 4 ms clamping.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const pause = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

function reply(message: JobReply): void {
  scope.postMessage(message);
}

scope.addEventListener('message', (event: MessageEvent<JobMessage>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  const { id, key, request } = message;
  latestByKey.set(key, id);
  // Run on the next task, so a burst of messages is seen before older ones start.
  setTimeout(() => {
    if (latestByKey.get(key) !== id) return reply({ id, type: 'failed', reason: 'superseded' });
    if (cancelled.delete(id)) return reply({ id, type: 'failed', reason: 'cancelled' });
    void runJob(request, {
      progress: (progress) => reply({ id, type: 'progress', progress }),
      stale: () => cancelled.has(id) || latestByKey.get(key) !== id,
      pause,
    }).then(
      (response) => {
        if (cancelled.delete(id)) reply({ id, type: 'failed', reason: 'cancelled' });
        else if (latestByKey.get(key) !== id) reply({ id, type: 'failed', reason: 'superseded' });
        else reply({ id, type: 'done', response });
      },
      (err: unknown) => {
        const wasCancelled = cancelled.delete(id);
        const reason = wasCancelled ? 'cancelled' : latestByKey.get(key) !== id ? 'superseded' : 'error';
        reply({ id, type: 'failed', reason, error: err instanceof Error ? err.message : String(err) });
      },
    );
  }, 0);
});
