/**
 * "Show this range" requests from the Problems panel to the editors that own the text: the query
 * editor (offsets in RuleEntry.queryText) and the raw TOML view (offsets in the rule's text). Nobody
 * depends on an editor's internals. An editor subscribes when it mounts; the TOML view may still be
 * loading when a problem is clicked, so its bus keeps the latest request until it subscribes.
 */
import type { Diagnostic, TextRange } from '../diagnostic.ts';
import { locate } from '../rule/load.ts';
import type { RuleEntry } from './rule-entry.ts';

type Listener = (range: TextRange) => void;

function revealBus(keepUntilHeard: boolean) {
  const listeners = new Set<Listener>();
  let pending: TextRange | null = null;
  return {
    /** Sends a request; false when no editor is listening (it is kept if the bus keeps requests). */
    reveal(range: TextRange): boolean {
      for (const listener of listeners) listener(range);
      if (listeners.size === 0 && keepUntilHeard) pending = range;
      return listeners.size > 0;
    },
    /** Subscribes (a kept request is delivered at once); returns the unsubscribe function. */
    listen(listener: Listener): () => void {
      listeners.add(listener);
      if (pending) {
        const range = pending;
        pending = null;
        listener(range);
      }
      return () => void listeners.delete(listener);
    },
  };
}

const queryBus = revealBus(false);
const tomlBus = revealBus(true);

/** Asks the query editor to select and focus a range; false when no editor is listening. */
export const revealQueryRange = (start: number, end: number): boolean => queryBus.reveal({ start, end });
export const onRevealQueryRange = queryBus.listen;
/** Asks the raw TOML view to select a range, now or as soon as it mounts. */
export const revealTomlRange = (range: TextRange): void => void tomlBus.reveal(range);
export const onRevealTomlRange = tomlBus.listen;

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

/**
 * A rule diagnostic inside `rule.query` points at the file; the query editor wants offsets in the
 * query. Its range there, or null when the diagnostic is not about the query's text.
 */
export function queryRangeOfRuleDiagnostic(entry: RuleEntry, diagnostic: Diagnostic): TextRange | null {
  if (!diagnostic.path?.startsWith('rule.query') || !diagnostic.range) return null;
  const span = locate(entry.rule, 'rule.query');
  if (!span) return null;
  const start = stringContentStart(entry.rule.text, span.valueRange.start);
  return { start: Math.max(0, diagnostic.range.start - start), end: Math.max(0, diagnostic.range.end - start) };
}
