import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentArbitrary } from '../../test/document-arbitrary.ts';
import { getField } from './field.ts';
import { compileProjection } from './project.ts';

const segment = fc.constantFrom('a', 'b', 'c', '__proto__');

const doc = documentArbitrary(segment, ['a.b', 'b.c', 'a.b.c', 'c.a'], 5);

const paths = fc.array(fc.array(segment, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });

describe('compileProjection', () => {
  it('keeps exactly what field resolution finds for each of its paths, on any document shape', () => {
    fc.assert(
      fc.property(doc, paths, (d, ps) => {
        // JSON text, as events are read: `__proto__` is then an own key, as in parsed files.
        const event = JSON.parse(JSON.stringify(d)) as object;
        const projected = compileProjection(ps)(event);
        for (const p of ps) expect(getField(projected, p)).toEqual(getField(event, p));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a field held both nested and dotted, and arrays of objects as arrays', () => {
    const event = {
      '@timestamp': '2024-01-01T00:00:00Z',
      process: { name: 'cmd.exe', pid: 4, parent: { name: 'x' } },
      'process.name': 'b.exe',
      host: [{ id: 'h1', name: 'n' }, [{ id: 'h2' }]],
      user: { name: 'u' },
    };
    const projected = compileProjection([['process', 'name'], ['host', 'id'], ['@timestamp']])(event);
    expect(projected).toEqual({
      '@timestamp': '2024-01-01T00:00:00Z',
      process: { name: 'cmd.exe' },
      'process.name': 'b.exe',
      host: [{ id: 'h1' }, [{ id: 'h2' }]],
    });
    expect(getField(projected, ['process', 'name'])).toEqual(['cmd.exe', 'b.exe']);
  });

  it('keeps a value where a path ends whole, and the whole event for the empty path', () => {
    const event = { process: { parent: { name: 'x', pid: 1 } } };
    expect(
      compileProjection([
        ['process', 'parent'],
        ['process', 'parent', 'name'],
      ])(event),
    ).toEqual(event);
    expect(compileProjection([[]])(event)).toBe(event);
  });

  it('keeps a parsed `__proto__` key as an own key, without touching the prototype', () => {
    const event = JSON.parse('{"__proto__":{"x":1},"y":2}') as object;
    const projected = compileProjection([['__proto__', 'x']])(event);
    expect(Object.getPrototypeOf(projected)).toBe(Object.prototype);
    expect(getField(projected, ['__proto__', 'x'])).toBe(1);
  });
});
