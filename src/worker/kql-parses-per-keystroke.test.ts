/**
 * "The query is parsed once per change and the result reused" (issue 16), for KQL (issue 18): one
 * keystroke sends a check to the analysis worker and evaluate, insights and explain to the events
 * worker. Counted through the handlers, for a bare query and for a rule with its data (a
 * threshold rule runs through previewKqlRule, which takes the seam's parse): one parse per
 * worker. The DSL closures are compiled per purpose (the seam's probe, its Why over the events,
 * the rule's run), each once per change, not once per request.
 */
import { describe, expect, it, vi } from 'vitest';

const counts = vi.hoisted(() => ({ parse: 0, compile: 0 }));

vi.mock('../kql/syntax/parser.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../kql/syntax/parser.ts')>();
  return {
    ...original,
    parseKql: (...args: Parameters<typeof original.parseKql>) => {
      counts.parse++;
      return original.parseKql(...args);
    },
  };
});
vi.mock('../kql/run/compile.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../kql/run/compile.ts')>();
  return {
    ...original,
    compileQueryDsl: (...args: Parameters<typeof original.compileQueryDsl>) => {
      counts.compile++;
      return original.compileQueryDsl(...args);
    },
  };
});

const { handleRequest } = await import('./handlers.ts');
const { EventStore, evaluateEvents, explain, insights } = await import('./events-handlers.ts');

const events = [
  { '@timestamp': '2024-01-01T00:00:01Z', event: { category: 'process' }, process: { name: 'bash', pid: 1 } },
  { '@timestamp': '2024-01-01T00:00:02Z', event: { category: 'process' }, process: { name: 'bash', pid: 2 } },
];
const schema = { indexPatterns: ['logs-endpoint.events.*'] };
const threshold = {
  metadata: {},
  rule: { type: 'threshold', language: 'kuery', from: 'now-9m', index: schema.indexPatterns, threshold: { field: ['process.name'], value: 2 } },
};

async function loadedEvents() {
  const store = new EventStore();
  const source = events.map((e) => JSON.stringify(e)).join('\n');
  await store.load({ kind: 'load-events', eventsKey: 'k', source }, { progress() {}, stale: () => false, pause: async () => {} });
  return (await store.get('k'))!;
}

describe('one keystroke of a KQL query', () => {
  it.each([
    ['a bare query', undefined, 2],
    ['a threshold rule with its data', threshold, 3],
  ])('%s: parsed once in each worker, compiled once per purpose', async (_, rule, compiles) => {
    const loaded = await loadedEvents();
    const settings = { language: 'kuery', timestampField: '@timestamp', eventCategoryField: 'event.category', schema, rule };
    for (const query of ['process.name : bash and process.pid > 0', 'process.name : bash and process.pid > 1']) {
      counts.parse = 0;
      counts.compile = 0;
      handleRequest({ kind: 'check', language: 'kuery', query, context: schema });
      const analysisParses = counts.parse;
      evaluateEvents(loaded, { kind: 'evaluate', eventsKey: 'k', query, settings });
      insights(loaded, { kind: 'insights', eventsKey: 'k', query, settings });
      explain(loaded, { kind: 'explain', eventsKey: 'k', query, settings, index: 0 });
      expect({ analysisParses, eventsParses: counts.parse - analysisParses, compiles: counts.compile }).toEqual({
        analysisParses: 1,
        eventsParses: 1,
        compiles,
      });
    }
  });
});
