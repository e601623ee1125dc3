/**
 * The key paths a rule's data holds, for checks that a writer kept everything the user wrote.
 * Array positions are written `[]` (the formatter re-sorts nested lists, so positions may move;
 * what must not happen is a key or table disappearing). Iterative: any depth, no recursion.
 */
import type { TomlValue } from './types.ts';
import { childPath } from './toml-path.ts';

/** Paths of every leaf: scalars, empty arrays and empty tables (`rule.threat[].tactic.id`). */
export function leafKeyPaths(value: TomlValue): Set<string> {
  const out = new Set<string>();
  const stack: { value: TomlValue; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (Array.isArray(v)) {
      if (v.length === 0) out.add(path);
      for (const item of v) stack.push({ value: item, path: `${path}[]` });
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      const keys = Object.keys(v);
      if (keys.length === 0) out.add(path);
      for (const k of keys) stack.push({ value: v[k], path: childPath(path, k) });
    } else out.add(path);
  }
  return out;
}

/** Leaf paths of `before` that `after` no longer has, in a stable order. */
export function lostKeyPaths(before: TomlValue, after: TomlValue): string[] {
  const kept = leafKeyPaths(after);
  return [...leafKeyPaths(before)].filter((p) => !kept.has(p)).sort();
}
