/** Date-math durations of rule scheduling (`from = "now-9m"`, `interval = "5m"`, `maxspan=30s`). */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  H: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  y: 365 * 86_400_000,
};

/** `5m` → 300000; undefined when it is not a number followed by a known unit. */
export function durationMs(text: string, units: readonly string[] = Object.keys(UNIT_MS)): number | undefined {
  const m = /^(\d+)(ms|[smhHdwMy])$/.exec(text.trim());
  if (!m || !units.includes(m[2])) return undefined;
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** `now-9m` → 540000 (how far back the rule looks); `now` → 0. */
export function lookbackMs(text: string, units?: readonly string[]): number | undefined {
  const t = text.trim();
  if (t === 'now') return 0;
  const m = /^now-(.+)$/.exec(t);
  return m ? durationMs(m[1], units) : undefined;
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms % size === 0 && ms >= size) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
