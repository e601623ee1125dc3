/**
 * Load layer: the fields of `[metadata]` and `[rule]` (per rule type) with their types,
 * patterns, enums and ranges — detection-rules' `RuleMeta` and `*RuleData` dataclasses
 * (reference/rule-format.md §2–§3). Cross-field checks live in load-layer.ts.
 */
import type { Fields, PatternSpec, StringSpec, TableSpec } from './schema.ts';

export const DATE: PatternSpec = { re: /^\d{4}\/\d{2}\/\d{2}$/, code: 'date-format', expected: 'a date written YYYY/MM/DD' };
export const VERSION: PatternSpec = { re: /^\d+\.\d+(\.\d+[\w-]*)*$/, code: 'version-format', expected: 'a stack version such as 8.19.0' };
// One grandfathered upstream id does not fit the UUID shape; detection-rules accepts it.
export const UUID: PatternSpec = {
  re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^7eb54028-ca72-4eb7-8185-b6864572347db$/,
  code: 'uuid',
  expected: 'a lowercase UUID such as 0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
};
export const NAME: PatternSpec = {
  re: /^[a-zA-Z0-9].+?[a-zA-Z0-9[\]()]$/,
  code: 'name-format',
  expected: 'at least 3 characters, starting with a letter or digit and ending with a letter, digit, bracket or parenthesis',
};
export const INTERVAL: PatternSpec = { re: /^\d+[mshd]$/, code: 'interval-format', expected: 'a number and a unit s, m, h or d, such as 5m' };
const TACTIC_URL: PatternSpec = {
  re: /^(https:\/\/attack\.mitre\.org\/tactics\/TA\d+\/?|https:\/\/atlas\.mitre\.org\/tactics\/AML\.TA\d+\/?)$/,
  code: 'url-format',
  expected: 'an ATT&CK tactic URL such as https://attack.mitre.org/tactics/TA0002/',
};
const TECHNIQUE_URL: PatternSpec = {
  re: /^(https:\/\/attack\.mitre\.org\/techniques\/T\d+\/?|https:\/\/atlas\.mitre\.org\/techniques\/AML\.T\d+\/?)$/,
  code: 'url-format',
  expected: 'an ATT&CK technique URL such as https://attack.mitre.org/techniques/T1059/',
};
const SUBTECHNIQUE_URL: PatternSpec = {
  re: /^(https:\/\/attack\.mitre\.org\/techniques\/T\d+\/\d+\/?|https:\/\/atlas\.mitre\.org\/techniques\/AML\.T\d+\.\d+\/?)$/,
  code: 'url-format',
  expected: 'an ATT&CK sub-technique URL such as https://attack.mitre.org/techniques/T1059/004/',
};

export const RULE_TYPES = ['query', 'saved_query', 'machine_learning', 'eql', 'esql', 'threshold', 'threat_match', 'new_terms'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const MATURITIES = ['development', 'experimental', 'beta', 'production', 'deprecated'] as const;

const str: StringSpec = { kind: 'string' };
const nonEmptyStr: StringSpec = { kind: 'string', nonEmpty: true };

export const METADATA_FIELDS: Fields = {
  creation_date: { kind: 'string', pattern: DATE, required: true },
  updated_date: { kind: 'string', pattern: DATE, required: true },
  deprecation_date: { kind: 'string', pattern: DATE },
  maturity: { kind: 'string', enum: MATURITIES },
  integration: { kind: 'string-or-strings' },
  min_stack_version: { kind: 'string', pattern: VERSION },
  min_stack_comments: str,
  bypass_bbr_timing: { kind: 'bool' },
  promotion: { kind: 'bool' },
  query_schema_validation: { kind: 'bool' },
  os_type_list: { kind: 'strings', item: { kind: 'string', enum: ['windows', 'linux', 'macos'] } },
  related_endpoint_rules: { kind: 'strings' },
  comments: str,
  extended: { kind: 'table' },
};

const TECHNIQUE_ENTRY: Fields = {
  id: { kind: 'string', required: true },
  name: { kind: 'string', required: true },
  reference: { kind: 'string', pattern: TECHNIQUE_URL, required: true },
  subtechnique: {
    kind: 'tables',
    fields: {
      id: { kind: 'string', required: true },
      name: { kind: 'string', required: true },
      reference: { kind: 'string', pattern: SUBTECHNIQUE_URL, required: true },
    },
  },
};

export const THREAT_ENTRY: Fields = {
  framework: { kind: 'string', enum: ['MITRE ATT&CK', 'MITRE ATLAS'], required: true },
  tactic: {
    kind: 'table',
    required: true,
    fields: {
      id: { kind: 'string', required: true },
      name: { kind: 'string', required: true },
      reference: { kind: 'string', pattern: TACTIC_URL, required: true },
    },
  },
  technique: { kind: 'tables', fields: TECHNIQUE_ENTRY },
};

const MAPPING_ENTRY: Fields = { field: { ...str, required: true }, operator: { kind: 'string', enum: ['equals'] }, value: str };

/** Keys every rule type has (`BaseRuleData`). */
export const BASE_RULE_FIELDS: Fields = {
  name: { kind: 'string', pattern: NAME, required: true },
  author: { kind: 'strings', required: true },
  description: { kind: 'string', required: true },
  risk_score: { kind: 'int', min: 0, max: 100, required: true },
  rule_id: { kind: 'string', pattern: UUID, required: true },
  severity: { kind: 'string', enum: SEVERITIES, required: true },
  type: { kind: 'string', enum: RULE_TYPES, required: true },
  license: str,
  from: str,
  to: str,
  interval: { kind: 'string', pattern: INTERVAL },
  max_signals: { kind: 'int', min: 1 },
  enabled: { kind: 'bool' },
  building_block_type: { kind: 'string', enum: ['default'] },
  false_positives: { kind: 'strings' },
  references: { kind: 'strings' },
  tags: { kind: 'strings' },
  note: str,
  setup: str,
  timestamp_override: str,
  rule_name_override: str,
  timeline_id: str,
  timeline_title: str,
  risk_score_mapping: { kind: 'tables', fields: MAPPING_ENTRY },
  severity_mapping: { kind: 'tables', fields: { ...MAPPING_ENTRY, severity: str } },
  threat: { kind: 'tables', fields: THREAT_ENTRY },
  threat_mappings: {
    kind: 'tables',
    fields: {
      framework: { kind: 'string', enum: ['MITRE ATT&CK', 'MITRE ATLAS'], required: true },
      version: { ...str, required: true },
      threat: { kind: 'tables', fields: THREAT_ENTRY, required: true },
    },
  },
  investigation_fields: { kind: 'table', fields: { field_names: { kind: 'strings', item: nonEmptyStr, required: true } } },
  exceptions_list: {
    kind: 'tables',
    fields: {
      id: { ...str, required: true },
      list_id: { ...str, required: true },
      namespace_type: { ...str, required: true },
      type: { ...str, required: true },
    },
  },
  actions: { kind: 'any' },
  response_actions: { kind: 'any' },
  filters: { kind: 'any' },
  meta: { kind: 'table' },
  throttle: str,
  related_integrations: {
    kind: 'tables',
    fields: { package: { ...str, required: true }, version: { ...str, required: true }, integration: str },
  },
  required_fields: {
    kind: 'tables',
    fields: { name: { ...str, required: true }, type: { ...str, required: true }, ecs: { kind: 'bool', required: true } },
  },
  // Checked as forbidden in load-layer.ts: versions live in version.lock.json, not in the TOML.
  version: { kind: 'any' },
  revision: { kind: 'any' },
};

const DURATION: Fields = {
  unit: { kind: 'string', enum: ['s', 'm', 'h'], required: true },
  value: { kind: 'int', min: 1, required: true },
};

const ALERT_SUPPRESSION: Fields = {
  group_by: { kind: 'strings', item: nonEmptyStr, minItems: 1, maxItems: 3, required: true },
  duration: { kind: 'table', fields: DURATION },
  missing_fields_strategy: { kind: 'string', enum: ['suppress', 'doNotSuppress'], required: true },
};

/** Keys of rules that run a query over indices (`QueryRuleData` and its subclasses). */
const QUERY_FIELDS: Fields = {
  language: { kind: 'string', enum: ['eql', 'esql', 'kuery', 'lucene'], required: true },
  query: { kind: 'string', required: true },
  index: { kind: 'strings' },
  data_view_id: str,
  alert_suppression: { kind: 'table', fields: ALERT_SUPPRESSION },
};

/** Extra keys per rule type (`AnyRuleData`); `saved_query` has no class upstream and never loads. */
export const TYPE_FIELDS: Readonly<Record<string, Fields>> = {
  query: QUERY_FIELDS,
  eql: {
    ...QUERY_FIELDS,
    language: { kind: 'string', enum: ['eql'], required: true },
    timestamp_field: str,
    event_category_override: str,
    tiebreaker_field: str,
  },
  esql: {
    language: { kind: 'string', enum: ['esql'], required: true },
    query: { kind: 'string', required: true },
    // Not allowed; load-layer.ts says why (indices come from the query's FROM).
    index: { kind: 'any' },
    alert_suppression: { kind: 'table', fields: ALERT_SUPPRESSION },
  },
  threshold: {
    ...QUERY_FIELDS,
    threshold: {
      kind: 'table',
      required: true,
      fields: {
        // The 3-vs-5 cap depends on min_stack_version; load-layer.ts applies it.
        field: { kind: 'strings', maxItems: 5, required: true },
        value: { kind: 'int', min: 1, required: true },
        cardinality: { kind: 'tables', fields: { field: { ...str, required: true }, value: { kind: 'int', min: 1, required: true } } },
      },
    },
    // Threshold rules suppress by their own fields: only a duration is configurable.
    alert_suppression: { kind: 'table', fields: { duration: { kind: 'table', fields: DURATION, required: true } } },
  },
  new_terms: {
    ...QUERY_FIELDS,
    new_terms: {
      kind: 'table',
      required: true,
      fields: {
        field: { kind: 'string', enum: ['new_terms_fields'], required: true },
        value: { kind: 'strings', item: nonEmptyStr, minItems: 1, maxItems: 3, required: true },
        history_window_start: {
          kind: 'tables',
          required: true,
          minItems: 1,
          fields: {
            field: { kind: 'string', enum: ['history_window_start'], required: true },
            value: {
              kind: 'string',
              pattern: { re: /^now-\d+[yMwdhHms]$/, code: 'history-window-format', expected: 'a look-back such as now-14d' },
              required: true,
            },
          },
        },
      },
    },
  },
  threat_match: {
    ...QUERY_FIELDS,
    threat_mapping: {
      kind: 'tables',
      required: true,
      minItems: 1,
      fields: {
        entries: {
          kind: 'tables',
          required: true,
          minItems: 1,
          fields: {
            field: { ...str, required: true },
            type: { kind: 'string', enum: ['mapping'], required: true },
            value: { ...str, required: true },
            negate: { kind: 'bool' },
          },
        },
      },
    },
    threat_index: { kind: 'strings', required: true },
    threat_query: str,
    threat_language: { kind: 'string', enum: ['eql', 'esql', 'kuery', 'lucene'] },
    threat_filters: { kind: 'any' },
    threat_indicator_path: str,
    concurrent_searches: { kind: 'int', min: 1 },
    items_per_search: { kind: 'int', min: 1 },
  },
  machine_learning: {
    anomaly_threshold: { kind: 'int', required: true },
    machine_learning_job_id: { kind: 'string-or-strings', required: true },
    alert_suppression: { kind: 'table', fields: ALERT_SUPPRESSION },
  },
};

/**
 * `[transform]`: investigation-guide helpers rendered into `note` at build time. Only the shapes
 * the corpus shows are checked, and the tables stay open: our reference does not list every
 * key upstream accepts, and a false "unknown field" would block a valid rule.
 */
export const TRANSFORM_SPEC: TableSpec = {
  kind: 'table',
  open: true,
  fields: {
    osquery: {
      kind: 'tables',
      open: true,
      fields: { label: { ...str, required: true }, query: { ...str, required: true }, ecs_mapping: { kind: 'table' } },
    },
    investigate: {
      kind: 'tables',
      open: true,
      fields: {
        label: { ...str, required: true },
        description: str,
        providers: { kind: 'any', required: true },
        relativeFrom: str,
        relativeTo: str,
      },
    },
  },
};
