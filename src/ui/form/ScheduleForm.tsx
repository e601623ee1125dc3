import { durationMs, formatDuration, lookbackMs } from '../../rule/validate/durations.ts';
import { NumberField, TextField } from './controls.tsx';
import { Section } from './Section.tsx';
import { asText, useRuleValue } from './rule-value.ts';

/** detection-rules' defaults when the keys are absent. */
const DEFAULT_FROM = 'now-6m';
const DEFAULT_INTERVAL = '5m';

/** How far each run looks back beyond the previous one: gaps and overlaps are visible at once. */
function lookbackSummary(from: string, interval: string): string | undefined {
  const back = lookbackMs(from);
  const every = durationMs(interval);
  if (back === undefined || every === undefined) return undefined;
  const extra = back - every;
  if (extra < 0) return `Runs every ${formatDuration(every)} but looks back only ${formatDuration(back)}: events in the gap are never searched.`;
  return `Runs every ${formatDuration(every)}, looks back ${formatDuration(back)} (${extra === 0 ? 'no' : formatDuration(extra)} overlap for late events).`;
}

export function ScheduleForm() {
  const from = asText(useRuleValue('rule.from')) || DEFAULT_FROM;
  const interval = asText(useRuleValue('rule.interval')) || DEFAULT_INTERVAL;
  const summary = lookbackSummary(from, interval);
  return (
    <Section id="schedule" title="Schedule">
      <div className="field-row three">
        <TextField path="rule.from" label="From (look-back)" placeholder={DEFAULT_FROM} optional />
        <TextField path="rule.interval" label="Interval" placeholder={DEFAULT_INTERVAL} optional />
        <NumberField path="rule.max_signals" label="Max alerts per run" optional min={1} max={1000} />
      </div>
      {summary && <p className="form-note schedule-summary">{summary}</p>}
    </Section>
  );
}
