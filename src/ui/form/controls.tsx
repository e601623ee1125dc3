/**
 * The form's controls: each edits one TOML path of the selected rule, is labelled, has
 * `name` = its path, and shows that path's validation messages (through Field).
 */
import { useApp } from '../../state/store.ts';
import { useId } from 'react';

import { Field } from './Field.tsx';
import { asStrings, asText, useRuleValue } from './rule-value.ts';
import { useDraft } from './use-draft.ts';
import { isLargeField } from '../../state/large-text.ts';
import { LargeTextField } from './LargeTextField.tsx';

interface ControlProps {
  path: string;
  label: string;
  hint?: string;
  /** Clearing the control removes the key instead of writing an empty value. */
  optional?: boolean;
}

export function TextField({
  path,
  label,
  hint,
  optional,
  multiline,
  suggestions,
  placeholder,
}: ControlProps & { multiline?: boolean; suggestions?: readonly string[]; placeholder?: string }) {
  const text = asText(useRuleValue(path));
  const setField = useApp.getState().actions.rules.setField;
  const listId = useId();
  const onChange = (value: string) => setField(path, value === '' && optional ? undefined : value);
  const field = (
    <>
      <Field path={path} label={label} hint={hint}>
        {multiline ? (
          <textarea value={text} rows={4} placeholder={placeholder} onChange={(e) => onChange(e.currentTarget.value)} />
        ) : (
          <input type="text" value={text} placeholder={placeholder} list={suggestions ? listId : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
        )}
      </Field>
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </>
  );
  // A huge value (a hostile rule's 5 MB description) would freeze the page in a text control.
  return isLargeField(text) ? <LargeTextField key={path} path={path} label={label} hint={hint} text={text} editor={field} /> : field;
}

const INTEGER = /^-?\d+$/;

export function NumberField({ path, label, hint, optional, min, max }: ControlProps & { min?: number; max?: number }) {
  const value = useRuleValue(path);
  const setField = useApp.getState().actions.rules.setField;
  // Keep what is typed even while it is not a number yet.
  const [draft, setDraft] = useDraft(
    value,
    (v) => (typeof v === 'number' ? String(v) : ''),
    (text, v) => text.trim() === String(v ?? ''),
  );
  return (
    <Field path={path} label={label} hint={hint}>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={draft}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          if (INTEGER.test(text.trim())) setField(path, Number(text));
          else if (text.trim() === '' && optional) setField(path, undefined);
        }}
      />
    </Field>
  );
}

export function SelectField({ path, label, hint, optional, options }: ControlProps & { options: readonly string[] }) {
  const current = asText(useRuleValue(path));
  const setField = useApp.getState().actions.rules.setField;
  const known = options.includes(current);
  return (
    <Field path={path} label={label} hint={hint}>
      <select value={current} onChange={(e) => setField(path, e.currentTarget.value === '' && optional ? undefined : e.currentTarget.value)}>
        {(optional || !known) && <option value={known ? '' : current}>{current && !known ? current : '(none)'}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A list of strings, one per line. */
export function ListField({ path, label, hint, optional, rows = 3 }: ControlProps & { rows?: number }) {
  const values = asStrings(useRuleValue(path));
  const setField = useApp.getState().actions.rules.setField;
  const [draft, setDraft] = useDraft(
    values,
    (v) => v.join('\n'),
    (text, v) => linesOf(text).join('\n') === v.join('\n'),
  );
  return (
    <Field path={path} label={label} hint={hint ?? 'One per line'}>
      <textarea
        value={draft}
        rows={rows}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          const next = linesOf(text);
          if (next.join('\n') !== values.join('\n') || (next.length === 0 && optional)) setField(path, next.length === 0 && optional ? undefined : next);
        }}
      />
    </Field>
  );
}

export function CheckboxField({ path, label }: { path: string; label: string }) {
  const value = useRuleValue(path);
  const setField = useApp.getState().actions.rules.setField;
  return (
    <Field path={path} label={label}>
      <input type="checkbox" checked={value === true} onChange={(e) => setField(path, e.currentTarget.checked ? true : undefined)} />
    </Field>
  );
}
