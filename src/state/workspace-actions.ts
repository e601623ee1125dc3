/**
 * The workspace's user workflows — open, new, export, copy, close, save and download tests — as
 * actions of the application layer (`actions.workspace` of the root). Each one flushes typed
 * queries, asks what must be asked, writes through the platform seam and leaves one status
 * message; components just call them.
 */
import { newRule, RULE_TYPES, type RuleType } from '../rule/templates.ts';
import { sidecarPathFor, writeRuleTests } from '../rule/test-cases.ts';
import { exportedText, kibanaExport, newErrorsQuestion, rulesZip, withUpdatedDate } from './export.ts';
import { newErrors } from './export-guard.ts';
import { readPickedFiles } from './files.ts';
import { platform } from './platform.ts';
import { hasUnexportedChanges, isDirty, ruleName, testEventsText, type RuleEntry } from './rule-entry.ts';
import type { AppState } from './store.ts';
import { selectedEntry } from './workspace-slice.ts';

/** The rule types a new rule can start from, in the order the template menu lists them. */
export const TEMPLATE_TYPES: readonly RuleType[] = RULE_TYPES;

/** The workspace's workflows (`actions.workspace`), over the root state. */
export function workspaceWorkflows(get: () => AppState) {
  /** A message about the whole workspace (shown whatever rule is selected). */
  const notice = (text: string) => get().actions.status.showStatus(text);
  /** A message about one rule (shown while that rule is selected). */
  const ruleNotice = (ruleId: string, text: string) => get().actions.status.showStatus(text, ruleId);
  /** The workspace's mutators. */
  const ruleActions = () => get().actions.rules;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

  /** The selected rule with any typed query written into its TOML. */
  function flushedSelection(): RuleEntry | undefined {
    ruleActions().flushQueryWrites();
    return selectedEntry(get());
  }

  /** Applies the "bump updated date" preference to the entries about to be exported. */
  function prepared(entries: RuleEntry[]): RuleEntry[] {
    if (!get().bumpUpdatedDate) return entries;
    const { updateRule } = ruleActions();
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
  async function confirmNewErrors(entries: readonly RuleEntry[]): Promise<boolean> {
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
    return question === null || platform().confirm(question);
  }

  async function openFiles(files: FileList | readonly File[]): Promise<{ opened: number; failed: number }> {
    return ruleActions().openFiles(await readPickedFiles(files));
  }

  return {
    /** Files picked in the File menu: opened at once, with a message saying how many. */
    async openPickedFiles(files: FileList | readonly File[]): Promise<void> {
      const { opened, failed } = await openFiles(files);
      notice(`Opened ${plural(opened, 'rule')}${failed ? `, ${failed} could not be read` : ''}`);
    },

    /** Files dropped on the app: opened at once (the opened rule shows; no message). */
    async openDroppedFiles(files: FileList | readonly File[]): Promise<void> {
      await openFiles(files);
    },

    newRuleFromTemplate(type: RuleType): void {
      const created = newRule(type);
      ruleActions().addRule(created.fileName, created.text);
    },

    async exportSelected(): Promise<void> {
      const entry = flushedSelection();
      if (!entry || !(await confirmNewErrors([entry]))) return;
      const [ready] = prepared([entry]);
      const result = exportedText(ready);
      if ('error' in result) return ruleNotice(ready.id, `Cannot export: ${result.error}`);
      platform().download(ready.fileName, result.text);
      ruleActions().markExported([ready.id]);
      ruleNotice(ready.id, `Exported ${ready.fileName}`);
    },

    async copySelected(): Promise<void> {
      const entry = flushedSelection();
      if (!entry) return;
      const [ready] = prepared([entry]);
      const result = exportedText(ready);
      if ('error' in result) return ruleNotice(ready.id, `Cannot copy: ${result.error}`);
      try {
        await platform().copyText(result.text);
        ruleActions().markExported([ready.id]);
        ruleNotice(ready.id, 'TOML copied to the clipboard');
      } catch {
        ruleNotice(ready.id, 'The browser refused clipboard access; use Export TOML instead');
      }
    },

    async exportChangedZip(): Promise<void> {
      ruleActions().flushQueryWrites();
      const dirty = get().rules.filter(isDirty);
      if (!dirty.length) return notice('No changed rules to export');
      if (!(await confirmNewErrors(dirty))) return;
      // Read the rules again: edits made while the check ran must not be overwritten by older copies.
      const changed = prepared(get().rules.filter(isDirty));
      const result = rulesZip(changed);
      if ('error' in result) return notice(`Cannot export: ${result.error}`);
      platform().download('changed-rules.zip', result.bytes, 'application/zip');
      ruleActions().markExported(changed.map((e) => e.id));
      notice(`Exported ${plural(result.names.length, 'changed rule')} as changed-rules.zip`);
    },

    exportForKibana(): void {
      ruleActions().flushQueryWrites();
      const rules = get().rules;
      const result = kibanaExport(rules);
      if ('error' in result) return notice(`Cannot export for Kibana: ${result.error}`);
      platform().download('rules_export.ndjson', result.text, 'application/x-ndjson');
      notice(`Exported ${rules.length} rules for Kibana (rules_export.ndjson)`);
    },

    /** Closes the selected rule, asking first when it has changes that were never exported. */
    closeSelected(): void {
      const entry = flushedSelection();
      if (!entry) return;
      if (hasUnexportedChanges(entry) && !platform().confirm(`${entry.fileName} has changes that were never exported. Close it anyway?`)) return;
      ruleActions().closeRule(entry.id);
      notice(`Closed ${entry.fileName}`);
    },

    /** Saves the loaded events as a test of the selected rule; true when saved. */
    async saveEventsAsTest(name: string): Promise<boolean> {
      // The message is about the rule the test was saved in: it leaves the status bar with that rule.
      const ruleId = get().selectedId;
      const problem = await get()
        .actions.events.saveEventsAsTest(name)
        .catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
      get().actions.status.showStatus(problem ?? `Saved “${name.trim()}”. Download the tests to keep them beside the rule.`, ruleId);
      return problem === null;
    },

    /** Loads the events of one of the selected rule's test cases as the sample events. */
    loadTestEvents(index: number): void {
      const test = selectedEntry(get())?.tests[index];
      if (test) get().actions.events.setEventsText(testEventsText(test));
    },

    /** Downloads the selected rule's test cases as the sidecar file that sits beside it. */
    downloadTests(): void {
      const entry = selectedEntry(get());
      if (!entry || entry.tests.length === 0) return;
      platform().download(sidecarPathFor(entry.fileName), writeRuleTests({ cases: entry.tests }), 'application/json');
    },

    /** Saves any text as a file (a held-back draft, for instance). */
    downloadText(fileName: string, text: string): void {
      platform().download(fileName, text);
    },
  };
}

export type WorkspaceWorkflows = ReturnType<typeof workspaceWorkflows>;
