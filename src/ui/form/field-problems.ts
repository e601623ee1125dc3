import type { Diagnostic } from '../../diagnostic.ts';

/** Diagnostics that belong to the control editing `path` (including its elements: `rule.tags[2]`). */
export function problemsAt(diagnostics: readonly Diagnostic[] | undefined, path: string): Diagnostic[] {
  if (!diagnostics) return [];
  return diagnostics.filter((d) => d.path === path || d.path?.startsWith(path + '[') || d.path?.startsWith(path + '.'));
}

/** A stable element id for a control's message list. */
export function messageId(path: string): string {
  return 'msg-' + path.replace(/[^a-zA-Z0-9_-]/g, '-');
}
