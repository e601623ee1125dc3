import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseQuery } from '../syntax/parser.ts';
import { compileQuery, runQuery } from './evaluate.ts';

const category = fc.oneof(
  fc.constantFrom('process', 'file', 'network', 'Process', null, 7),
  fc.array(fc.constantFrom('process', 'file', 'network', null, 'process'), { maxLength: 3 }),
  fc.constant(undefined),
);
const event = fc
  .record({ category, name: fc.constantFrom('a', 'b'), ts: fc.integer({ min: 0, max: 50 }) })
  .map(({ category: c, name, ts }) => ({ '@timestamp': ts, ...(c === undefined ? {} : { event: { category: c } }), process: { name } }));

describe('runs over an event array kept with its index', () => {
  it('match exactly the events the category test accepts, on the first (scan) and later (index) runs', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.constantFrom('process', 'file', 'network'), (events, cat) => {
        const compiled = compileQuery(parseQuery(`${cat} where process.name == "a"`).ast, {}, events);
        const expected = events.flatMap((e, i) => (compiled.filter!.test(e) === true ? [i] : []));
        const first = runQuery(compiled, events).matches.map((m) => m.events[0]);
        const second = runQuery(compiled, events).matches.map((m) => m.events[0]);
        const third = runQuery(compiled, events).matches.map((m) => m.events[0]);
        expect([...first].sort((a, b) => a! - b!)).toEqual(expected);
        expect(second).toEqual(first);
        expect(third).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('are rebuilt when events were added to the array', () => {
    const events: object[] = [{ '@timestamp': 1, event: { category: 'process' }, process: { name: 'a' } }];
    const compiled = compileQuery(parseQuery('process where process.name == "a"').ast, {}, events);
    runQuery(compiled, events);
    expect(runQuery(compiled, events).matches).toHaveLength(1);
    events.push({ '@timestamp': 2, event: { category: ['file', 'process'] }, process: { name: 'a' } });
    expect(runQuery(compiled, events).matches.map((m) => m.events)).toEqual([[0], [1]]);
  });

  it('keep parsed timestamps per field and type: a mapping that changes the type does not reuse them', () => {
    const events = [
      { '@timestamp': '2024-01-01T00:00:02.000Z', event: { category: 'process' }, n: 1 },
      { '@timestamp': '2024-01-01T00:00:01.000Z', event: { category: 'process' }, n: 2 },
    ];
    const q = parseQuery('process where true').ast;
    const plain = compileQuery(q, {}, events);
    expect(runQuery(plain, events).matches.map((m) => m.events[0])).toEqual([1, 0]);
    expect(runQuery(plain, events).matches.map((m) => m.events[0])).toEqual([1, 0]);
    // Ordered by `n` instead (a different timestamp field): its own timestamps.
    const byN = compileQuery(q, { timestampField: 'n' }, events);
    expect(runQuery(byN, events).matches.map((m) => m.events[0])).toEqual([0, 1]);
    expect(runQuery(plain, events).matches.map((m) => m.events[0])).toEqual([1, 0]);
  });
});

describe('sequence runs over an event array that keeps its key ids', () => {
  // Values that must stay distinct keys (1 and "1"), missing and multi-valued keys (fan-out).
  const key = fc.oneof(fc.constantFrom('h1', 'h2', 1, '1', null), fc.array(fc.constantFrom('h1', 'h2', 1), { maxLength: 3 }), fc.constant(undefined));
  const seqEvent = fc
    .record({ cat: fc.constantFrom('process', 'file', 'network'), host: key, user: fc.constantFrom('u', 'v'), ts: fc.integer({ min: 0, max: 30 }) })
    .map(({ cat, host, user, ts }) => ({
      '@timestamp': ts,
      event: { category: cat },
      ...(host === undefined ? {} : { host: { id: host } }),
      user: { name: user },
    }));
  const queries = [
    'sequence by host.id [process where true] [file where true] [network where true]',
    'sequence by host.id with maxspan=5ms [file where true] [process where true]',
    'sequence by host.id [process where user.name == "u"] [network where true] until [file where user.name == "v"]',
    'sequence by ?host.id [network where true] [process where true]',
  ];

  it('give the same sequences as a first run, whichever queries ran over the array before', () => {
    fc.assert(
      fc.property(
        fc.array(seqEvent, { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: queries.length - 1 }), { minLength: 1, maxLength: 6 }),
        (events, order) => {
          for (const q of order) {
            const compiled = compileQuery(parseQuery(queries[q]).ast, {}, events);
            // A copy is a new array: nothing kept from earlier runs.
            const fresh = runQuery(compiled, events.slice(), true);
            const kept = runQuery(compiled, events, true);
            expect(kept.matches).toEqual(fresh.matches);
            expect(kept.trace).toEqual(fresh.trace);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
