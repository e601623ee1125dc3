import { useDeferredValue, useMemo, useState } from 'react';
import { TextField } from './controls.tsx';
import { asText, useRuleValue } from './rule-value.ts';
import { markdownToSafeHtml } from './markdown-preview.ts';
import { excerpt, formatSize, isLargeField, LARGE_FIELD_CHARS } from '../../state/large-text.ts';

/**
 * A Markdown field (note, setup) with a sanitized live preview. A huge value is not rendered
 * until asked for (rendering 5 MB of Markdown blocks the page for seconds), and then only its
 * start: the preview is a reading aid, the text itself stays whole.
 */
export function MarkdownField({ path, label }: { path: string; label: string }) {
  const text = asText(useRuleValue(path));
  const large = isLargeField(text);
  // The preview may lag a keystroke behind on long guides; typing never waits for it.
  const deferred = useDeferredValue(text);
  const [previewChoice, setPreviewChoice] = useState<boolean | null>(null);
  const showPreview = previewChoice ?? !large;
  const html = useMemo(
    () => (showPreview ? markdownToSafeHtml(isLargeField(deferred) ? excerpt(deferred, LARGE_FIELD_CHARS) : deferred) : ''),
    [deferred, showPreview],
  );
  return (
    <div className="markdown-field">
      <TextField path={path} label={label} multiline optional />
      <label className="inline-check">
        <input type="checkbox" checked={showPreview} onChange={(e) => setPreviewChoice(e.currentTarget.checked)} /> Show preview of {label.toLowerCase()}
        {large && ` (${formatSize(text.length)}: the first ${formatSize(LARGE_FIELD_CHARS)} are previewed)`}
      </label>
      {showPreview && text !== '' && (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: html is DOMPurify-sanitized Markdown (markdown-preview.ts)
        <div className="markdown-preview" role="document" tabIndex={0} aria-label={`${label} preview`} dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </div>
  );
}
