/**
 * The query editor's language service for one language: requests go to the analysis worker,
 * naming the language, with the selected rule's settings as context; the newest request of each
 * kind supersedes older ones.
 */
import { useApp } from './store.ts';
import type { QueryService } from '../editor/providers.ts';
import type { QueryLanguageInfo } from '../languages/language.ts';
import { querySettingsOf } from '../rule/eql-settings.ts';
import { Superseded, type WorkerClient } from '../worker/client.ts';
import type { QueryContext } from '../worker/protocol.ts';
import { selectedEntry } from './studio.ts';
import type { JobClient } from '../worker/job-client.ts';
import { sampleValuesOf } from './sample-values.ts';

function currentContext(): QueryContext {
  const { query: _query, language: _language, ...context } = querySettingsOf(selectedEntry(useApp.getState())?.rule.data);
  // Fields of the sample events rank first in completion; the events worker read them.
  return { ...context, seenFields: useApp.getState().load.response?.seenFields };
}

async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (err) {
    if (!(err instanceof Superseded)) console.error('language service request failed', err);
    return null;
  }
}

/**
 * `events` is the events worker: where a value is being written, the sample events' values of
 * that field are fetched from it first (a scan of the query text here, the counting there).
 */
export function createQueryService(client: WorkerClient, info: QueryLanguageInfo, events?: () => JobClient): Omit<QueryService, 'diagnosticsOf'> {
  const language = info.id;
  return {
    async complete(query, offset) {
      const field = events && info.valueFieldAt(query, offset);
      const table = events && field ? await sampleValuesOf(events(), field) : undefined;
      const context = { ...currentContext(), sampleValues: table ? [table] : undefined };
      const r = await orNull(client.request('complete', { kind: 'complete', language, query, offset, context }));
      return r?.items ?? [];
    },
    async hover(query, offset) {
      const r = await orNull(client.request('hover', { kind: 'hover', language, query, offset, context: currentContext() }));
      return r?.hover ?? null;
    },
    async signature(query, offset) {
      const r = await orNull(client.request('signature', { kind: 'signature', language, query, offset }));
      return r?.help ?? null;
    },
    async format(query) {
      const r = await orNull(client.request('format', { kind: 'format', language, query }));
      return r?.text ?? null;
    },
  };
}
