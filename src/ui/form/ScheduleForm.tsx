import { SCHEDULE_DEFAULTS, scheduleSummary } from '../../state/rule-form.ts';
import { NumberField, TextField } from './controls.tsx';
import { Section } from './Section.tsx';
import { asText, useRuleValue } from './rule-value.ts';

const { from: DEFAULT_FROM, interval: DEFAULT_INTERVAL } = SCHEDULE_DEFAULTS;

export function ScheduleForm() {
  const from = asText(useRuleValue('rule.from')) || DEFAULT_FROM;
  const interval = asText(useRuleValue('rule.interval')) || DEFAULT_INTERVAL;
  const summary = scheduleSummary(from, interval);
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
