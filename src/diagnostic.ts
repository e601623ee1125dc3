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
export type DiagnosticSource = 'toml' | 'schema' | 'eql' | 'events' | 'lint';

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

export interface LineColumn {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** Converts an offset into a 1-based line and column. */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Line/column lookups for many offsets in one text: the line starts are found once, then each
 * lookup is a binary search (diagnostic lists on large files would otherwise rescan the text).
 */
export function lineIndex(text: string): (offset: number) => LineColumn {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    const at = Math.min(Math.max(offset, 0), text.length);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo] + 1 };
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
