/**
 * The one diagnostic type every layer produces (parser, checks, rule validator, event reader,
 * CLI). See DESIGN.md "One diagnostic type everywhere".
 */
export interface TextRange {
  /** Offset of the first character (UTF-16 code units, as JS strings index). */
  start: number;
  /** Offset one past the last character. */
  end: number;
}

export interface TextEdit {
  range: TextRange;
  text: string;
}

export type Severity = 'error' | 'warning' | 'info';
export type DiagnosticSource = 'toml' | 'schema' | 'eql' | 'kql' | 'events' | 'lint';

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. 'eql/syntax', 'eql/unknown-field', 'rule/risk-severity'. */
  code: string;
  /** One readable sentence. */
  message: string;
  source: DiagnosticSource;
  /** Offsets in the text the diagnostic refers to. */
  range?: TextRange;
  /** TOML path, e.g. 'rule.threat[0].tactic.id'. */
  path?: string;
  fix?: { title: string; edits: TextEdit[] };
}

// Line and column conversions live in one place (one index per text, binary search).
export { lineColumnAt, lineIndex, type LineColumn } from './line-index.ts';

/** A message table's entry: a stable code and a template with `{0}`, `{1}`… placeholders. */
export interface MessageTemplate {
  code: string;
  text: string;
}

/** The template's text with its placeholders filled (every message table of every language). */
export function formatMessage(def: { text: string }, args: readonly (string | number)[]): string {
  return def.text.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
