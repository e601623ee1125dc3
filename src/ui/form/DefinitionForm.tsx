import { useApp } from '../../state/store.ts';
import { FORM_CHOICES } from '../../state/rule-form.ts';

import { ListField, NumberField, SelectField, TextField } from './controls.tsx';
import { Section } from './Section.tsx';
import { focusQueryEditor } from '../problems/reveal-problem.ts';
import { ThreatMappingField } from './ThreatMappingField.tsx';
import { CardinalityField } from './CardinalityField.tsx';
import { useRuleValue } from './rule-value.ts';

/** Types that search indices or a data view with a query. */
const QUERY_TYPES = new Set(['query', 'eql', 'threshold', 'new_terms', 'threat_match']);

function QueryNote() {
  const setView = useApp.getState().actions.view.setView;
  return (
    <p className="form-note">
      The query is edited in the Query panel above.{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setView('form');
          focusQueryEditor();
        }}
      >
        Go to the query
      </button>
    </p>
  );
}

function AlertSuppression({ type }: { type: string }) {
  const base = 'rule.alert_suppression';
  return (
    <fieldset className="subsection">
      <legend>Alert suppression</legend>
      {type !== 'threshold' && <ListField path={`${base}.group_by`} label="Suppress by fields" hint="Up to 3 fields, one per line" optional rows={2} />}
      <div className="field-row">
        <NumberField path={`${base}.duration.value`} label="Suppression duration" optional min={1} />
        <SelectField path={`${base}.duration.unit`} label="Duration unit" options={FORM_CHOICES.suppressionUnits} optional />
      </div>
      {type !== 'threshold' && (
        <SelectField path={`${base}.missing_fields_strategy`} label="When fields are missing" options={FORM_CHOICES.missingFieldsStrategies} optional />
      )}
    </fieldset>
  );
}

function EqlSettings() {
  return (
    <fieldset className="subsection">
      <legend>EQL settings</legend>
      <TextField path="rule.timestamp_override" label="Timestamp override" optional suggestions={['event.ingested']} />
      <TextField path="rule.event_category_override" label="Event category override" optional />
      <TextField path="rule.tiebreaker_field" label="Tiebreaker field" optional />
    </fieldset>
  );
}

function TypeSpecific({ type }: { type: string }) {
  switch (type) {
    case 'threshold':
      return (
        <fieldset className="subsection">
          <legend>Threshold</legend>
          <ListField path="rule.threshold.field" label="Group by fields" hint="Up to 3 (5 from 8.x) fields, one per line" rows={2} />
          <NumberField path="rule.threshold.value" label="Threshold" min={1} />
          <CardinalityField />
        </fieldset>
      );
    case 'new_terms':
      return (
        <fieldset className="subsection">
          <legend>New terms</legend>
          <ListField path="rule.new_terms.value" label="New terms fields" hint="Up to 3 fields, one per line" rows={2} />
          <TextField path="rule.new_terms.history_window_start[0].value" label="History window start" placeholder="now-14d" />
        </fieldset>
      );
    case 'threat_match':
      return (
        <fieldset className="subsection">
          <legend>Indicator match</legend>
          <ListField path="rule.threat_index" label="Indicator index patterns" rows={2} />
          <TextField path="rule.threat_query" label="Indicator query" multiline optional />
          <div className="field-row">
            <SelectField path="rule.threat_language" label="Indicator query language" options={FORM_CHOICES.threatLanguages} optional />
            <TextField path="rule.threat_indicator_path" label="Indicator path" optional suggestions={['threat.indicator']} />
          </div>
          <ThreatMappingField />
        </fieldset>
      );
    case 'machine_learning':
      return (
        <fieldset className="subsection">
          <legend>Machine learning</legend>
          <ListField path="rule.machine_learning_job_id" label="Machine learning job IDs" rows={2} />
          <NumberField path="rule.anomaly_threshold" label="Anomaly score threshold" min={0} max={100} />
        </fieldset>
      );
    default:
      return null;
  }
}

export function DefinitionForm() {
  const type = String(useRuleValue('rule.type') ?? '');
  const searchesIndices = QUERY_TYPES.has(type);
  return (
    <Section id="definition" title="Definition">
      <div className="field-row">
        <SelectField path="rule.type" label="Rule type" options={FORM_CHOICES.ruleTypes} />
        {type !== 'machine_learning' && <SelectField path="rule.language" label="Query language" options={FORM_CHOICES.queryLanguages} />}
      </div>
      {searchesIndices && (
        <div className="field-row">
          <ListField path="rule.index" label="Index patterns" optional rows={2} />
          <TextField path="rule.data_view_id" label="Data view ID" hint="Instead of index patterns" optional />
        </div>
      )}
      {type !== 'machine_learning' && <QueryNote />}
      {type === 'eql' && <EqlSettings />}
      <TypeSpecific type={type} />
      {type !== 'threat_match' && <AlertSuppression type={type} />}
    </Section>
  );
}
