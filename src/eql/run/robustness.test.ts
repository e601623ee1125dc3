import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate } from './evaluate.ts';

const EVENTS = [
  { '@timestamp': '2024-01-01T00:00:00Z', event: { category: ['process'] }, process: { name: 'cmd.exe', pid: 4, args: ['a', 'b'] }, host: { id: 'h1' } },
  { '@timestamp': 5, event: { category: 'file' }, file: { path: 'C:\\x', size: 1.5 }, host: { id: ['h1', 'h2'] } },
  { '@timestamp': 'bad', event: {}, n: null },
];

const atoms = ['process.name', '?x', 'host.id', 'process.pid', 'file.size', 'n', '"cmd*"', '"C:\\\\x"', '1', '2.5', 'null', 'true', '"""a.*"""'];
const ops = ['==', '!=', '<', '>=', ':', 'like~', 'regex', 'in', 'and', 'or', '+', '/', '%'];
const expr = fc
  .tuple(fc.constantFrom(...atoms), fc.constantFrom(...ops), fc.constantFrom(...atoms))
  .map(([a, op, b]) => (op === 'in' ? `${a} in (${b}, "x")` : `${a} ${op} ${b}`));
const query = fc.oneof(
  expr.map((e) => `any where ${e}`),
  fc.tuple(expr, expr).map(([a, b]) => `sequence by host.id with maxspan=1s [any where ${a}] [any where ${b}] | tail 2`),
  fc.tuple(expr, expr).map(([a, b]) => `sample by host.id [any where ${a}] [any where ${b}]`),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'concat(',
    'any where length(process.args) > between(1, 2, 3, 4)',
    'any where cidrMatch(process.name, "x/99")',
    'any where number("0x", 16) == 1',
  ),
);

describe('evaluate on arbitrary input', () => {
  it('never throws and always returns a well-formed result', () => {
    fc.assert(
      fc.property(query, (q) => {
        const r = evaluate(q, EVENTS, { trace: true });
        expect(['events', 'sequences', 'samples']).toContain(r.kind);
        expect(r.diagnostics.every((d) => d.code !== 'eql/internal')).toBe(true);
        for (const m of r.matches) for (const i of m.events) expect(i === null || (i >= 0 && i < EVENTS.length)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
