/** Stack versions ('8.19.0', '9.6') compared numerically, part by part. */
import vocabulary from './data/vocabulary.json' with { type: 'json' };

/** The oldest stack detection-rules still supports: an unset `min_stack_version` means this. */
export const OLDEST_STACK: string = vocabulary.oldestStack;

export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => parseInt(p, 10) || 0);
  const pb = b.split(/[.-]/).map((p) => parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The rule's effective minimum stack: its `min_stack_version`, never below the oldest supported. */
export function effectiveMinStack(minStackVersion: unknown): string {
  if (typeof minStackVersion !== 'string' || !/^\d+\.\d+/.test(minStackVersion)) return OLDEST_STACK;
  return compareVersions(minStackVersion, OLDEST_STACK) < 0 ? OLDEST_STACK : minStackVersion;
}
