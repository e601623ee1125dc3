import { useApp } from '../../state/store.ts';
import { FORM_CHOICES, severityBandText, VOCABULARY } from '../../state/rule-form.ts';
import { ChipsField } from './ChipsField.tsx';
import { ListField, NumberField, SelectField, TextField } from './controls.tsx';
import { MarkdownField } from './MarkdownField.tsx';
import { Section } from './Section.tsx';
import { useRuleValue } from './rule-value.ts';

function RiskScoreField() {
  const severity = useRuleValue('rule.severity');
  const band = severityBandText(severity);
  return <NumberField path="rule.risk_score" label="Risk score" hint={band ? `${severity}: ${band}` : undefined} min={0} max={100} />;
}

function RuleIdField() {
  return (
    <div className="field-with-action">
      <TextField path="rule.rule_id" label="Rule ID" />
      <button type="button" className="button" onClick={useApp.getState().actions.form.regenerateRuleId}>
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
        <SelectField path="rule.severity" label="Severity" options={FORM_CHOICES.severities} />
        <RiskScoreField />
      </div>
      <ChipsField path="rule.tags" label="Tags" vocabulary={VOCABULARY.tags} />
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
