/**
 * Stack versions → ECS versions (stack-schema-map.yaml, generated into data/stacks.json).
 * detection-rules checks a query against every supported stack from the rule's
 * min_stack_version (the oldest supported stack when unset) up to the current package version;
 * a field must exist in all of them.
 */
import stacksData from './data/stacks.json' with { type: 'json' };

interface StackEntry {
  ecs: string;
  beats: string;
  endgame: string;
}

const STACKS = stacksData.stacks as Record<string, StackEntry>;
export const CURRENT_STACK: string = stacksData.currentStack;

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const SUPPORTED = Object.keys(STACKS).sort(compareVersions);
export const OLDEST_STACK = SUPPORTED[0];

/** The supported stacks a rule with this min_stack_version is validated against. */
export function stacksFrom(minStackVersion: string | undefined): string[] {
  const min = minStackVersion?.trim() || OLDEST_STACK;
  const picked = SUPPORTED.filter((s) => compareVersions(s, min) >= 0 && compareVersions(s, CURRENT_STACK) <= 0);
  // A min stack above the current package: detection-rules validates against the newest schema.
  return picked.length > 0 ? picked : [SUPPORTED[SUPPORTED.length - 1]];
}

export function ecsVersionOf(stack: string): string {
  return STACKS[stack]?.ecs ?? STACKS[SUPPORTED[SUPPORTED.length - 1]].ecs;
}

export function supportedStacks(): string[] {
  return [...SUPPORTED];
}
