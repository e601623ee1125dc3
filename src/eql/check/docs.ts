/**
 * Hover and completion documentation for keywords, operators and maxspan units, in one table.
 */
import type { TimeUnit } from '../syntax/ast.ts';

export const OPERATOR_DOCS: Readonly<Record<string, string>> = {
  '==': '`==` — **case-sensitive** equality. Never expands wildcards: `"cmd*.exe"` is compared literally. `x == null` matches when `x` is missing or null.',
  '!=': '`!=` — case-sensitive inequality, no wildcards. `x != null` matches when `x` exists. Any other comparison with a missing field is false.',
  ':': '`:` — **case-insensitive** equality on strings. Becomes a case-insensitive wildcard match (`like~`) only when the pattern contains `*` or `?`. Takes a list: `x : ("a*", "b")`. Strings only (use `string(x) : "4*"` for numbers).',
  like: '`like` — case-sensitive wildcard match of the whole value: `*` is any run of characters, `?` one character; there is no escape. `like~` is case-insensitive.',
  'like~': '`like~` — case-insensitive wildcard match (`*`, `?`; no escape).',
  regex:
    '`regex` — Lucene regular expression, anchored at both ends (no `^`/`$` needed). `\\d \\s \\w` are ASCII classes ([0-9], [ \\t\\n\\r], [a-zA-Z_0-9]); `~` complement, `&` intersection, `<1-100>` numeric ranges, `@` any string. `regex~` is case-insensitive.',
  'regex~': '`regex~` — case-insensitive Lucene regular expression, anchored at both ends.',
  in: '`in` — case-sensitive membership in a list of literals: `x in ("a", "b")`. No wildcards. `not in` negates; with a missing field neither matches.',
  'in~': '`in~` — case-insensitive membership; wildcards are **not** expanded (`in~ ("1*")` matches only the literal `1*`).',
  '<': '`<` — numeric order for numbers and dates; case-sensitive lexicographic order for strings.',
  '<=': '`<=` — numeric order for numbers and dates; lexicographic for strings.',
  '>': '`>` — numeric order for numbers and dates; lexicographic for strings.',
  '>=': '`>=` — numeric order for numbers and dates; lexicographic for strings.',
  '?': '`?field` — optional field: no "unknown column" error if no index maps it (it then reads as null). As a join key, null becomes a valid key value.',
};

export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  where: '`<category> where <condition>` — filters events of a category (`event.category`, case-sensitive; any value of an array matches).',
  any: '`any where …` — matches events of every category, including events without one.',
  sequence: '`sequence [by keys] [with maxspan=N] [stage] [stage]… [until [stage]]` — ordered events sharing the join keys. At least two stages.',
  sample: '`sample by keys [filter] [filter]…` — unordered events sharing the join keys; no maxspan, until or pipes.',
  by: "`by k1, k2` — join keys (fields). The sequence keys come first, then each stage's own keys; every stage needs the same number and compatible types.",
  with: '`with maxspan=5m` on the sequence; `with runs=N` on a stage (1–100 repetitions).',
  maxspan: '`maxspan=N<unit>` — the whole sequence must fit in this span (inclusive). Positive integer with a unit: ms, s, m, h, d.',
  until: '`until [cat where …]` — an event matching this (with the same keys) discards the pending partial sequences.',
  runs: '`with runs=N` — repeat the stage N times (1–100).',
  and: '`and` — both conditions (three-valued: `null and false` is false).',
  or: '`or` — either condition (three-valued: `null or true` is true).',
  not: '`not` — negation (`not null` is null, so a missing field stays unmatched).',
  true: 'Boolean literal.',
  false: 'Boolean literal.',
  null: '`null` — `x == null` / `x != null` test for missing or null values.',
  head: '`| head N` — the first N results.',
  tail: '`| tail N` — the last N results (still returned in ascending order).',
};

export const UNIT_DOCS: Readonly<Record<TimeUnit, string>> = {
  ms: 'milliseconds',
  s: 'seconds',
  m: 'minutes',
  h: 'hours',
  d: 'days',
};
