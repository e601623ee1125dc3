import { formatDate } from '../../rule/templates.ts';
import { MATURITIES } from '../../rule/validate/fields.ts';
import vocabulary from '../../rule/validate/data/vocabulary.json' with { type: 'json' };
import { useStudio } from '../../state/studio.ts';
import { useView } from '../../state/view.ts';
import { ChipsField } from './ChipsField.tsx';
import { SelectField, TextField } from './controls.tsx';
import { Section } from './Section.tsx';

function UpdatedDateField() {
  const setField = useStudio((s) => s.setField);
  const bump = useView((s) => s.bumpUpdatedDate);
  const setBump = useView((s) => s.setBumpUpdatedDate);
  return (
    <div>
      <div className="field-with-action">
        <TextField path="metadata.updated_date" label="Updated date" hint="YYYY/MM/DD" />
        <button type="button" className="button" onClick={() => setField('metadata.updated_date', formatDate(new Date()))}>
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
        <SelectField path="metadata.maturity" label="Maturity" options={MATURITIES} />
      </div>
      <UpdatedDateField />
      <ChipsField path="metadata.integration" label="Integrations" vocabulary={vocabulary.integrations} hint="Fleet package names" optional />
      <div className="field-row">
        <TextField path="metadata.min_stack_version" label="Minimum stack version" optional suggestions={vocabulary.stacks} />
        <TextField path="metadata.min_stack_comments" label="Minimum stack comments" optional />
      </div>
    </Section>
  );
}
