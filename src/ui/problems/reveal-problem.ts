/**
 * Clicking a problem shows where it is: the form control editing its TOML path, the query range
 * (through the reveal bus the query editor listens to), the sample events, or — for paths no
 * control edits — the place in the raw TOML view.
 */
import type { Diagnostic } from '../../diagnostic.ts';
import { locate } from '../../rule/load.ts';
import { revealQueryRange, revealTomlRange } from '../../state/reveal.ts';
import type { RuleEntry } from '../../state/rule-entry.ts';
import { useView } from '../../state/view.ts';

export type ProblemSource = 'query' | 'rule' | 'events' | 'edit';

/** `rule.threat[0].technique[1].id` → itself, `rule.threat[0].technique[1]`, `…[0].technique`, … `rule`. */
export function pathAncestors(path: string): string[] {
  const out: string[] = [];
  let current = path;
  while (current) {
    out.push(current);
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    if (cut <= 0) break;
    current = current.slice(0, cut);
  }
  return out;
}

/** Offset of the first character of a string value's content within the TOML text. */
export function stringContentStart(text: string, valueStart: number): number {
  for (const quote of ["'''", '"""']) {
    if (text.startsWith(quote, valueStart)) {
      const after = valueStart + 3;
      // TOML trims a newline right after the opening delimiter of a multi-line string.
      if (text.startsWith('\r\n', after)) return after + 2;
      return text[after] === '\n' ? after + 1 : after;
    }
  }
  return valueStart + 1;
}

function afterRender(action: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(action));
}

function focusControl(path: string): boolean {
  for (const candidate of pathAncestors(path)) {
    if (candidate === 'rule' || candidate === 'metadata') break;
    const control = document.querySelector<HTMLElement>(`[name="${CSS.escape(candidate)}"]`);
    if (control) {
      control.scrollIntoView({ block: 'center' });
      control.focus();
      return true;
    }
  }
  return false;
}

/** Monaco's input element: an EditContext div where supported, else a textarea. */
export function focusQueryEditor(): void {
  document.querySelector<HTMLElement>('.query-editor [role="textbox"], .query-editor textarea')?.focus();
}

function focusQuery(start: number, end: number): void {
  if (!revealQueryRange(start, end)) focusQueryEditor();
}

function showInToml(range: { start: number; end: number }): void {
  useView.getState().setView('toml');
  // The raw view may still be loading: the request waits for it.
  revealTomlRange(range);
}

export function revealProblem(diagnostic: Diagnostic, source: ProblemSource, entry: RuleEntry): void {
  if (source === 'query') {
    focusQuery(diagnostic.range?.start ?? 0, diagnostic.range?.end ?? 0);
    return;
  }
  if (source === 'events') {
    document.getElementById('sample-events')?.focus();
    return;
  }
  const path = diagnostic.path;
  // Rule diagnostics inside the query point at the file; the editor wants query offsets.
  if (path?.startsWith('rule.query') && diagnostic.range) {
    const span = locate(entry.rule, 'rule.query');
    if (span) {
      const start = stringContentStart(entry.rule.text, span.valueRange.start);
      focusQuery(Math.max(0, diagnostic.range.start - start), Math.max(0, diagnostic.range.end - start));
      return;
    }
  }
  if (path) {
    useView.getState().setView('form');
    afterRender(() => {
      if (!focusControl(path) && diagnostic.range) showInToml(diagnostic.range);
    });
    return;
  }
  if (diagnostic.range) showInToml(diagnostic.range);
}
