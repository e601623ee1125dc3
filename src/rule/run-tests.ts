/**
 * Runs a rule's test cases: evaluates the rule's query on each case's events, with the rule's
 * EQL settings, and compares the matches with what the case expects. A KQL rule (language
 * "kuery") runs through the rule preview at the latest event's time, so a case's matches are its
 * type's: one per event, per threshold group, per new term, per event ↔ indicator pair. The
 * rule's `[[rule.filters]]` apply in either language.
 */
import { evaluate } from '../eql/run/index.ts';
import type { EvalResult } from '../eql/run/types.ts';
import type { RuleTestCase } from './test-cases.ts';
import type { TomlTable } from './types.ts';
import { querySettingsOf } from './eql-settings.ts';
import { previewKqlRule } from './preview/kql-rule.ts';
import { evaluateFiltered } from './preview/filtered.ts';

export interface CaseOutcome {
  name: string;
  passed: boolean;
  expected: (number | null)[][];
  actual: (number | null)[][];
  /** Why the case could not run (a query error), if it could not. */
  error?: string;
}

export function runTestCase(data: TomlTable, testCase: RuleTestCase): CaseOutcome {
  const { query, language, timestampField, eventCategoryField, tiebreakerField } = querySettingsOf(data);
  const result: Pick<EvalResult, 'matches' | 'diagnostics'> =
    language === 'kuery'
      ? previewKqlRule(data, testCase.events)
      : evaluateFiltered(data, testCase.events as object[], {}, (events) => evaluate(query, events, { timestampField, eventCategoryField, tiebreakerField }));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const actual = result.matches.map((m) => m.events);
  const passed = errors.length === 0 && JSON.stringify(actual) === JSON.stringify(testCase.expect);
  return {
    name: testCase.name,
    passed,
    expected: testCase.expect,
    actual,
    error: errors.length ? errors.map((e) => e.message).join('; ') : undefined,
  };
}
