/**
 * Main-thread side of the analysis worker: the generic RPC client (rpc.ts) typed for its
 * requests. The names stay for the callers that import them from here.
 */
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { RpcClient } from './rpc.ts';

export { Superseded, type WorkerLike } from './rpc.ts';

export class WorkerClient extends RpcClient<WorkerRequest, WorkerResponse> {}
