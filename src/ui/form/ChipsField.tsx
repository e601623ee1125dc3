import { useId, useState } from 'react';
import { useApp } from '../../state/store.ts';

import { Field } from './Field.tsx';
import { asStrings, useRuleValue } from './rule-value.ts';

/**
 * A list of short strings as removable chips, with a text box that completes from a vocabulary
 * by prefix (the browser's datalist) and adds on Enter or comma.
 */
export function ChipsField({
  path,
  label,
  vocabulary,
  hint,
  optional,
}: {
  path: string;
  label: string;
  vocabulary: readonly string[];
  hint?: string;
  optional?: boolean;
}) {
  const values = asStrings(useRuleValue(path));
  const setField = useApp.getState().actions.rules.setField;
  const [draft, setDraft] = useState('');
  const listId = useId();
  const prefix = draft.trim().toLowerCase();
  const suggestions = vocabulary.filter((v) => !values.includes(v) && (prefix === '' || v.toLowerCase().startsWith(prefix))).slice(0, 50);

  const add = (text: string) => {
    const tag = text.trim();
    setDraft('');
    if (tag && !values.includes(tag)) setField(path, [...values, tag]);
  };
  const remove = (tag: string) => {
    const next = values.filter((t) => t !== tag);
    setField(path, next.length === 0 && optional ? undefined : next);
  };

  return (
    <div className="chips-field">
      <ul className="chips" aria-label={`${label} list`}>
        {values.map((tag) => (
          <li key={tag} className="chip static">
            {tag}
            <button type="button" className="chip-remove" aria-label={`Remove ${tag}`} onClick={() => remove(tag)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <Field path={path} label={label} hint={hint ?? 'Type to complete; Enter adds'}>
        <input
          type="text"
          list={listId}
          value={draft}
          onChange={(e) => {
            const text = e.currentTarget.value;
            // Picking a completion (the browser reports it as a replacement, not typing) or typing a
            // comma completes the chip.
            const inputType = (e.nativeEvent as InputEvent).inputType;
            if (text.endsWith(',')) add(text.slice(0, -1));
            else if (vocabulary.includes(text) && (inputType === undefined || inputType === 'insertReplacementText')) add(text);
            else setDraft(text);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(draft);
            } else if (e.key === 'Backspace' && draft === '' && values.length) {
              remove(values[values.length - 1]);
            }
          }}
        />
      </Field>
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
