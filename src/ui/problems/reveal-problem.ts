/**
 * Clicking a problem shows where it is: the form control editing its TOML path, the query range
 * (through the reveal bus the query editor listens to), the sample events, or — for paths no
 * control edits — the place in the raw TOML view.
 */
import { useApp } from '../../state/store.ts';
import type { Diagnostic } from '../../diagnostic.ts';
import { queryRangeOfRuleDiagnostic, revealQueryRange, revealTomlRange } from '../../state/reveal.ts';
import type { ProblemSource } from '../../state/problems.ts';
import type { RuleEntry } from '../../state/rule-entry.ts';

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
  useApp.getState().actions.view.setView('toml');
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
  const inQuery = queryRangeOfRuleDiagnostic(entry, diagnostic);
  if (inQuery) {
    focusQuery(inQuery.start, inQuery.end);
    return;
  }
  if (path) {
    useApp.getState().actions.view.setView('form');
    afterRender(() => {
      if (!focusControl(path) && diagnostic.range) showInToml(diagnostic.range);
    });
    return;
  }
  if (diagnostic.range) showInToml(diagnostic.range);
}
