/** Dispatches one events-worker request to its handler (one store per worker). */
import { EventStore, evaluateEvents, explain, insights, listEvents, runTests, snapshot, type JobContext } from './events-handlers.ts';
import type { EventsWorkerRequest, EventsWorkerResponse } from './events-protocol.ts';
import { fieldValues } from './field-values.ts';

const store = new EventStore();

export async function runJob(request: EventsWorkerRequest, ctx: JobContext): Promise<EventsWorkerResponse> {
  switch (request.kind) {
    case 'load-events':
      return store.load(request, ctx);
    case 'list-events':
      return listEvents(await store.get(request.eventsKey), request);
    case 'evaluate':
      return evaluateEvents(await store.get(request.eventsKey), request);
    case 'explain':
      return explain(await store.get(request.eventsKey), request);
    case 'insights':
      return insights(await store.get(request.eventsKey), request);
    case 'snapshot':
      return snapshot(await store.get(request.eventsKey), request);
    case 'run-tests':
      return runTests(request);
    case 'field-values':
      return fieldValues(await store.get(request.eventsKey), request);
  }
}
