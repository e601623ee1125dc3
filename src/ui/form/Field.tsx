import type { ReactElement } from 'react';
import { cloneElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../state/store.ts';
import { selectFieldProblems } from '../../state/rule-form.ts';
import { messageId } from './field-problems.ts';

interface FieldProps {
  /** TOML path edited by the control; also the control's `name`. */
  path: string;
  label: string;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled control that shows the validation messages for its TOML path. */
export function Field({ path, label, hint, children }: FieldProps) {
  const problems = useApp(useShallow(selectFieldProblems(path)));
  const controlId = 'field-' + path.replace(/[^a-zA-Z0-9_-]/g, '-');
  const invalid = problems.some((p) => p.severity === 'error');
  const describedBy = problems.length ? messageId(path) : undefined;
  return (
    <div className={invalid ? 'field invalid' : 'field'}>
      <label htmlFor={controlId}>{label}</label>
      {cloneElement(children, {
        id: controlId,
        name: path,
        'aria-invalid': invalid ? 'true' : undefined,
        'aria-describedby': describedBy,
      })}
      {hint && <span className="field-hint">{hint}</span>}
      {problems.length > 0 && (
        <ul className="field-messages" id={messageId(path)}>
          {problems.map((p, i) => (
            <li key={i} className={`message ${p.severity}`}>
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
