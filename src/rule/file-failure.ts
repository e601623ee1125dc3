/**
 * One bad file never stops a command over many files: an exception nobody expected becomes one
 * error diagnostic for that file. Kept apart from the validator so that commands which only read
 * files (eval) do not load it.
 */
import type { Diagnostic, DiagnosticSource } from '../diagnostic.ts';

/** Messages are one line: a multi-line message (a JSON error quoting the text) is joined. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** An exception nobody expected, as one error for the file (the other files are still checked). */
export function fileFailure(err: unknown, source: DiagnosticSource = 'toml'): Diagnostic {
  const deep = err instanceof RangeError && /call stack/i.test(err.message);
  const message = deep
    ? 'The file is nested too deep to process (the call stack ran out); reduce the nesting.'
    : `The file could not be processed: ${oneLine(err instanceof Error ? err.message : String(err))}`;
  return { severity: 'error', code: 'cli/file-failed', message, source };
}
