/**
 * One bad file never stops a command over many: each file's work runs through `perFile`, and an
 * exception nobody expected becomes one error diagnostic for that file (exit 1) instead of a stack
 * trace and exit 3 for the whole run. Also the one place that prints a diagnostic as a line.
 */
import type { Diagnostic, DiagnosticSource } from '../diagnostic.ts';
import { lineColumnAt } from '../diagnostic.ts';

// One failure diagnostic and one line rule for every command and the repository worker.
import { fileFailure, oneLine } from '../rule/file-failure.ts';

export { fileFailure, oneLine };

export function readFailure(err: unknown): Diagnostic {
  const reason = err instanceof Error && 'code' in err ? String((err as { code: unknown }).code) : oneLine(String(err instanceof Error ? err.message : err));
  return { severity: 'error', code: 'cli/read', message: `The file cannot be read (${reason}).`, source: 'toml' };
}

/** `work()`, or the diagnostic for the exception it threw. */
export function perFile<T>(work: () => T, source?: DiagnosticSource): { value: T } | { failure: Diagnostic } {
  try {
    return { value: work() };
  } catch (err) {
    return { failure: fileFailure(err, source) };
  }
}

/** `file:line:col severity code message`, or `file severity code message` without a range. */
export function diagnosticLine(file: string, text: string, d: Diagnostic): string {
  let where = file;
  if (d.range) {
    const { line, column } = lineColumnAt(text, d.range.start);
    where += `:${line}:${column}`;
  }
  return `${where} ${d.severity} ${d.code} ${oneLine(d.message)}`;
}
