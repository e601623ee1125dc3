import { useEffect, useState } from 'react';
import { lineColumnAt, type Diagnostic } from '../../diagnostic.ts';
import { selectedEntry, useStudio } from '../../state/studio.ts';

/**
 * The rule's TOML, editable. Two-way: a form edit rewrites the text here, and text that parses
 * goes straight back to the rule (and so to the form). Text that does not parse yet stays here
 * as typed, with the reason, until it does.
 */
export function TomlView() {
  const text = useStudio((s) => selectedEntry(s)?.rule.text ?? '');
  const setRuleText = useStudio((s) => s.setRuleText);
  const [draft, setDraft] = useState(text);
  const [problems, setProblems] = useState<Diagnostic[]>([]);
  useEffect(() => {
    setDraft(text);
    setProblems([]);
  }, [text]);

  return (
    <section className="panel toml-view" aria-labelledby="toml-title">
      <h2 className="panel-title" id="toml-title">
        TOML
      </h2>
      <label className="visually-hidden" htmlFor="toml-source">
        TOML source
      </label>
      <textarea
        id="toml-source"
        className="toml-source"
        spellCheck={false}
        value={draft}
        aria-invalid={problems.length ? 'true' : undefined}
        aria-describedby={problems.length ? 'toml-problems' : undefined}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setDraft(next);
          setProblems(setRuleText(next) ?? []);
        }}
      />
      {problems.length > 0 && (
        <ul className="field-messages" id="toml-problems">
          {problems.map((d, i) => (
            <li key={i} className="message error">
              {d.range ? `Line ${lineColumnAt(draft, d.range.start).line}: ` : ''}
              {d.message} (not applied until the TOML is valid)
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
