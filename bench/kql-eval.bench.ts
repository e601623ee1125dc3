/**
 * The KQL evaluator's hot path: 100,000 generated ECS events in memory, two typical rule queries
 * as the DSL Kibana builds from them (ECS keyword fields ⇒ term / wildcard), field types from the
 * ECS schema as the app passes them. Side by side: JSON.parse of the same events (one NDJSON
 * line each), the cost every pasted event pays anyway. Target: ≥ 3 M events/s per query.
 */
import { getSchema } from '../src/eql/schema/index.ts';
import { compileQueryDsl, type FieldTypeInfo } from '../src/kql/run/compile.ts';
import { generateEvents } from './ecs-events.ts';

const N = 100_000;
const events = generateEvents(N);
const lines = events.map((e) => JSON.stringify(e));
console.log(`kql-eval.bench: ${N.toLocaleString('en')} ECS events`);

/** Best of 7 after a warm-up: the least disturbed run on a shared machine. */
function best(fn: () => unknown): number {
  fn();
  let min = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

const schema = getSchema();
const fieldType = (name: string): FieldTypeInfo | undefined => {
  const info = schema.lookup(name);
  return info ? { type: info.type } : undefined;
};

// Kibana wraps every leaf in bool.should (minimum_should_match 1); and = filter, not = must_not.
const leaf = (clause: object) => ({ bool: { should: [clause], minimum_should_match: 1 } });
const term = (field: string, value: string) => leaf({ term: { [field]: { value } } });
const wildcard = (field: string, value: string) => leaf({ wildcard: { [field]: { value } } });

const QUERIES: { kql: string; dsl: object }[] = [
  {
    kql: 'event.category:process and event.type:start and process.name:(cmd.exe or powershell.exe) and not user.name:SYSTEM',
    dsl: {
      bool: {
        filter: [
          term('event.category', 'process'),
          term('event.type', 'start'),
          { bool: { should: [term('process.name', 'cmd.exe'), term('process.name', 'powershell.exe')], minimum_should_match: 1 } },
          { bool: { must_not: term('user.name', 'SYSTEM') } },
        ],
      },
    },
  },
  {
    kql: 'event.category:process and process.executable:C\\:\\\\Windows\\\\System32\\\\* and process.args:*enc*',
    dsl: {
      bool: {
        filter: [term('event.category', 'process'), wildcard('process.executable', 'C:\\\\Windows\\\\System32\\\\*'), wildcard('process.args', '*enc*')],
      },
    },
  },
];

let sink = 0;
const parseMs = best(() => {
  for (const l of lines) if (JSON.parse(l)) sink++;
});
const rate = (ms: number) => `${(((N / ms) * 1000) / 1e6).toFixed(2)} M events/s`;
console.log(`  ${'JSON.parse of the same events'.padEnd(34)} ${parseMs.toFixed(1).padStart(7)} ms  ${rate(parseMs)}`);

// Floor: the first query written by hand over the same events (what a perfect compiler would give).
type Ev = { event?: { category?: unknown; type?: unknown }; process?: { name?: unknown }; user?: { name?: unknown } };
const has = (v: unknown, q: string) => (Array.isArray(v) ? v.includes(q) : v === q);
let floorHits = 0;
const floorMs = best(() => {
  floorHits = 0;
  for (const e of events as Ev[]) {
    const name = e.process?.name;
    if (has(e.event?.category, 'process') && has(e.event?.type, 'start') && (name === 'cmd.exe' || name === 'powershell.exe') && e.user?.name !== 'SYSTEM')
      floorHits++;
  }
});
console.log(`  ${'floor: query 1 written by hand'.padEnd(34)} ${floorMs.toFixed(1).padStart(7)} ms  ${rate(floorMs)}  (${floorHits} matches)`);

let slowest = Infinity;
for (const { kql, dsl } of QUERIES) {
  const q = compileQueryDsl(dsl, { fieldType });
  if (q.diagnostics.length > 0) throw new Error(`${kql}: ${q.diagnostics.map((d) => d.message).join('; ')}`);
  let hits = 0;
  const ms = best(() => {
    hits = 0;
    for (let i = 0; i < N; i++) if (q.matches(events[i])) hits++;
  });
  slowest = Math.min(slowest, (N / ms) * 1000);
  console.log(`  ${kql.slice(0, 34).padEnd(34)} ${ms.toFixed(1).padStart(7)} ms  ${rate(ms)}  (${hits} matches)`);
}
console.log(`  slowest query: ${(slowest / 1e6).toFixed(2)} M events/s (target ≥ 3 M events/s)${sink > 0 ? '' : ' '}`);
