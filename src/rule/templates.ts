/**
 * New-rule templates, one per rule type, shaped like what detection-rules' `create-rule` writes:
 * a fresh lowercase UUID v4, today's dates, maturity "development", and the fields each type
 * requires (rule-format.md §3.2) filled with placeholders that already pass the repository tests
 * (risk score matching severity, `timestamp_override` for KQL and non-sequence EQL, known tag
 * prefixes). The text is the formatter's output, so saving a fresh template changes nothing.
 */
import type { TomlTable } from './types.ts';
import { formatRule } from './format.ts';

export const RULE_TYPES = ['eql', 'query', 'threshold', 'new_terms', 'esql', 'machine_learning', 'threat_match'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export interface NewRuleOptions {
  name?: string;
  description?: string;
  author?: string[];
  /** Overrides the type's placeholder query. */
  query?: string;
  index?: string[];
  tags?: string[];
  /** Fleet package names for `metadata.integration`. */
  integration?: string[];
  /** For tests: a fixed clock and id. */
  now?: Date;
  ruleId?: string;
}

export interface NewRule {
  data: TomlTable;
  /** formatRule(data): what Export writes. */
  text: string;
  /** The file name detection-rules would give it. */
  fileName: string;
}

const DEFAULT_NAMES: Record<RuleType, string> = {
  eql: 'New EQL Rule',
  query: 'New Query Rule',
  threshold: 'New Threshold Rule',
  new_terms: 'New Terms Rule',
  esql: 'New ES|QL Rule',
  machine_learning: 'New Machine Learning Rule',
  threat_match: 'New Indicator Match Rule',
};

const ENDPOINT_INDEX = ['logs-endpoint.events.process-*'];

export function newRule(type: RuleType, options: NewRuleOptions = {}): NewRule {
  const today = formatDate(options.now ?? new Date());
  const name = options.name ?? DEFAULT_NAMES[type];
  const metadata: TomlTable = { creation_date: today, maturity: 'development', updated_date: today };
  if (options.integration && options.integration.length > 0) metadata.integration = [...options.integration];

  const rule: TomlTable = {
    author: options.author ?? ['Elastic'],
    description: options.description ?? 'Describe the behaviour this rule detects and why it matters.',
    from: 'now-9m',
    license: 'Elastic License v2',
    name,
    risk_score: 21,
    rule_id: options.ruleId ?? newRuleId(),
    severity: 'low',
    tags: options.tags ?? ['Use Case: Threat Detection'],
    type,
    ...typeFields(type, options),
  };
  const data: TomlTable = { metadata, rule };
  return { data, text: formatRule(data), fileName: ruleFileName(name) };
}

/** The fields each rule type requires, with placeholders that parse and validate. */
function typeFields(type: RuleType, options: NewRuleOptions): TomlTable {
  const index = options.index ?? ENDPOINT_INDEX;
  const kql = (q: string): TomlTable => ({
    index: [...index],
    language: 'kuery',
    query: options.query ?? q,
    timestamp_override: 'event.ingested',
  });
  switch (type) {
    case 'eql':
      return {
        index: [...index],
        language: 'eql',
        query: options.query ?? 'process where host.os.type == "linux" and event.type == "start" and process.name == "example"',
        timestamp_override: 'event.ingested',
      };
    case 'query':
      return kql('event.category:process and event.type:start and process.name:example');
    case 'threshold':
      return {
        ...kql('event.category:authentication and event.outcome:failure'),
        threshold: { field: ['user.name'], value: 25 },
      };
    case 'new_terms':
      return {
        ...kql('event.category:process and event.type:start'),
        new_terms: {
          field: 'new_terms_fields',
          value: ['host.id', 'process.executable'],
          history_window_start: [{ field: 'history_window_start', value: 'now-7d' }],
        },
      };
    case 'esql':
      return {
        language: 'esql',
        query:
          options.query ??
          'from logs-endpoint.events.process-* metadata _id, _version, _index\n| where process.name == "example"\n| keep _id, _version, _index, host.name, process.name',
      };
    case 'machine_learning':
      return {
        anomaly_threshold: 75,
        machine_learning_job_id: ['example_ml_job'],
        tags: options.tags ?? ['Use Case: Threat Detection', 'Rule Type: ML', 'Rule Type: Machine Learning'],
      };
    case 'threat_match':
      return {
        ...kql('destination.ip:*'),
        threat_index: ['filebeat-*', 'logs-ti_*'],
        threat_indicator_path: 'threat.indicator',
        threat_language: 'kuery',
        threat_mapping: [{ entries: [{ field: 'destination.ip', type: 'mapping', value: 'threat.indicator.ip' }] }],
        threat_query: '@timestamp >= "now-30d/d" and event.category:threat and threat.indicator.ip:*',
      };
  }
}

/**
 * The file name detection-rules derives from a rule name (`rulename_to_filename`): lower-case,
 * every run of characters other than `a-z`, `0-9` and `_` becomes one `_`, underscores trimmed.
 */
export function ruleFileName(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^_a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${base === '' ? 'new_rule' : base}.toml`;
}

/**
 * `YYYY/MM/DD` of the UTC day. Upstream uses local time; we use UTC because our validator judges
 * "dates in the future" by the UTC day, and a fresh template must never trip it.
 */
export function formatDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
}

/** A lowercase UUID v4; randomUUID needs a secure context, getRandomValues does not. */
export function newRuleId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID().toLowerCase();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
