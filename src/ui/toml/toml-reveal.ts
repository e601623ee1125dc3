/**
 * "Show this range of the TOML" for the raw view, which may not be mounted yet when a problem is
 * clicked: the latest request waits until the view subscribes.
 */
export interface TextRange {
  start: number;
  end: number;
}

let listener: ((range: TextRange) => void) | null = null;
let pending: TextRange | null = null;

export function revealTomlRange(range: TextRange): void {
  if (listener) listener(range);
  else pending = range;
}

export function onRevealTomlRange(next: (range: TextRange) => void): () => void {
  listener = next;
  if (pending) {
    const range = pending;
    pending = null;
    next(range);
  }
  return () => {
    if (listener === next) listener = null;
  };
}
