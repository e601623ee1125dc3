/**
 * Projection of events onto the fields a query reads. A process that keeps 100,000 parsed events
 * alive pays the garbage collector for copying every one of their objects out of the young
 * generation; keeping only the parts of each event that some field path can reach makes the
 * events it keeps a fraction of the size, while the whole parsed event dies young (cheap).
 *
 * The projection is exact for the paths it was made for: `getField(project(e), p)` equals
 * `getField(e, p)` for each of them, because it keeps every key that field resolution could
 * visit for them (field.ts): at each level, each key that spells the next segments of a path,
 * nested (`process`) or dotted (`process.name`), with arrays of objects kept as arrays of
 * projected objects. A value where a path ends is kept whole, by reference.
 */
import type { FieldPath } from './field.ts';

/** A level of the projection: the keys to keep, each with what to keep below it. */
interface Level {
  keys: string[];
  below: (Level | null)[];
}

/** The keys to keep below (path, from) pairs; null below a key means "keep its value whole". */
function levelOf(pairs: readonly (readonly [FieldPath, number])[]): Level {
  const byKey = new Map<string, [FieldPath, number][]>();
  const whole = new Set<string>();
  for (const [path, from] of pairs) {
    let key = '';
    for (let end = from; end < path.length; end++) {
      key = end === from ? path[from] : key + '.' + path[end];
      if (end + 1 === path.length) whole.add(key);
      else {
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push([path, end + 1]);
      }
    }
  }
  const keys = [...new Set([...whole, ...byKey.keys()])];
  return { keys, below: keys.map((k) => (whole.has(k) ? null : levelOf(byKey.get(k)!))) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function projectValue(v: unknown, level: Level): unknown {
  if (Array.isArray(v)) {
    // Lucene flattens arrays of objects: every element (and nested array) keeps its part.
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = projectValue(v[i], level);
    return out;
  }
  return isPlainObject(v) ? projectObject(v, level) : v;
}

function projectObject(obj: Record<string, unknown>, level: Level): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { keys, below } = level;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (!Object.hasOwn(obj, key)) continue;
    const v = obj[key];
    const kept = below[k] === null ? v : projectValue(v, below[k]!);
    // `__proto__` is an own key in parsed JSON; an assignment would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true });
    else out[key] = kept;
  }
  return out;
}

/**
 * A function keeping of an event only what `paths` can reach (see above). Events nest at most
 * MAX_EVENT_DEPTH levels (read.ts skips deeper ones), which bounds the recursion.
 */
export function compileProjection(paths: readonly FieldPath[]): (event: object) => object {
  // The empty path is the event itself.
  if (paths.some((p) => p.length === 0)) return (event) => event;
  const level = levelOf(paths.map((p): [FieldPath, number] => [p, 0]));
  return (event) => projectObject(event as Record<string, unknown>, level);
}
