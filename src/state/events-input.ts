/**
 * The sample events input's limits and the encoding of a large paste into a Blob. No store here:
 * the events slice (events.ts) and its actions (events-actions.ts) both use it.
 */

/** Inputs above this size are kept as a Blob and summarised, not shown in the textarea. */
export const LARGE_INPUT_CHARS = 512 * 1024;
/** "Edit as text" is offered up to this size: beyond it the textarea itself would freeze the page. */
export const EDITABLE_INPUT_BYTES = 4 * 1024 * 1024;
/** Rows per page of the events list. */
export const EVENTS_PAGE = 50;

/** Splits `text` at most every `chunk` characters without cutting a surrogate pair. */
export function sliceBoundaries(text: string, chunk: number): number[] {
  const ends: number[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + chunk);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
    ends.push(end);
    at = end;
  }
  return ends;
}

/**
 * A large text as a Blob, encoded a slice per task so the page keeps responding (one 50 MB
 * encode would block it for a long moment). The Blob lives outside the JS heap.
 */
export async function textToBlob(text: string, onProgress: (fraction: number) => void, chunk = 2 * 1024 * 1024): Promise<Blob> {
  const parts: Blob[] = [];
  let from = 0;
  for (const end of sliceBoundaries(text, chunk)) {
    parts.push(new Blob([text.slice(from, end)]));
    from = end;
    onProgress(end / text.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Blob(parts, { type: 'text/plain' });
}
