/**
 * TOML paths in the Diagnostic `path` form: `rule.threat[0].tactic.id`.
 *
 * A key that is not a bare TOML key (`$state`, `winlog.event_data.CallerProcessName`) is written
 * JSON-quoted inside the path, so every path splits back into the same segments.
 */

export type PathSegment = string | number;

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** Joins segments: strings become `.key` (quoted when not bare), numbers become `[n]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out === '' ? '' : '.') + (BARE_KEY.test(seg) ? seg : JSON.stringify(seg));
  }
  return out;
}

/** Appends one key to a path. */
export function childPath(parent: string, key: string): string {
  const k = BARE_KEY.test(key) ? key : JSON.stringify(key);
  return parent === '' ? k : `${parent}.${k}`;
}

/** Splits a path back into segments; returns null when the path is malformed. */
export function parsePath(path: string): PathSegment[] | null {
  const out: PathSegment[] = [];
  let i = 0;
  let expectKey = true;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) return null;
      const n = Number(path.slice(i + 1, close));
      if (!Number.isInteger(n) || n < 0) return null;
      out.push(n);
      i = close + 1;
      expectKey = false;
      continue;
    }
    if (c === '.') {
      if (expectKey) return null;
      i++;
      expectKey = true;
      continue;
    }
    if (!expectKey) return null;
    if (c === '"') {
      // Find the closing quote, honouring backslash escapes, and let JSON decode the key.
      let j = i + 1;
      while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
      if (j >= path.length) return null;
      try {
        out.push(JSON.parse(path.slice(i, j + 1)) as string);
      } catch {
        return null;
      }
      i = j + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      out.push(path.slice(i, j));
      i = j;
    }
    expectKey = false;
  }
  return expectKey && out.length > 0 ? null : out;
}
