/**
 * The field-schema model the checks, completion and hover work against.
 */

/** Elasticsearch mapping types seen in ECS, the endpoint, Endgame and Beats schemas. */
export type FieldType =
  | 'keyword'
  | 'wildcard'
  | 'constant_keyword'
  | 'text'
  | 'match_only_text'
  | 'long'
  | 'integer'
  | 'short'
  | 'byte'
  | 'unsigned_long'
  | 'float'
  | 'half_float'
  | 'double'
  | 'scaled_float'
  | 'boolean'
  | 'date'
  | 'date_nanos'
  | 'ip'
  | 'version'
  | 'geo_point'
  | 'object'
  | 'nested'
  | 'flattened'
  | (string & {});

/**
 * How EQL treats a mapping type. 'text' cannot be searched; 'object' has only sub-fields;
 * 'other' (geo_point, flattened, binary…) is not usable in a comparison at all.
 */
export type TypeFamily = 'string' | 'number' | 'boolean' | 'date' | 'ip' | 'version' | 'text' | 'object' | 'other';

export type FieldSource = 'ecs' | 'endpoint' | 'non-ecs' | 'endgame' | 'beats' | 'mapping';

export interface FieldInfo {
  name: string;
  type: FieldType;
  family: TypeFamily;
  /** One sentence; empty for fields whose source has no documentation (non-ECS maps). */
  description: string;
  example?: string;
  /** ECS `normalize: array`: the field usually holds several values. */
  array: boolean;
  allowedValues?: string[];
  source: FieldSource;
  /** Where the field comes from when it is not ECS, e.g. 'winlogbeat-*' or 'endpoint process.Ext'. */
  origin?: string;
  /**
   * Stack versions (of those this schema covers) whose ECS lacks the field. Non-empty means
   * detection-rules rejects the field for the rule's min_stack_version.
   */
  missingInStacks: string[];
}

/** One index-pattern-driven extension of the base ECS schema. */
export interface SchemaExtension {
  /** The rule's index pattern that brought it in, or '*' for ones merged into every schema. */
  pattern: string;
  source: FieldSource;
  description: string;
  fieldCount: number;
}

/** How well we know the fields of one index pattern of the rule. */
export interface IndexCoverage {
  pattern: string;
  /**
   * 'complete': its fields are ECS plus extensions we ship; an unknown field is an error.
   * 'partial': complete except under `openPrefixes` (integration fields we do not ship).
   * 'unknown': an integration whose field schema is not shipped; unknown fields are warnings.
   */
  level: 'complete' | 'partial' | 'unknown';
  /** For 'partial': name prefixes (or the special '<Capitalized>' marker) we cannot vouch for. */
  openPrefixes: string[];
  /** Human explanation, shown in unknown-field warnings. */
  note: string;
}

export interface FieldSchema {
  /**
   * Whose rules the checks follow where they differ. 'detection-rules' (ECS schemas): also what
   * the detection-rules validator rejects (string-vs-number comparisons). 'elasticsearch'
   * (schemas from index mappings): only what Elasticsearch rejects.
   */
  readonly flavor: 'detection-rules' | 'elasticsearch';
  /** Stack versions whose schemas were intersected (every supported stack ≥ the min stack). */
  readonly stackVersions: string[];
  /** ECS versions behind those stacks. */
  readonly ecsVersions: string[];
  readonly indexPatterns: string[];
  readonly extensions: SchemaExtension[];
  readonly coverage: IndexCoverage[];
  /** The exact field, or undefined. Does not report intermediate objects (see `isObjectPath`). */
  lookup(name: string): FieldInfo | undefined;
  /** True when `name` is a proper prefix of some field (`process.parent`). */
  isObjectPath(name: string): boolean;
  /** Every field whose name starts with `prefix`, sorted by name. */
  fieldsWithPrefix(prefix: string): FieldInfo[];
  /** Did-you-mean candidates for an unknown name, best first (at most `max`, default 3). */
  similar(name: string, max?: number): string[];
  /**
   * Why an unknown field might still exist in one of the rule's indices (an integration schema
   * we do not ship), or null when the schema is complete for that name.
   */
  unknownFieldExcuse(name: string): string | null;
  /** Documentation of one allowed value (event.category "process" …), if known. */
  allowedValueDoc(field: string, value: string): string | undefined;
  /** Every field (for tests and bulk consumers). */
  allFields(): FieldInfo[];
}

const FAMILY: Record<string, TypeFamily> = {
  keyword: 'string',
  wildcard: 'string',
  constant_keyword: 'string',
  text: 'text',
  match_only_text: 'text',
  long: 'number',
  integer: 'number',
  short: 'number',
  byte: 'number',
  unsigned_long: 'number',
  float: 'number',
  half_float: 'number',
  double: 'number',
  scaled_float: 'number',
  token_count: 'number',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  date_nanos: 'date',
  ip: 'ip',
  version: 'version',
  object: 'object',
  group: 'object',
  nested: 'object',
  // Beats uses 'array' for keyword lists (e.g. auditd.paths); EQL sees its keyword values.
  array: 'string',
};

export function typeFamily(type: FieldType): TypeFamily {
  return FAMILY[type] ?? 'other';
}
