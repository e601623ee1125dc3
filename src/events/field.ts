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
    // An array of objects: each element contributes its values (Lucene flattens them).
    let out: unknown[] | undefined;
    for (const item of obj) {
      const v = resolveFrom(item, path, from);
      if (v === undefined) continue;
      out ??= [];
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out;
  }
  if (!isObject(obj)) return undefined;
  let found: unknown = undefined;
  let several: unknown[] | undefined;
  let key = '';
  for (let end = from; end < path.length; end++) {
    key = end === from ? path[from] : key + '.' + path[end];
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
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
 * (a dotted key, an array on the way, a missing segment) falls back to the full resolution so
 * the answer is always the same as `getField`.
 */
export function compileFieldAccessor(path: FieldPath): FieldAccessor {
  const segments = path.slice();
  const n = segments.length;
  // Names such as `constructor` would find Object.prototype members on plain objects.
  if (segments.some((s) => s in Object.prototype)) return (ev) => resolveFrom(ev, segments, 0);
  // Fast paths read plain properties: an array or primitive on the way reads as undefined and
  // falls back to the full resolution, so only the common shape pays nothing extra.
  if (n === 1) {
    const k0 = segments[0];
    return (ev) => (ev !== null && typeof ev === 'object' && !Array.isArray(ev) ? (ev as Record<string, unknown>)[k0] : resolveFrom(ev, segments, 0));
  }
  if (n === 2) {
    const k0 = segments[0];
    const k1 = segments[1];
    return (ev) => {
      // Reading a property of a primitive or an array yields undefined (or a harmless value
      // that the checks below reject), so only the second level needs a type check.
      const a = ev == null ? undefined : (ev as Record<string, unknown>)[k0];
      if (a !== null && typeof a === 'object') {
        const v = (a as Record<string, unknown>)[k1];
        if (v !== undefined && !Array.isArray(a) && !Array.isArray(ev)) return v;
      }
      return resolveFrom(ev, segments, 0);
    };
  }
  return (ev) => {
    let cur: unknown = ev;
    for (let i = 0; i < n; i++) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return resolveFrom(ev, segments, 0);
      cur = (cur as Record<string, unknown>)[segments[i]];
    }
    return cur !== undefined ? cur : resolveFrom(ev, segments, 0);
  };
}

/** Splits a dotted field name into path segments (`process.parent.name`). */
export function splitFieldName(name: string): string[] {
  return name.split('.');
}
