import { useId, useState } from 'react';
import type { TomlTable } from '../../rule/types.ts';
import { useApp } from '../../state/store.ts';

import { TextField } from './controls.tsx';
import { useRuleValue } from './rule-value.ts';

const tables = (v: unknown): TomlTable[] => (Array.isArray(v) ? (v as TomlTable[]) : []);

/**
 * A condition is written only once both fields are filled: the formatter orders entries, so an
 * empty one would jump around (and fail validation) while being typed.
 */
function NewCondition({ group, onAdd }: { group: number; onAdd: (field: string, value: string) => void }) {
  const [field, setField] = useState('');
  const [value, setValue] = useState('');
  const id = useId();
  return (
    <div className="field-with-action new-condition">
      <div className="field">
        <label htmlFor={`${id}-field`}>New source field</label>
        <input id={`${id}-field`} type="text" value={field} onChange={(e) => setField(e.currentTarget.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>New indicator field</label>
        <input id={`${id}-value`} type="text" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
      </div>
      <button
        type="button"
        className="button"
        disabled={!field.trim() || !value.trim()}
        onClick={() => {
          onAdd(field.trim(), value.trim());
          setField('');
          setValue('');
        }}
      >
        {group < 0 ? 'Add mapping group' : `Add condition to group ${group + 1}`}
      </button>
    </div>
  );
}

/**
 * Indicator mappings of a threat_match rule: groups joined by OR, each a list of conditions
 * joined by AND, every condition "source field matches indicator field".
 */
export function ThreatMappingField() {
  const mapping = tables(useRuleValue('rule.threat_mapping'));
  const setField = useApp.getState().actions.rules.setField;
  const write = (next: TomlTable[]) => setField('rule.threat_mapping', next);
  const entry = (field: string, value: string): TomlTable => ({ field, type: 'mapping', value });
  const addEntry = (group: number, field: string, value: string) =>
    write(mapping.map((g, i) => (i === group ? { ...g, entries: [...tables(g.entries), entry(field, value)] } : g)));
  const removeEntry = (group: number, entry: number) =>
    write(
      mapping.map((g, i) => (i === group ? { ...g, entries: tables(g.entries).filter((_, j) => j !== entry) } : g)).filter((g) => tables(g.entries).length > 0),
    );

  return (
    <div className="threat-mapping">
      <p className="form-note">Indicator mappings: every condition of a group must hold (AND); any group may match (OR).</p>
      {mapping.map((group, i) => (
        <fieldset key={i} className="subsection">
          <legend>Mapping group {i + 1}</legend>
          {tables(group.entries).map((_, j) => {
            const base = `rule.threat_mapping[${i}].entries[${j}]`;
            return (
              <div key={j} className="field-with-action">
                <TextField path={`${base}.field`} label="Source field" />
                <TextField path={`${base}.value`} label="Indicator field" />
                <button type="button" className="button" aria-label={`Remove condition ${j + 1} of group ${i + 1}`} onClick={() => removeEntry(i, j)}>
                  ×
                </button>
              </div>
            );
          })}
          <NewCondition group={i} onAdd={(field, value) => addEntry(i, field, value)} />
        </fieldset>
      ))}
      <fieldset className="subsection">
        <legend>New mapping group</legend>
        <NewCondition group={-1} onAdd={(field, value) => write([...mapping, { entries: [entry(field, value)] }])} />
      </fieldset>
    </div>
  );
}
