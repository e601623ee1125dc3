import { useId, useState } from 'react';
import type { TomlTable } from '../../rule/types.ts';
import { useApp } from '../../state/store.ts';

import { NumberField, TextField } from './controls.tsx';
import { useRuleValue } from './rule-value.ts';

const PATH = 'rule.threshold.cardinality';
const tables = (v: unknown): TomlTable[] => (Array.isArray(v) ? (v as TomlTable[]) : []);
const POSITIVE_INTEGER = /^[1-9]\d*$/;

/**
 * Threshold cardinality: alert only when a field holds at least `value` distinct values in the
 * group. Existing entries are edited in place (and validated at their paths); a new one is
 * written only once both inputs are filled, so a half-typed entry never fails validation.
 */
export function CardinalityField() {
  const entries = tables(useRuleValue(PATH));
  const setField = useApp.getState().actions.rules.setField;
  const [field, setNewField] = useState('');
  const [value, setNewValue] = useState('');
  const id = useId();
  // No entries left: the key goes away rather than staying as an empty array.
  const write = (next: TomlTable[]) => setField(PATH, next.length ? next : undefined);

  return (
    <div className="cardinality">
      <p className="form-note">Cardinality: also require at least this many distinct values of a field per group.</p>
      {entries.map((_, i) => (
        <div key={i} className="field-with-action">
          <TextField path={`${PATH}[${i}].field`} label="Cardinality field" />
          <NumberField path={`${PATH}[${i}].value`} label="Distinct values" min={1} />
          <button type="button" className="button" aria-label={`Remove cardinality ${i + 1}`} onClick={() => write(entries.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <div className="field-with-action new-condition">
        <div className="field">
          <label htmlFor={`${id}-field`}>New cardinality field</label>
          <input id={`${id}-field`} type="text" value={field} onChange={(e) => setNewField(e.currentTarget.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`}>New distinct values</label>
          <input id={`${id}-value`} type="number" min={1} value={value} onChange={(e) => setNewValue(e.currentTarget.value)} />
        </div>
        <button
          type="button"
          className="button"
          disabled={!field.trim() || !POSITIVE_INTEGER.test(value.trim())}
          onClick={() => {
            write([...entries, { field: field.trim(), value: Number(value.trim()) }]);
            setNewField('');
            setNewValue('');
          }}
        >
          Add cardinality
        </button>
      </div>
    </div>
  );
}
