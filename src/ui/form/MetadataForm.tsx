import { useApp } from '../../state/store.ts';
import { FORM_CHOICES, VOCABULARY } from '../../state/rule-form.ts';

import { ChipsField } from './ChipsField.tsx';
import { SelectField, TextField } from './controls.tsx';
import { Section } from './Section.tsx';

function UpdatedDateField() {
  const bump = useApp((s) => s.bumpUpdatedDate);
  const setBump = useApp.getState().actions.view.setBumpUpdatedDate;
  return (
    <div>
      <div className="field-with-action">
        <TextField path="metadata.updated_date" label="Updated date" hint="YYYY/MM/DD" />
        <button type="button" className="button" onClick={useApp.getState().actions.form.setUpdatedDateToday}>
          Set updated date to today
        </button>
      </div>
      <label className="inline-check">
        <input type="checkbox" checked={bump} onChange={(e) => setBump(e.currentTarget.checked)} /> Bump the updated date when exporting a changed rule
      </label>
    </div>
  );
}

export function MetadataForm() {
  return (
    <Section id="metadata" title="Metadata">
      <div className="field-row">
        <TextField path="metadata.creation_date" label="Creation date" hint="YYYY/MM/DD" />
        <SelectField path="metadata.maturity" label="Maturity" options={FORM_CHOICES.maturities} />
      </div>
      <UpdatedDateField />
      <ChipsField path="metadata.integration" label="Integrations" vocabulary={VOCABULARY.integrations} hint="Fleet package names" optional />
      <div className="field-row">
        <TextField path="metadata.min_stack_version" label="Minimum stack version" optional suggestions={VOCABULARY.stacks} />
        <TextField path="metadata.min_stack_comments" label="Minimum stack comments" optional />
      </div>
    </Section>
  );
}
