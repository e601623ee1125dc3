/**
 * Collects validation diagnostics and attaches source ranges from the loader's spans.
 *
 * Every rule diagnostic has source 'schema', a TOML path and, when the loader knows where that
 * path stands, a range. A path with no span of its own (a missing key, an array element the
 * loader did not record) borrows the range of its nearest recorded ancestor's key, so the user
 * still lands on the right table header.
 */
import type { Diagnostic, Severity, TextRange } from '../../diagnostic.ts';
import type { LoadedRule } from '../types.ts';
import { locate } from '../load.ts';

/** Which part of a key/value pair a diagnostic points at. */
export type Anchor = 'key' | 'value';

export interface Reporter {
  readonly diagnostics: Diagnostic[];
  report(severity: Severity, code: string, path: string, message: string, anchor?: Anchor): void;
  error(code: string, path: string, message: string, anchor?: Anchor): void;
  warning(code: string, path: string, message: string, anchor?: Anchor): void;
}

export function createReporter(rule: LoadedRule): Reporter {
  const diagnostics: Diagnostic[] = [];

  function rangeFor(path: string, anchor: Anchor): TextRange | undefined {
    const span = locate(rule, path);
    if (!span) return undefined;
    return span.path === path && anchor === 'value' ? span.valueRange : span.keyRange;
  }

  function report(severity: Severity, code: string, path: string, message: string, anchor: Anchor = 'value'): void {
    const d: Diagnostic = { severity, code, message, source: 'schema', path };
    const range = rangeFor(path, anchor);
    if (range) d.range = { start: range.start, end: range.end };
    diagnostics.push(d);
  }

  return {
    diagnostics,
    report,
    error: (code, path, message, anchor) => report('error', code, path, message, anchor),
    warning: (code, path, message, anchor) => report('warning', code, path, message, anchor),
  };
}
