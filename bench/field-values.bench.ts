/**
 * Value completion's table of sample values: one pass over 100,000 generated ECS events per
 * field, in the events worker, the first time completion asks for that field. Fields with few
 * values, hundreds, tens of thousands (pids), arrays, and a field no event has.
 * Target: ≤ 100 ms per field (the first completion on a field waits for it; later ones reuse the
 * table). The floor line is a bare loop reading one nested property of every event.
 */
import { fieldValueTable } from '../src/events/field-values.ts';
import { generateEvents } from './ecs-events.ts';

const N = 100_000;
const events = generateEvents(N);
console.log(`field-values.bench: ${N.toLocaleString('en')} ECS events`);

/** Best of 5 after a warm-up: the least disturbed run on a shared machine. */
function best(fn: () => unknown): number {
  fn();
  let min = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

let sink = 0;
const floor = best(() => {
  for (const e of events) if ((e as { host?: { id?: string } }).host?.id) sink++;
});
console.log(`  ${'floor: read host.id'.padEnd(24)} ${floor.toFixed(1).padStart(7)} ms  (${sink > 0 ? 'read' : 'none'})`);

let slowest = 0;
for (const field of ['process.name', 'event.type', 'host.id', 'process.pid', 'process.command_line', 'no.such.field']) {
  let table = fieldValueTable(events, field);
  const ms = best(() => (table = fieldValueTable(events, field)));
  slowest = Math.max(slowest, ms);
  console.log(`  ${field.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms  ${String(table.distinct).padStart(7)} distinct, ${table.eventsWithField} events with it`);
}
console.log(`  slowest field: ${slowest.toFixed(1)} ms (target ≤ 100 ms)`);
