import { useEffect, useState } from 'react';
import { selectedEntry, useStudio } from '../../state/studio.ts';
import { Field } from './Field.tsx';

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** detection-rules expects the risk score inside the band of the severity. */
const SEVERITY_BANDS: Record<string, string> = { low: '0–21', medium: '22–47', high: '48–73', critical: '74–100' };

function useRuleField(path: string): unknown {
  return useStudio((s) => {
    let value: unknown = selectedEntry(s)?.rule.data;
    for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
    return value;
  });
}

function TextField({ path, label, multiline }: { path: string; label: string; multiline?: boolean }) {
  const value = useRuleField(path);
  const setField = useStudio((s) => s.setField);
  const text = typeof value === 'string' ? value : '';
  return (
    <Field path={path} label={label}>
      {multiline ? (
        <textarea value={text} rows={4} onChange={(e) => setField(path, e.currentTarget.value)} />
      ) : (
        <input type="text" value={text} onChange={(e) => setField(path, e.currentTarget.value)} />
      )}
    </Field>
  );
}

function RiskScoreField() {
  const value = useRuleField('rule.risk_score');
  const severity = useRuleField('rule.severity');
  const setField = useStudio((s) => s.setField);
  // Keep what is typed even while it is not a number yet.
  const [draft, setDraft] = useState(String(value ?? ''));
  useEffect(() => setDraft(String(value ?? '')), [value]);
  const band = typeof severity === 'string' ? SEVERITY_BANDS[severity] : undefined;
  return (
    <Field path="rule.risk_score" label="Risk score" hint={band ? `${severity}: ${band}` : undefined}>
      <input
        type="number"
        inputMode="numeric"
        value={draft}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          if (/^-?\d+$/.test(text.trim())) setField('rule.risk_score', Number(text));
        }}
      />
    </Field>
  );
}

function SeverityField() {
  const value = useRuleField('rule.severity');
  const setField = useStudio((s) => s.setField);
  const current = typeof value === 'string' ? value : '';
  return (
    <Field path="rule.severity" label="Severity">
      <select value={current} onChange={(e) => setField('rule.severity', e.currentTarget.value)}>
        {!SEVERITIES.includes(current as (typeof SEVERITIES)[number]) && <option value={current}>{current || '(none)'}</option>}
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </Field>
  );
}

function TagsField() {
  const value = useRuleField('rule.tags');
  const setField = useStudio((s) => s.setField);
  const tags = Array.isArray(value) ? value.map(String) : [];
  const [draft, setDraft] = useState(tags.join(', '));
  const joined = tags.join(', ');
  useEffect(() => setDraft(joined), [joined]);
  const commit = (text: string) => {
    const next = text
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (next.join(', ') !== joined) setField('rule.tags', next);
  };
  return (
    <Field path="rule.tags" label="Tags" hint="Comma-separated, e.g. Domain: Endpoint, OS: Linux">
      <input type="text" value={draft} onChange={(e) => setDraft(e.currentTarget.value)} onBlur={(e) => commit(e.currentTarget.value)} />
    </Field>
  );
}

export function AboutForm() {
  return (
    <section className="panel about-form" aria-labelledby="about-title">
      <h2 className="panel-title" id="about-title">
        About
      </h2>
      <form onSubmit={(e) => e.preventDefault()}>
        <TextField path="rule.name" label="Name" />
        <TextField path="rule.description" label="Description" multiline />
        <div className="field-row">
          <SeverityField />
          <RiskScoreField />
        </div>
        <TagsField />
      </form>
    </section>
  );
}
