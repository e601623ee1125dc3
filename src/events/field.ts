/**
 * Field access on pasted events, with Elasticsearch's view of a document: `process.pid` is found
 * in `{"process":{"pid":1}}`, in `{"process.pid":1}` and in mixed forms such as
 * `{"process":{"parent.pid":1}}`. Arrays of objects are flattened the way Lucene indexes them
 * (`{"a":[{"b":1},{"b":2}]}` gives `a.b = [1, 2]`).
 *
 * The evaluator calls accessors once per event per field, so `compileFieldAccessor` builds a
 * closure specialised for the path: the common all-nested case costs one property read per
 * segment and allocates nothing.
 */

export type FieldPath = readonly string[];
export type FieldAccessor = (event: unknown) => unknown;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Full resolution from `obj` for `path[from..]`: every way of splitting the remaining segments
 * into nested keys and literal dotted keys. Returns `undefined` when nothing is found. When
 * several splits hold values (rare, conflicting documents) the values are merged in order.
 */
function resolveFrom(obj: unknown, path: FieldPath, from: number): unknown {
  if (from === path.length) return obj;
  if (Array.isArray(obj)) {
    // An array of objects: each element contributes its values (Lucene flattens them). Arrays
    // nested in it are walked with a stack of their own, not by recursion: a hostile event may
    // nest them thousands deep.
    let out: unknown[] | undefined;
    const arrays: unknown[][] = [obj];
    const next: number[] = [0];
    while (arrays.length > 0) {
      const top = arrays.length - 1;
      const list = arrays[top];
      if (next[top] === list.length) {
        arrays.pop();
        next.pop();
        continue;
      }
      const item = list[next[top]++];
      if (Array.isArray(item)) {
        arrays.push(item);
        next.push(0);
        continue;
      }
      const v = resolveFrom(item, path, from);
      if (v === undefined) continue;
      out ??= [];
      if (Array.isArray(v)) for (const x of v) out.push(x);
      else out.push(v);
    }
    return out;
  }
  if (!isObject(obj)) return undefined;
  let found: unknown;
  let several: unknown[] | undefined;
  let key = '';
  for (let end = from; end < path.length; end++) {
    key = end === from ? path[from] : key + '.' + path[end];
    if (!Object.hasOwn(obj, key)) continue;
    const v = resolveFrom(obj[key], path, end + 1);
    if (v === undefined) continue;
    if (found === undefined) {
      found = v;
    } else {
      several ??= Array.isArray(found) ? [...found] : [found];
      if (Array.isArray(v)) several.push(...v);
      else several.push(v);
    }
  }
  return several ?? found;
}

/** The value at `path` (arrays kept; `undefined` when absent, `null` when explicitly null). */
export function getField(event: unknown, path: FieldPath): unknown {
  return resolveFrom(event, path, 0);
}

/**
 * A closure reading `path`. The fast path walks plain nested objects; anything unusual
 * (an array on the way, a missing segment, a dotted key holding part of the path, as in
 * `{"a":{"b":1},"a.b":2}`) falls back to the full resolution, so the answer is always the same
 * as `getField`. A document holding one field both nested and dotted gives both values, as
 * Elasticsearch indexes both (`a.b` = [1, 2]); the fast path pays one missing-key lookup per
 * dotted form of the path (1 for two segments, 3 for three).
 *
 * Accessors are shared per path (the same path always gets the same closure), and paths of one
 * to three segments get a reader of their own from the pools below.
 */
export function compileFieldAccessor(path: FieldPath): FieldAccessor {
  const key = JSON.stringify(path);
  let accessor = accessors.get(key);
  if (!accessor) {
    // A long-lived worker sees fields typed keystroke by keystroke: keep the cache bounded.
    if (accessors.size >= MAX_CACHED_ACCESSORS) accessors.clear();
    accessors.set(key, (accessor = buildAccessor(path.slice())));
  }
  return accessor;
}

const MAX_CACHED_ACCESSORS = 1024;
const accessors = new Map<string, FieldAccessor>();

type Obj = Record<string, unknown>;
type Reader1 = (k0: string, slow: FieldAccessor) => FieldAccessor;
type Reader2 = (k0: string, k1: string, d01: string, slow: FieldAccessor) => FieldAccessor;
type Reader3 = (k0: string, k1: string, k2: string, d01: string, d012: string, d12: string, slow: FieldAccessor) => FieldAccessor;

/*
 * Why pools of identical readers: V8 keeps inline-cache feedback per function literal, shared by
 * every closure made from it. With one literal for all paths, its property loads see every
 * field name on every object shape (events, `event`, `process`, `host`…) and go megamorphic;
 * evaluating `process where process.name == "cmd.exe"` then costs twice as much as reading the
 * same fields in straight-line code. Each distinct path takes the next copy in turn, so the
 * first 4 / 16 / 8 distinct paths of one / two / three segments each keep their own feedback;
 * later ones share a copy (still correct, only slower).
 *
 * The copies must stay identical (and inline their property loads: a shared helper would share
 * its feedback again). Reading a property of a primitive or an array yields undefined or a
 * harmless value that the type checks reject, so only plain nested objects take the fast path;
 * everything else goes to `slow`, the full resolution. A segment absent from a plain object,
 * with no dotted key that could hold the rest, is answered (undefined) without it: events
 * lacking a field are common, and the full resolution is many times slower.
 */
const READERS_1: Reader1[] = [
  (k0, slow) => (ev) => (ev !== null && typeof ev === 'object' && !Array.isArray(ev) ? (ev as Obj)[k0] : slow(ev)),
  (k0, slow) => (ev) => (ev !== null && typeof ev === 'object' && !Array.isArray(ev) ? (ev as Obj)[k0] : slow(ev)),
  (k0, slow) => (ev) => (ev !== null && typeof ev === 'object' && !Array.isArray(ev) ? (ev as Obj)[k0] : slow(ev)),
  (k0, slow) => (ev) => (ev !== null && typeof ev === 'object' && !Array.isArray(ev) ? (ev as Obj)[k0] : slow(ev)),
];

const READERS_2: Reader2[] = [
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
  (k0, k1, d01, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a)) return (a as Obj)[k1];
    }
    return slow(ev);
  },
];

const READERS_3: Reader3[] = [
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
  (k0, k1, k2, d01, d012, d12, slow) => (ev) => {
    if (ev !== null && typeof ev === 'object' && !Array.isArray(ev) && (ev as Obj)[d01] === undefined && (ev as Obj)[d012] === undefined) {
      const a = (ev as Obj)[k0];
      if (a === undefined) return undefined;
      if (a !== null && typeof a === 'object' && !Array.isArray(a) && (a as Obj)[d12] === undefined) {
        const b = (a as Obj)[k1];
        if (b === undefined) return undefined;
        if (b !== null && typeof b === 'object' && !Array.isArray(b)) return (b as Obj)[k2];
      }
    }
    return slow(ev);
  },
];

/** Every reader pool, for the test that keeps each pool's copies identical. */
export const READER_POOLS: Readonly<Record<string, readonly ((...parts: never[]) => unknown)[]>> = { READERS_1, READERS_2, READERS_3 };

/** How many distinct paths of each depth took a reader so far (round-robin over the pool). */
const handedOut = [0, 0, 0, 0];

function buildAccessor(segments: string[]): FieldAccessor {
  const n = segments.length;
  const slow: FieldAccessor = (ev) => resolveFrom(ev, segments, 0);
  // Names such as `constructor` would find Object.prototype members on plain objects.
  if (n === 0 || segments.some((s) => s in Object.prototype)) return slow;
  if (n > 3) return deepAccessor(segments, slow);
  const copy = handedOut[n]++;
  if (n === 1) return READERS_1[copy % READERS_1.length](segments[0], slow);
  const [k0, k1, k2] = segments;
  if (n === 2) return READERS_2[copy % READERS_2.length](k0, k1, `${k0}.${k1}`, slow);
  return READERS_3[copy % READERS_3.length](k0, k1, k2, `${k0}.${k1}`, `${k0}.${k1}.${k2}`, `${k1}.${k2}`, slow);
}

/** Four segments or more (rare in ECS): one loop for all. */
function deepAccessor(segments: string[], slow: FieldAccessor): FieldAccessor {
  const n = segments.length;
  // dotted[i]: the keys at depth i that would hold the rest of the path in dotted form
  // (`b.c`, `b.c.d` at depth 1 of a.b.c.d); any of them present means a collision.
  const dotted = segments.map((_, i) => segments.slice(i + 1).map((__, j) => segments.slice(i, i + j + 2).join('.')));
  return (ev) => {
    let cur: unknown = ev;
    for (let i = 0; i < n; i++) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return slow(ev);
      const keys = dotted[i];
      for (let j = 0; j < keys.length; j++) if ((cur as Obj)[keys[j]] !== undefined) return slow(ev);
      cur = (cur as Obj)[segments[i]];
      // Absent in every form: no need for the full resolution.
      if (cur === undefined) return undefined;
    }
    return cur;
  };
}

/** Splits a dotted field name into path segments (`process.parent.name`). */
export function splitFieldName(name: string): string[] {
  return name.split('.');
}
