import { newRuleId } from '../../rule/templates.ts';
import { SEVERITIES } from '../../rule/validate/fields.ts';
import { SEVERITY_BANDS } from '../../rule/validate/repo-layer.ts';
import { getOwn } from '../../rule/own-key.ts';
import vocabulary from '../../rule/validate/data/vocabulary.json' with { type: 'json' };
import { useStudio } from '../../state/studio.ts';
import { ChipsField } from './ChipsField.tsx';
import { ListField, NumberField, SelectField, TextField } from './controls.tsx';
import { MarkdownField } from './MarkdownField.tsx';
import { Section } from './Section.tsx';
import { useRuleValue } from './rule-value.ts';

/** detection-rules expects the risk score inside the band of the severity (the validator's table). */
function bandText(severity: unknown): string | undefined {
  const band = typeof severity === 'string' ? getOwn(SEVERITY_BANDS, severity) : undefined;
  return band && `${band[0]}–${band[1]}`;
}

function RiskScoreField() {
  const severity = useRuleValue('rule.severity');
  const band = bandText(severity);
  return <NumberField path="rule.risk_score" label="Risk score" hint={band ? `${severity}: ${band}` : undefined} min={0} max={100} />;
}

function RuleIdField() {
  const setField = useStudio((s) => s.setField);
  return (
    <div className="field-with-action">
      <TextField path="rule.rule_id" label="Rule ID" />
      <button type="button" className="button" onClick={() => setField('rule.rule_id', newRuleId())}>
        Regenerate rule ID
      </button>
    </div>
  );
}

export function AboutForm() {
  return (
    <Section id="about" title="About">
      <TextField path="rule.name" label="Name" />
      <TextField path="rule.description" label="Description" multiline />
      <div className="field-row">
        <SelectField path="rule.severity" label="Severity" options={SEVERITIES} />
        <RiskScoreField />
      </div>
      <ChipsField path="rule.tags" label="Tags" vocabulary={vocabulary.tags} />
      <div className="field-row">
        <ListField path="rule.author" label="Authors" rows={2} />
        <TextField path="rule.license" label="License" suggestions={['Elastic License v2']} />
      </div>
      <ListField path="rule.references" label="References" hint="One URL per line" optional />
      <ListField path="rule.false_positives" label="False positives" optional />
      <MarkdownField path="rule.note" label="Investigation guide" />
      <MarkdownField path="rule.setup" label="Setup guide" />
      <RuleIdField />
    </Section>
  );
}
