/**
 * Hover and completion documentation for KQL's keywords and operators, in one table. The
 * behaviour described is Kibana's translation to the query DSL and Elasticsearch's matching
 * (../shared/kql-reference/README.md §1–3; https://www.elastic.co/docs/reference/query-languages/kql).
 */
export const KQL_DOCS = {
  and: '`and` — both conditions must match (`bool.filter`). Any case (`AND`); needs whitespace on both sides. Binds tighter than `or`.',
  or: '`or` — at least one condition must match (`bool.should`). Any case (`OR`); needs whitespace on both sides.',
  not: '`not` — the condition must not match (`bool.must_not`): events **without** the field match too. Any case; needs whitespace after it.',
  ':': '`field: value` — on a keyword field an exact, case-sensitive term; on a text field any analyzed token of the value matches; `"a phrase"` in quotes matches the tokens in order. Numbers, dates, IPs and booleans are parsed to the field type (IPs take CIDR blocks). `field: (a or b)` tests several values.',
  exists: '`field: *` — the field has a value (an empty string counts; `null` and `[]` do not).',
  '*': '`*` — a wildcard: any run of characters (`cmd*`, `*\\\\cmd.exe`). On keyword fields the whole value must match, case-sensitively; on text fields each token is tried. Inside quotes `*` is a plain character; escape it as `\\*`.',
  '>': '`field > value` — greater than. Numbers and dates (ISO 8601, epoch milliseconds, date math such as `now-1d/d`) compare by value, IPs by address; keyword and text fields compare strings lexicographically.',
  '>=': '`field >= value` — greater than or equal (see `>`).',
  '<': '`field < value` — less than (see `>`).',
  '<=': '`field <= value` — less than or equal (see `>`).',
  nested:
    '`path: { query }` — a nested query: the inner conditions must all hold **within one object** of the nested array; inner field names are relative to `path`.',
  true: 'Boolean literal (unquoted `true`/`false` are booleans; numbers stay strings that Elasticsearch parses per field type).',
  false: 'Boolean literal.',
} as const satisfies Record<string, string>;

export type KqlDocKey = keyof typeof KQL_DOCS;
