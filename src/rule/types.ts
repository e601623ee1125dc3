/**
 * The rule model shared by loading, validation, writing and the UI.
 *
 * A rule is kept as its source text plus the parsed TOML data and, for every key, where it
 * stands in the text, so diagnostics point at lines and unchanged rules export byte for byte.
 */
import type { Diagnostic, TextRange } from '../diagnostic.ts';

/** A TOML value as @iarna/toml returns it (dates come back as Date objects). */
export type TomlValue = string | number | boolean | Date | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

/** Where one key/value of the TOML file stands. */
export interface KeySpan {
  /** TOML path in the Diagnostic `path` form: 'rule.threat[0].tactic.id'. */
  path: string;
  /** The key as written (for `[table]` headers, the header). */
  keyRange: TextRange;
  /** The value (for tables, the whole table body). */
  valueRange: TextRange;
}

export interface LoadedRule {
  /** File path or name, when known. */
  path?: string;
  /** The exact source text. */
  text: string;
  /** Parsed data, or null when the TOML does not parse (see diagnostics). */
  data: TomlTable | null;
  /** Spans by TOML path. */
  spans: Map<string, KeySpan>;
  /** Load-time problems (TOML syntax errors), with ranges. */
  diagnostics: Diagnostic[];
}
