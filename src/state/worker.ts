/** The one analysis worker of the page, created on first use. */
import { WorkerClient } from '../worker/client.ts';

let client: WorkerClient | null = null;

export function analysisWorker(): WorkerClient {
  if (!client) {
    const worker = new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module', name: 'rule-studio-analysis' });
    client = new WorkerClient(worker);
  }
  return client;
}
