/**
 * The workspace slice's types: open rules and the selection. The state lives in the one
 * application store (store.ts); workspace-slice.ts makes its initial data and mutators.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { TomlValue } from '../rule/types.ts';
import type { PickedFile } from './open-files.ts';
import type { RuleEntry } from './rule-entry.ts';

export { initialRules, selectedEntry } from './workspace-slice.ts';

/** The workspace's data (fields of the root state). */
export interface WorkspaceData {
  rules: RuleEntry[];
  selectedId: string | null;
  /** Why the last file could not be opened (the previous rule stays open). */
  /**
   * Why a file could not be opened, or (with `imported`) what was skipped while importing the
   * rules it held: every skipped line is listed, even when other rules came in.
   */
  openProblem: { fileName: string; text: string; diagnostics: Diagnostic[]; imported?: number } | null;
  /** A problem with the last edit that could not be applied. */
  editProblem: Diagnostic | null;
  /** Why drafts are not being saved (storage unavailable or full); editing goes on regardless. */
  storageProblem: string | null;
}

/** The workspace's mutators (`actions.rules` of the root). */
export interface WorkspaceMutators {
  selectRule(id: string): void;
  openFile(fileName: string, text: string, testsText?: string): boolean;
  /** Opens many files at once: rules (with sidecars) and Kibana exports. Selects the first opened. */
  openFiles(files: readonly PickedFile[]): { opened: number; failed: number };
  importKibana(fileName: string, text: string): number;
  addRule(fileName: string, text: string): void;
  closeRule(id: string): void;
  setField(path: string, value: TomlValue | undefined): void;
  /** Replaces the selected rule's whole TOML text; returns why when it does not parse. */
  setRuleText(text: string): Diagnostic[] | null;
  setQuery(queryText: string): void;
  /** Writes typed queries into their rules' TOML now (normally done a moment after typing). */
  flushQueryWrites(): void;
  setEventsText(eventsText: string): void;
  /** Applies an edit to one rule by id (not necessarily the selected one). */
  updateRule(id: string, update: (entry: RuleEntry) => RuleEntry): void;
  markExported(ids: readonly string[]): void;
  restore(rules: RuleEntry[], selectedId: string | null): void;
  setStorageProblem(problem: string | null): void;
  dismissOpenProblem(): void;
}
