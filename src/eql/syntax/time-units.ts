/** The time units of `maxspan` (Elasticsearch accepts exactly these five). */
import type { TimeUnit } from './ast.ts';

export const TIME_UNIT_MILLIS: Readonly<Record<TimeUnit, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Each unit and the next smaller one, for suggesting an integer form of `1.5h`. */
const SMALLER_UNIT: Readonly<Record<TimeUnit, TimeUnit | null>> = { d: 'h', h: 'm', m: 's', s: 'ms', ms: null };

export function isTimeUnit(u: string): u is TimeUnit {
  return u === 'ms' || u === 's' || u === 'm' || u === 'h' || u === 'd';
}

/** `1.5s` → `1500ms`: the same span in the largest unit where it is a whole number. */
export function integerSpan(value: number, unit: TimeUnit): string | null {
  if (!(value > 0) || !Number.isFinite(value)) return null;
  let u: TimeUnit | null = unit;
  while (u !== null) {
    const v = (value * TIME_UNIT_MILLIS[unit]) / TIME_UNIT_MILLIS[u];
    const rounded = Math.round(v);
    if (Math.abs(v - rounded) < 1e-9 && rounded > 0) return `${rounded}${u}`;
    u = SMALLER_UNIT[u];
  }
  return null;
}
