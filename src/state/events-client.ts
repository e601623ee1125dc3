/**
 * The events worker's client. The evaluation session (live-evaluation.ts) owns it: it hands its
 * client over when it starts, and the events actions send their requests through it.
 */
import { JobClient } from '../worker/job-client.ts';

let client: JobClient | null = null;

/** The app's events worker, made on first use. */
export function eventsWorker(): JobClient {
  if (!client) {
    const worker = new Worker(new URL('../worker/events.worker.ts', import.meta.url), { type: 'module', name: 'rule-studio-events' });
    client = new JobClient(worker);
  }
  return client;
}

/** The client requests go through, or null while there is none yet. */
export function activeEventsClient(): JobClient | null {
  return client;
}

export function setActiveEventsClient(jobs: JobClient): void {
  client = jobs;
}
