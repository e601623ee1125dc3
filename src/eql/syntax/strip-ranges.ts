/**
 * A deep copy of an AST without source positions (`range`, `opRange`, `nameRange`,
 * `categoryRange`), for comparing trees parsed from differently laid-out text.
 */
const POSITION_KEYS = new Set(['range', 'opRange', 'nameRange', 'categoryRange']);

export function stripRanges<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n: unknown) => stripRanges(n)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (!POSITION_KEYS.has(key)) out[key] = stripRanges(value);
  }
  return out as T;
}
