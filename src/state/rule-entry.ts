/**
 * One rule open in the workspace: what was opened, what it is now, and its sample events.
 * Pure helpers; the store (studio.ts) holds a list of these.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { loadRule } from '../rule/load.ts';
import { applyFieldEdit } from '../rule/write.ts';
import { readRuleTests, type RuleTestCase } from '../rule/test-cases.ts';
import type { LoadedRule, TomlValue } from '../rule/types.ts';

export type RuleOrigin = 'bundled' | 'opened' | 'new';

export interface RuleEntry {
  id: string;
  /** File name used for export, e.g. `execution_python_tty_shell.toml`. */
  fileName: string;
  origin: RuleOrigin;
  /** The text as opened, to tell whether the rule changed and to diff against. */
  originalText: string;
  /** The current rule (its `text` is what Export writes). */
  rule: LoadedRule;
  /**
   * The query as typed in the editor. Usually equal to `rule.query`; it differs only while the
   * typed text cannot be written to TOML (see `queryProblem`), so no keystroke is ever lost.
   */
  queryText: string;
  queryProblem: Diagnostic | null;
  tests: RuleTestCase[];
  eventsText: string;
  /** The text last exported (downloaded, copied or zipped), or null when never exported. */
  exportedText: string | null;
  /**
   * Raw TOML typed in the TOML view that does not parse (yet): kept, and saved, as typed, while
   * `rule` stays the last text that parsed (the form goes on showing that). Absent or null: none.
   */
  tomlDraft?: string | null;
}

export function ruleName(entry: RuleEntry): string {
  const name = (entry.rule.data?.rule as Record<string, unknown> | undefined)?.name;
  return typeof name === 'string' && name ? name : entry.fileName;
}

export function queryOf(rule: LoadedRule): string {
  const query = (rule.data?.rule as Record<string, unknown> | undefined)?.query;
  return typeof query === 'string' ? query : '';
}

/** Changed since opened; a new rule (from a template or a Kibana import) has no file yet, so it counts as changed. */
export function isDirty(entry: RuleEntry): boolean {
  return entry.origin === 'new' || entry.rule.text !== entry.originalText || entry.queryProblem !== null;
}

/** Changed since it was last exported (or opened, when never exported): leaving would lose it. */
export function hasUnexportedChanges(entry: RuleEntry): boolean {
  return entry.rule.text !== (entry.exportedText ?? entry.originalText) || entry.queryProblem !== null || entry.tomlDraft != null;
}

/** A test case's events as the sample-events text (NDJSON, one event a line). */
export function testEventsText(test: RuleTestCase): string {
  return test.events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

function eventsTextFor(tests: RuleTestCase[]): string {
  return tests[0] ? testEventsText(tests[0]) : '';
}

/** Builds an entry from a file's text; returns the load diagnostics instead when it does not parse. */
export function createEntry(
  id: string,
  fileName: string,
  origin: RuleOrigin,
  text: string,
  testsText?: string,
): { entry: RuleEntry } | { diagnostics: Diagnostic[] } {
  const rule = loadRule(text, fileName);
  if (!rule.data) return { diagnostics: rule.diagnostics };
  const tests = testsText ? readRuleTests(testsText).file.cases : [];
  return {
    entry: {
      id,
      fileName,
      origin,
      originalText: text,
      rule,
      queryText: queryOf(rule),
      queryProblem: null,
      tests,
      eventsText: eventsTextFor(tests),
      exportedText: null,
    },
  };
}

/** Applies one field edit; on failure the entry is unchanged and the problem is returned. */
export function withField(entry: RuleEntry, path: string, value: TomlValue | undefined): { entry: RuleEntry; problem?: Diagnostic } {
  const result = applyFieldEdit(entry.rule, path, value);
  if ('error' in result) return { entry, problem: result.error };
  // A form edit rewrites the TOML view with the rule's text, which ends any unparsed draft there.
  return { entry: { ...entry, rule: result.rule, queryText: path === 'rule.query' ? String(value) : entry.queryText, tomlDraft: null } };
}

/**
 * Replaces the whole TOML text (the raw view). A text that does not parse is not applied to the
 * rule but kept as its `tomlDraft` (so it is saved and survives a reload), with the reasons.
 */
export function withText(entry: RuleEntry, text: string): { entry: RuleEntry; diagnostics?: Diagnostic[] } {
  if (text === entry.rule.text) return { entry: entry.tomlDraft == null ? entry : { ...entry, tomlDraft: null } };
  const rule = loadRule(text, entry.fileName);
  if (!rule.data) return { entry: entry.tomlDraft === text ? entry : { ...entry, tomlDraft: text }, diagnostics: rule.diagnostics };
  return { entry: { ...entry, rule, queryText: queryOf(rule), queryProblem: null, tomlDraft: null } };
}

/** The query is special: a text that cannot be written yet is kept as typed. */
export function withQuery(entry: RuleEntry, queryText: string): RuleEntry {
  const { entry: next, problem } = withField(entry, 'rule.query', queryText);
  return problem ? { ...entry, queryText, queryProblem: problem } : { ...next, queryProblem: null };
}
