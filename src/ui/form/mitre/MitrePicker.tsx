import { useMemo, useState } from 'react';
import type { TomlTable } from '../../../rule/types.ts';
import { useApp } from '../../../state/store.ts';
import { allTactics, selectFieldProblems, subtechniquesOf, techniquesOf, threatReview } from '../../../state/rule-form.ts';

import { useShallow } from 'zustand/react/shallow';
import { Section } from '../Section.tsx';
import { messageId } from '../field-problems.ts';
import { useRuleValue } from '../rule-value.ts';

const asTables = (v: unknown): TomlTable[] => (Array.isArray(v) ? (v as TomlTable[]) : []);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A technique or sub-technique: its id linking to ATT&CK, its name, and a remove button. */
function AttackLink({ item, kind, onRemove }: { item: TomlTable; kind: string; onRemove: () => void }) {
  return (
    <>
      <a href={str(item.reference)} target="_blank" rel="noreferrer noopener">
        {str(item.id)}
      </a>{' '}
      {str(item.name)}
      <button type="button" className="chip-remove" aria-label={`Remove ${kind} ${str(item.id)}`} onClick={onRemove}>
        ×
      </button>
    </>
  );
}

/** The options of an ATT&CK select: "Name (ID)" for each tactic, technique or sub-technique. */
function AttackOptions({ items }: { items: readonly { id: string; name: string }[] }) {
  return (
    <>
      {items.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name} ({t.id})
        </option>
      ))}
    </>
  );
}

function ThreatList({ threats }: { threats: TomlTable[] }) {
  const { removeThreat } = useApp.getState().actions.form;
  if (!threats.length) return <p className="empty-note">No ATT&amp;CK mapping yet.</p>;
  return (
    <ul className="threat-list" aria-label="ATT&CK mapping">
      {threats.map((entry, i) => {
        const tactic = (entry.tactic ?? {}) as TomlTable;
        return (
          <li key={i} className="threat">
            <span className="threat-tactic">
              {str(tactic.id)} {str(tactic.name)}
            </span>
            <button type="button" className="chip-remove" aria-label={`Remove tactic ${str(tactic.name)}`} onClick={() => removeThreat(i)}>
              ×
            </button>
            <ul>
              {asTables(entry.technique).map((tech, j) => (
                <li key={j}>
                  <AttackLink item={tech} kind="technique" onRemove={() => removeThreat(i, j)} />
                  <ul>
                    {asTables(tech.subtechnique).map((sub, k) => (
                      <li key={k}>
                        <AttackLink item={sub} kind="sub-technique" onRemove={() => removeThreat(i, j, k)} />
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

/** The validator's messages about `rule.threat…`, shown at the picker (and linked from its first control). */
function ThreatProblems() {
  const problems = useApp(useShallow(selectFieldProblems('rule.threat')));
  if (!problems.length) return null;
  return (
    <ul className="field-messages" id={messageId('rule.threat')}>
      {problems.map((p, i) => (
        <li key={i} className={`message ${p.severity}`}>
          {p.path}: {p.message}
        </li>
      ))}
    </ul>
  );
}

/** Tactic → technique → sub-technique, each list narrowed by the choice before it. */
function Chooser() {
  const problems = useApp(useShallow(selectFieldProblems('rule.threat')));
  const tactics = useMemo(allTactics, []);
  const [tacticId, setTacticId] = useState('');
  const [techniqueId, setTechniqueId] = useState('');
  const [subId, setSubId] = useState('');
  const techniques = useMemo(() => (tacticId ? techniquesOf(tacticId) : []), [tacticId]);
  const subs = useMemo(() => (techniqueId ? subtechniquesOf(techniqueId) : []), [techniqueId]);
  return (
    <div className="mitre-chooser">
      <div className="field">
        <label htmlFor="mitre-tactic">Tactic</label>
        <select
          id="mitre-tactic"
          name="rule.threat"
          aria-invalid={problems.some((p) => p.severity === 'error') ? 'true' : undefined}
          aria-describedby={problems.length ? messageId('rule.threat') : undefined}
          value={tacticId}
          onChange={(e) => {
            setTacticId(e.currentTarget.value);
            setTechniqueId('');
            setSubId('');
          }}
        >
          <option value="">Choose a tactic…</option>
          <AttackOptions items={tactics} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="mitre-technique">Technique</label>
        <select
          id="mitre-technique"
          value={techniqueId}
          disabled={!tacticId}
          onChange={(e) => {
            setTechniqueId(e.currentTarget.value);
            setSubId('');
          }}
        >
          <option value="">(tactic only)</option>
          <AttackOptions items={techniques} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="mitre-subtechnique">Sub-technique</label>
        <select id="mitre-subtechnique" value={subId} disabled={!subs.length} onChange={(e) => setSubId(e.currentTarget.value)}>
          <option value="">(none)</option>
          <AttackOptions items={subs} />
        </select>
      </div>
      <button
        type="button"
        className="button"
        disabled={!tacticId}
        onClick={() => useApp.getState().actions.form.addThreat(tacticId, techniqueId || undefined, subId || undefined)}
      >
        Add to ATT&amp;CK mapping
      </button>
    </div>
  );
}

export function MitrePicker() {
  const threatsValue = useRuleValue('rule.threat');
  const threats = asTables(threatsValue);
  const tags = useRuleValue('rule.tags');
  const { mismatches, tagsOff } = useMemo(() => threatReview(threatsValue, tags), [threatsValue, tags]);
  return (
    <Section id="mitre" title="MITRE ATT&CK">
      <ThreatList threats={threats} />
      {(mismatches.length > 0 || tagsOff) && (
        <div className="mitre-mismatches" role="group" aria-label="ATT&CK mismatches">
          <ul>
            {mismatches.map((m) => (
              <li key={m.path} className="message warning">
                {m.path}: {m.message}
              </li>
            ))}
            {tagsOff && <li className="message warning">The "Tactic:" tags do not match the mapped tactics.</li>}
          </ul>
          <button type="button" className="button" onClick={useApp.getState().actions.form.fixThreats}>
            Fix names, links and tactic tags
          </button>
        </div>
      )}
      <ThreatProblems />
      <Chooser />
    </Section>
  );
}
