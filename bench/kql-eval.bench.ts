/**
 * The KQL evaluator's hot path: 100,000 generated ECS events in memory, two typical rule queries
 * as the DSL Kibana builds from them (ECS keyword fields ⇒ term / wildcard), field types from the
 * ECS schema as the app passes them. Side by side: JSON.parse of the same events (one NDJSON
 * line each), the cost every pasted event pays anyway, and a hand-written floor. Each query runs in its
 * clause order and ordered on the events (CompileDslOptions.sample). Target: ≥ 3 M events/s per query.
 */
import { availableParallelism, loadavg } from 'node:os';
import { getSchema } from '../src/eql/schema/index.ts';
import { compileQueryDsl, type FieldTypeInfo } from '../src/kql/run/compile.ts';
import { generateEvents } from './ecs-events.ts';

const N = 100_000;
// The events as the app holds them: parsed from their JSON text (the generator's own objects
// share sub-objects and shapes that pasted events never do).
const lines = generateEvents(N).map((e) => JSON.stringify(e));
const events: object[] = lines.map((l) => JSON.parse(l));
console.log(`kql-eval.bench: ${N.toLocaleString('en')} ECS events`);

/**
 * Every line is timed once per round, rounds alternating, best of 9 after a warm-up: on a shared
 * machine a burst of load then hits all lines alike instead of one of them.
 */
function bestOfInterleaved(fns: (() => unknown)[]): number[] {
  const best = fns.map(() => Infinity);
  for (const fn of fns) fn();
  for (let r = 0; r < 9; r++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      fn();
      best[k] = Math.min(best[k], performance.now() - t0);
    });
  }
  return best;
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
const parse = () => {
  for (const l of lines) if (JSON.parse(l)) sink++;
};

// Floor: the first query written by hand over the same events (what a perfect compiler would give).
type Ev = { event?: { category?: unknown; type?: unknown }; process?: { name?: unknown }; user?: { name?: unknown } };
const has = (v: unknown, q: string) => (Array.isArray(v) ? v.includes(q) : v === q);
const hits: number[] = [];
const floor = () => {
  let n = 0;
  for (const e of events as Ev[]) {
    const name = e.process?.name;
    if (has(e.event?.category, 'process') && has(e.event?.type, 'start') && (name === 'cmd.exe' || name === 'powershell.exe') && e.user?.name !== 'SYSTEM') n++;
  }
  hits[0] = n;
};

// Each query twice: in the query's clause order, and ordered on the events (`sample`: the most
// selective clause of a conjunction first), as the app and the rule preview compile it.
const runs = [false, true].flatMap((ordered) =>
  QUERIES.map(({ kql, dsl }, k) => {
    const q = compileQueryDsl(dsl, { fieldType, sample: ordered ? events : undefined });
    if (q.diagnostics.length > 0) throw new Error(`${kql}: ${q.diagnostics.map((d) => d.message).join('; ')}`);
    const slot = (ordered ? QUERIES.length : 0) + k + 1;
    return () => {
      let n = 0;
      for (let i = 0; i < N; i++) if (q.matches(events[i])) n++;
      hits[slot] = n;
    };
  }),
);

console.log(`  load average at start: ${loadavg()[0].toFixed(1)} (${availableParallelism()} cores)`);
const [parseMs, floorMs, ...queryMs] = bestOfInterleaved([parse, floor, ...runs]);
const rate = (ms: number) => `${(((N / ms) * 1000) / 1e6).toFixed(2)} M events/s`;
const line = (label: string, ms: number, extra = '') => console.log(`  ${label.slice(0, 44).padEnd(44)} ${ms.toFixed(1).padStart(7)} ms  ${rate(ms)}${extra}`);
line('JSON.parse of the same events', parseMs, sink > 0 ? '' : ' (nothing parsed)');
line('floor: query 1 written by hand', floorMs, `  (${hits[0]} matches)`);
const ratio = (ms: number) => `, ${(ms / floorMs).toFixed(2)}× the floor`;
QUERIES.forEach(({ kql }, k) => line(kql, queryMs[k], `  (${hits[k + 1]} matches${ratio(queryMs[k])})`));
QUERIES.forEach(({ kql }, k) => {
  const ms = queryMs[QUERIES.length + k];
  line(`ordered: ${kql}`, ms, `  (${hits[QUERIES.length + k + 1]} matches${ratio(ms)})`);
});
const slowest = Math.max(...queryMs.slice(QUERIES.length));
console.log(`  slowest ordered query: ${rate(slowest)} (target ≥ 3 M events/s); ${(parseMs / slowest).toFixed(1)}× faster than JSON.parse of the events`);
console.log(`  load average at end: ${loadavg()[0].toFixed(1)}`);
