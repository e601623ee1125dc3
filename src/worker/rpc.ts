/**
 * The one typed RPC stack between the page and its workers. Every request carries an id and a
 * key; a newer request with the same key supersedes the older one (which rejects with
 * Superseded, and whose late answer is ignored); a request can be cancelled by key; a job may
 * report progress before it answers. Each worker picks its request, response and progress types.
 */

/** Page → worker. */
export type RpcMessage<Req> = { type: 'request'; id: number; key: string; request: Req } | { type: 'cancel'; id: number };

/** Worker → page: progress while a job runs, then exactly one `done` or `failed`. */
export type RpcReply<Res, Progress = never> =
  | { id: number; type: 'progress'; progress: Progress }
  | { id: number; type: 'done'; response: Res }
  | { id: number; type: 'failed'; reason: 'superseded' | 'cancelled' | 'error'; error?: string };

export class Superseded extends Error {
  constructor() {
    super('superseded by a newer request');
  }
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

interface Pending<Res, Progress> {
  key: string;
  resolve(response: Res): void;
  reject(error: Error): void;
  onProgress?: (progress: Progress) => void;
}

/** Requests and responses are tagged unions on `kind`; a request's promise has the response of its kind. */
export class RpcClient<Req extends { kind: string }, Res extends { kind: string }, Progress = never> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Res, Progress>>();
  private readonly latestByKey = new Map<string, number>();

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event: MessageEvent) => this.onReply(event.data as RpcReply<Res, Progress>));
    worker.addEventListener('error', (event: ErrorEvent) => {
      for (const p of this.pending.values()) p.reject(new Error(event.message || 'worker failed'));
      this.pending.clear();
      this.latestByKey.clear();
    });
  }

  /** Sends a request; a later request with the same key makes this one reject with Superseded. */
  request<R extends Req>(key: string, request: R, onProgress?: (progress: Progress) => void): Promise<Extract<Res, { kind: R['kind'] }>> {
    const id = this.nextId++;
    const older = this.latestByKey.get(key);
    if (older !== undefined) this.settle(older, (p) => p.reject(new Superseded()));
    this.latestByKey.set(key, id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { key, resolve: resolve as (response: Res) => void, reject, onProgress });
      this.post({ type: 'request', id, key, request });
    });
  }

  /** Stops the running request for `key` (it rejects with Cancelled); nothing when none runs. */
  cancel(key: string): void {
    const id = this.latestByKey.get(key);
    if (id === undefined) return;
    this.post({ type: 'cancel', id });
    this.settle(id, (p) => p.reject(new Cancelled()));
  }

  private post(message: RpcMessage<Req>): void {
    this.worker.postMessage(message);
  }

  /** Settles a pending request once; later answers for it find nothing and are ignored. */
  private settle(id: number, how: (p: Pending<Res, Progress>) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.latestByKey.get(p.key) === id) this.latestByKey.delete(p.key);
    how(p);
  }

  private onReply(reply: RpcReply<Res, Progress>): void {
    if (reply.type === 'progress') return this.pending.get(reply.id)?.onProgress?.(reply.progress);
    this.settle(reply.id, (p) => {
      if (reply.type === 'done') p.resolve(reply.response);
      else if (reply.reason === 'superseded') p.reject(new Superseded());
      else if (reply.reason === 'cancelled') p.reject(new Cancelled());
      else p.reject(new Error(reply.error ?? 'worker error'));
    });
  }
}
