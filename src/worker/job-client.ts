/**
 * Main-thread side of the events worker: the generic RPC client (rpc.ts) typed for its
 * requests, with progress while events are read. The names stay for the callers that import them.
 */
import type { ReadProgress } from '../events/read.ts';
import type { EventsWorkerRequest, EventsWorkerResponse } from './events-protocol.ts';
import { RpcClient } from './rpc.ts';

export { Cancelled } from './rpc.ts';

export class JobClient extends RpcClient<EventsWorkerRequest, EventsWorkerResponse, ReadProgress> {}
