/**
 * Main-thread side of the events worker: id-tagged requests, newest-wins per key, progress
 * callbacks and cancel.
 */
import type { EventsWorkerRequest, EventsWorkerResponse, JobMessage, JobReply } from './events-protocol.ts';
import type { ReadProgress } from '../events/read.ts';
import { Superseded, type WorkerLike } from './client.ts';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

type ResponseOf<R extends EventsWorkerRequest> = Extract<EventsWorkerResponse, { kind: R['kind'] }>;

interface Pending {
  key: string;
  resolve(r: EventsWorkerResponse): void;
  reject(e: Error): void;
  onProgress?: (p: ReadProgress) => void;
}

export class JobClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private latestByKey = new Map<string, number>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event: MessageEvent) => this.onMessage(event.data as JobReply));
    worker.addEventListener('error', (event: ErrorEvent) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'worker failed'));
      this.pending.clear();
    });
  }

  /** Sends a request; a later request with the same key makes this one reject with Superseded. */
  request<R extends EventsWorkerRequest>(key: string, request: R, onProgress?: (p: ReadProgress) => void): Promise<ResponseOf<R>> {
    const id = this.nextId++;
    const older = this.latestByKey.get(key);
    if (older !== undefined) this.settle(older, (p) => p.reject(new Superseded()));
    this.latestByKey.set(key, id);
    return new Promise<ResponseOf<R>>((resolve, reject) => {
      this.pending.set(id, { key, resolve: resolve as (r: EventsWorkerResponse) => void, reject, onProgress });
      const message: JobMessage = { type: 'request', id, key, request };
      this.worker.postMessage(message);
    });
  }

  /** Stops the running request for `key` (it rejects with Cancelled). */
  cancel(key: string): void {
    const id = this.latestByKey.get(key);
    if (id === undefined) return;
    const message: JobMessage = { type: 'cancel', id };
    this.worker.postMessage(message);
    this.settle(id, (p) => p.reject(new Cancelled()));
    this.latestByKey.delete(key);
  }

  private settle(id: number, how: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.latestByKey.get(p.key) === id) this.latestByKey.delete(p.key);
    how(p);
  }

  private onMessage(reply: JobReply): void {
    if (reply.type === 'progress') return this.pending.get(reply.id)?.onProgress?.(reply.progress);
    this.settle(reply.id, (p) => {
      if (reply.type === 'done') p.resolve(reply.response);
      else if (reply.reason === 'superseded') p.reject(new Superseded());
      else if (reply.reason === 'cancelled') p.reject(new Cancelled());
      else p.reject(new Error(reply.error ?? 'worker error'));
    });
  }
}
