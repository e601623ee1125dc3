import { useRef, useState } from 'react';
import { selectedEntry, useStudio } from '../../state/studio.ts';
import { newErrors } from '../../state/export-guard.ts';
import { hasUnexportedChanges, isDirty, ruleName, type RuleEntry } from '../../state/rule-entry.ts';
import { useView } from '../../state/view.ts';
import { newRule, RULE_TYPES, type RuleType } from '../../rule/templates.ts';
import { downloadText } from './download.ts';
import { exportedText, kibanaExport, newErrorsQuestion, rulesZip, withUpdatedDate } from './export.ts';
import { readPickedFiles } from './read-files.ts';
import { MenuButton } from './MenuButton.tsx';
import { useStatus } from '../../state/status.ts';
import { RepositoryActions } from '../repository/RepositoryActions.tsx';

const TYPE_LABELS: Record<RuleType, string> = {
  eql: 'EQL',
  query: 'Custom query (KQL)',
  threshold: 'Threshold',
  new_terms: 'New terms',
  esql: 'ES|QL',
  machine_learning: 'Machine learning',
  threat_match: 'Indicator match',
};

/** Applies the "bump updated date" preference to the entries about to be exported. */
function prepared(entries: RuleEntry[]): RuleEntry[] {
  if (!useView.getState().bumpUpdatedDate) return entries;
  const { updateRule } = useStudio.getState();
  return entries.map((entry) => {
    const next = withUpdatedDate(entry);
    if (next !== entry) updateRule(entry.id, () => next);
    return next;
  });
}

/**
 * Errors the user's edits introduced ask before export (one question for all the rules);
 * warnings never do.
 */
async function confirmErrors(entries: readonly RuleEntry[]): Promise<boolean> {
  const rules = await Promise.all(
    entries.map(async (entry) => {
      try {
        return { name: ruleName(entry), errors: await newErrors(entry) };
      } catch {
        return { name: ruleName(entry), errors: [] }; // The check is a courtesy: if the worker cannot answer, export goes ahead.
      }
    }),
  );
  const question = newErrorsQuestion(rules);
  return question === null || window.confirm(question);
}

export function Toolbar() {
  const entry = useStudio(selectedEntry);
  const changedCount = useStudio((s) => s.rules.filter(isDirty).length);
  const openFiles = useStudio((s) => s.openFiles);
  const addRule = useStudio((s) => s.addRule);
  const markExported = useStudio((s) => s.markExported);
  const inputRef = useRef<HTMLInputElement>(null);
  const kibanaRef = useRef<HTMLInputElement>(null);
  const [template, setTemplate] = useState<RuleType>('eql');
  /** A message about the whole workspace (shown whatever rule is selected). */
  const setNotice = (text: string) => useStatus.getState().showStatus(text);
  /** A message about one rule (shown while that rule is selected). */
  const setRuleNotice = (ruleId: string, text: string) => useStatus.getState().showStatus(text, ruleId);

  const onFiles = async (input: HTMLInputElement | null) => {
    if (!input?.files) return;
    const { opened, failed } = openFiles(await readPickedFiles(input.files));
    setNotice(`Opened ${opened} rule${opened === 1 ? '' : 's'}${failed ? `, ${failed} could not be read` : ''}`);
    input.value = '';
  };

  /** The selected rule with any typed query written into its TOML. */
  const current = () => {
    useStudio.getState().flushQueryWrites();
    return selectedEntry(useStudio.getState());
  };

  const onExport = async () => {
    const entry = current();
    if (!entry || !(await confirmErrors([entry]))) return;
    const [ready] = prepared([entry]);
    const result = exportedText(ready);
    if ('error' in result) return setRuleNotice(ready.id, `Cannot export: ${result.error}`);
    downloadText(ready.fileName, result.text);
    markExported([ready.id]);
    setRuleNotice(ready.id, `Exported ${ready.fileName}`);
  };

  const onCopy = async () => {
    const entry = current();
    if (!entry) return;
    const [ready] = prepared([entry]);
    const result = exportedText(ready);
    if ('error' in result) return setRuleNotice(ready.id, `Cannot copy: ${result.error}`);
    try {
      await navigator.clipboard.writeText(result.text);
      markExported([ready.id]);
      setRuleNotice(ready.id, 'TOML copied to the clipboard');
    } catch {
      setRuleNotice(ready.id, 'The browser refused clipboard access; use Export TOML instead');
    }
  };

  const onExportZip = async () => {
    useStudio.getState().flushQueryWrites();
    const dirty = useStudio.getState().rules.filter(isDirty);
    if (!dirty.length) return setNotice('No changed rules to export');
    if (!(await confirmErrors(dirty))) return;
    // Read the rules again: edits made while the check ran must not be overwritten by older copies.
    const changed = prepared(useStudio.getState().rules.filter(isDirty));
    const result = rulesZip(changed);
    if ('error' in result) return setNotice(`Cannot export: ${result.error}`);
    downloadText('changed-rules.zip', result.bytes, 'application/zip');
    markExported(changed.map((e) => e.id));
    setNotice(`Exported ${result.names.length} changed rule${result.names.length === 1 ? '' : 's'} as changed-rules.zip`);
  };

  const onExportKibana = () => {
    useStudio.getState().flushQueryWrites();
    const rules = useStudio.getState().rules;
    const result = kibanaExport(rules);
    if ('error' in result) return setNotice(`Cannot export for Kibana: ${result.error}`);
    downloadText('rules_export.ndjson', result.text, 'application/x-ndjson');
    setNotice(`Exported ${rules.length} rules for Kibana (rules_export.ndjson)`);
  };

  const onClose = () => {
    const entry = current();
    if (!entry) return;
    if (hasUnexportedChanges(entry) && !window.confirm(`${entry.fileName} has changes that were never exported. Close it anyway?`)) return;
    useStudio.getState().closeRule(entry.id);
    setNotice(`Closed ${entry.fileName}`);
  };

  const onNew = () => {
    const created = newRule(template);
    addRule(created.fileName, created.text);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Rule actions">
      {/* The pickers the File menu opens; tests and drag-and-drop-less users reach them by label. */}
      <input
        ref={inputRef}
        className="visually-hidden"
        tabIndex={-1}
        type="file"
        accept=".toml,.json,.ndjson"
        multiple
        aria-label="Open rule file"
        onChange={(e) => void onFiles(e.currentTarget)}
      />
      <input
        ref={kibanaRef}
        className="visually-hidden"
        tabIndex={-1}
        type="file"
        accept=".ndjson,.json"
        multiple
        aria-label="Import Kibana rules (ndjson)"
        onChange={(e) => void onFiles(e.currentTarget)}
      />
      <MenuButton
        label="File"
        items={[
          { label: 'Open rule file…', onSelect: () => inputRef.current?.click() },
          { label: 'Import from Kibana…', onSelect: () => kibanaRef.current?.click() },
          { label: 'Close rule', onSelect: onClose, disabled: !entry },
        ]}
      />
      <span className="toolbar-group">
        <label htmlFor="new-rule-template" className="toolbar-label">
          New rule from template
        </label>
        <select id="new-rule-template" className="button" value={template} onChange={(e) => setTemplate(e.currentTarget.value as RuleType)}>
          {RULE_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={onNew}>
          New rule
        </button>
      </span>
      <span className="toolbar-group">
        <RepositoryActions />
        <button type="button" className="button primary" onClick={() => void onExport()} disabled={!entry}>
          Export TOML
        </button>
        <button type="button" className="button" onClick={() => void onCopy()} disabled={!entry}>
          Copy TOML
        </button>
        <MenuButton
          label="More exports"
          items={[
            { label: 'Export changed rules (zip)', onSelect: () => void onExportZip(), disabled: changedCount === 0 },
            { label: 'Export for Kibana (ndjson)', onSelect: onExportKibana },
          ]}
        />
      </span>
    </div>
  );
}
