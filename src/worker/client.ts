/**
 * Main-thread side of the analysis worker: id-tagged requests, newest-wins per key.
 */
import type { RequestEnvelope, ResponseEnvelope, WorkerRequest, WorkerResponse } from './protocol.ts';

type ResponseOf<R extends WorkerRequest> = Extract<WorkerResponse, { kind: R['kind'] }>;

export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
  }
}

export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

export class WorkerClient {
  private nextId = 1;
  private pending = new Map<number, { resolve(r: WorkerResponse): void; reject(e: Error): void; key: string }>();
  private latestByKey = new Map<string, number>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event: MessageEvent) => this.onMessage(event.data as ResponseEnvelope));
    worker.addEventListener('error', (event: ErrorEvent) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'worker failed'));
      this.pending.clear();
    });
  }

  /** Sends a request; a later request with the same key makes this one reject with Superseded. */
  request<R extends WorkerRequest>(key: string, request: R): Promise<ResponseOf<R>> {
    const id = this.nextId++;
    const older = this.latestByKey.get(key);
    if (older !== undefined) {
      const p = this.pending.get(older);
      this.pending.delete(older);
      p?.reject(new Superseded());
    }
    this.latestByKey.set(key, id);
    const envelope: RequestEnvelope = { id, key, request };
    return new Promise<ResponseOf<R>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: WorkerResponse) => void, reject, key });
      this.worker.postMessage(envelope);
    });
  }

  private onMessage(envelope: ResponseEnvelope): void {
    const p = this.pending.get(envelope.id);
    if (!p) return; // superseded: its promise was already settled
    this.pending.delete(envelope.id);
    if (this.latestByKey.get(p.key) === envelope.id) this.latestByKey.delete(p.key);
    if (envelope.ok) p.resolve(envelope.response);
    else p.reject(envelope.superseded ? new Superseded() : new Error(envelope.error ?? 'worker error'));
  }
}
