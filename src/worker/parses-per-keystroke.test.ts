/**
 * "The query is parsed once per change and the result reused" (issue 16): one keystroke sends a
 * check to the analysis worker and evaluate, insights and explain to the events worker. Counted
 * here through the handlers: one parse per worker, one compile over the events.
 */
import { describe, expect, it, vi } from 'vitest';

const counts = vi.hoisted(() => ({ parse: 0, compile: 0 }));

vi.mock('../eql/syntax/parser.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../eql/syntax/parser.ts')>();
  return {
    ...original,
    parseQuery: (...args: Parameters<typeof original.parseQuery>) => {
      counts.parse++;
      return original.parseQuery(...args);
    },
  };
});
vi.mock('../eql/run/evaluate.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../eql/run/evaluate.ts')>();
  return {
    ...original,
    compileQuery: (...args: Parameters<typeof original.compileQuery>) => {
      counts.compile++;
      return original.compileQuery(...args);
    },
  };
});

const { handleRequest } = await import('./handlers.ts');
const { EventStore, evaluateEvents, explain, insights } = await import('./events-handlers.ts');

describe('one keystroke', () => {
  it('parses the query once in each worker and compiles it once over the events', async () => {
    const store = new EventStore();
    const events = [
      { '@timestamp': 1, event: { category: 'process' }, process: { name: 'bash', pid: 1 } },
      { '@timestamp': 2, event: { category: 'process' }, process: { name: 'sh', pid: 2 } },
    ];
    const source = events.map((e) => JSON.stringify(e)).join('\n');
    await store.load({ kind: 'load-events', eventsKey: 'k', source }, { progress() {}, stale: () => false, pause: async () => {} });
    const loaded = await store.get('k');
    const settings = { timestampField: '@timestamp', eventCategoryField: 'event.category', schema: { indexPatterns: ['logs-endpoint.events.*'] } };

    for (const query of ['process where process.name == "bash" and process.pid > 0', 'process where process.name == "sh" and process.pid > 0']) {
      counts.parse = 0;
      counts.compile = 0;
      handleRequest({ kind: 'check', language: 'eql', query, context: settings.schema });
      const analysisParses = counts.parse;
      evaluateEvents(loaded, { kind: 'evaluate', eventsKey: 'k', query, settings });
      insights(loaded, { kind: 'insights', eventsKey: 'k', query, settings });
      explain(loaded, { kind: 'explain', eventsKey: 'k', query, settings, index: 0 });
      expect({ analysisParses, eventsParses: counts.parse - analysisParses, compiles: counts.compile }).toEqual({
        analysisParses: 1,
        eventsParses: 1,
        compiles: 1,
      });
    }
  });
});
