import { useState, type ReactElement } from 'react';
import { Field } from './Field.tsx';
import { excerpt, formatSize } from '../../state/large-text.ts';

/**
 * A form value too large for a textarea to lay out without freezing the page (see large-text.ts):
 * a read-only excerpt until the user asks for the full text. The value itself stays in the rule
 * as it is, so nothing is lost and Export writes all of it.
 */
export function LargeTextField({ path, label, hint, text, editor }: { path: string; label: string; hint?: string; text: string; editor: ReactElement }) {
  const [full, setFull] = useState(false);
  if (full) return editor;
  return (
    <div className="large-value">
      <Field path={path} label={label} hint={hint}>
        <textarea readOnly rows={4} value={excerpt(text)} />
      </Field>
      <p className="field-hint">
        {label} holds {formatSize(text.length)}: only the start is shown, so the page stays responsive. The whole text is kept and exported.{' '}
        <button type="button" onClick={() => setFull(true)}>
          Edit full {label.toLowerCase()} (slow)
        </button>
      </p>
    </div>
  );
}
