/**
 * Rule test cases, kept in a sidecar beside the rule (`<rule>.tests.json`) so the TOML file stays
 * byte-identical to what detection-rules writes.
 *
 * A case is a named set of events and the matches expected from them: each match is the list of
 * event positions (0-based, `null` for a missing-event placeholder); `[]` means "no match".
 */
import type { Diagnostic } from '../diagnostic.ts';
import { MAX_NESTING, pathTooDeep } from './toml-guard.ts';

export interface RuleTestCase {
  name: string;
  events: unknown[];
  expect: (number | null)[][];
}

export interface RuleTestFile {
  cases: RuleTestCase[];
}

export const TEST_SIDECAR_SUFFIX = '.tests.json';

/** `linux/foo.toml` → `linux/foo.tests.json`. */
export function sidecarPathFor(rulePath: string): string {
  return rulePath.replace(/\.toml$/i, '') + TEST_SIDECAR_SUFFIX;
}

function problem(message: string, path: string): Diagnostic {
  return { severity: 'error', code: 'rule/tests', message, source: 'schema', path };
}

function isMatchList(value: unknown): value is (number | null)[][] {
  return Array.isArray(value) && value.every((m) => Array.isArray(m) && m.every((id) => id === null || (Number.isInteger(id) && id >= 0)));
}

/** Reads a sidecar; never throws. Invalid cases are reported and left out. */
export function readRuleTests(text: string): { file: RuleTestFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    diagnostics.push(problem(`The test file is not valid JSON: ${(err as Error).message}.`, ''));
    return { file: { cases: [] }, diagnostics };
  }
  const rawCases = (data as { cases?: unknown })?.cases;
  if (!Array.isArray(rawCases)) {
    diagnostics.push(problem('The test file needs a "cases" array.', 'cases'));
    return { file: { cases: [] }, diagnostics };
  }
  const cases: RuleTestCase[] = [];
  rawCases.forEach((raw: unknown, i) => {
    const c = raw as Partial<RuleTestCase>;
    const at = `cases[${i}]`;
    if (typeof c?.name !== 'string' || !c.name) return void diagnostics.push(problem('A test case needs a "name".', `${at}.name`));
    if (!Array.isArray(c.events)) return void diagnostics.push(problem(`Test "${c.name}" needs an "events" array.`, `${at}.events`));
    if (!isMatchList(c.expect)) {
      return void diagnostics.push(
        problem(`Test "${c.name}": "expect" must be a list of matches, each a list of event positions, e.g. [[0, 2]] or [].`, `${at}.expect`),
      );
    }
    // Events nested deeper than any real event are left out before anything walks them
    // (evaluation, writing the sidecar back with JSON.stringify).
    const deep = pathTooDeep(c.events);
    if (deep) {
      return void diagnostics.push(
        problem(
          `Test "${c.name}": event ${Number(deep[0]) + 1} is nested more than ${MAX_NESTING} levels deep; the case was skipped.`,
          `${at}.events[${deep[0]}]`,
        ),
      );
    }
    cases.push({ name: c.name, events: c.events, expect: c.expect });
  });
  return { file: { cases }, diagnostics };
}

/** Writes a sidecar with one event per line, so diffs stay readable. */
export function writeRuleTests(file: RuleTestFile): string {
  const cases = file.cases.map((c) => {
    const events = c.events.map((e) => '        ' + JSON.stringify(e)).join(',\n');
    const expect = '[' + c.expect.map((m) => JSON.stringify(m).replace(/,/g, ', ')).join(', ') + ']';
    return [
      '    {',
      `      "name": ${JSON.stringify(c.name)},`,
      `      "events": [${events ? '\n' + events + '\n      ' : ''}],`,
      `      "expect": ${expect}`,
      '    }',
    ].join('\n');
  });
  return `{\n  "cases": [\n${cases.join(',\n')}\n  ]\n}\n`;
}
