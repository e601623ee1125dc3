/**
 * Offsets ↔ 1-based lines and columns, for every layer (rule loader, CLI output, Problems panel,
 * editors). The line starts of a text are found once; each lookup is then a binary search. A
 * file with 10,000 diagnostics used to be rescanned from its start for each one (minutes).
 */

export interface LineColumn {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units, as JS strings index). */
  column: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[];

  constructor(readonly text: string) {
    builds++;
    const starts = [0];
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      starts.push(nl + 1);
      nl = text.indexOf('\n', nl + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Line and column of an offset (clamped to the text). */
  position(offset: number): LineColumn {
    const at = Math.min(Math.max(offset, 0), this.text.length);
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - starts[lo] + 1 };
  }

  /** Offset of a 0-based line and column (what @iarna/toml reports), clamped to the text. */
  offsetOfZeroBased(line: number, column: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line] + Math.max(column, 0), this.text.length);
  }
}

let builds = 0;
/** How many indexes were built so far (tests assert a file is indexed once, not per lookup). */
export function lineIndexBuilds(): number {
  return builds;
}

/**
 * The index of `text`, reusing the last one built when it is for the same text: callers that
 * convert offsets one diagnostic at a time (CLI printers, panels) share it without passing it.
 */
let last: LineIndex | null = null;
export function lineIndexOf(text: string): LineIndex {
  if (last === null || last.text !== text) last = new LineIndex(text);
  return last;
}

/** Converts an offset into a 1-based line and column. */
export function lineColumnAt(text: string, offset: number): LineColumn {
  return lineIndexOf(text).position(offset);
}

/** Line/column lookups for many offsets in one text. */
export function lineIndex(text: string): (offset: number) => LineColumn {
  const index = lineIndexOf(text);
  return (offset) => index.position(offset);
}
