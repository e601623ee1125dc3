import { useDeferredValue, useMemo, useState } from 'react';
import { TextField } from './controls.tsx';
import { asText, useRuleValue } from './rule-value.ts';
import { markdownToSafeHtml } from './markdown-preview.ts';

/** A Markdown field (note, setup) with a sanitized live preview. */
export function MarkdownField({ path, label }: { path: string; label: string }) {
  const text = asText(useRuleValue(path));
  // The preview may lag a keystroke behind on long guides; typing never waits for it.
  const deferred = useDeferredValue(text);
  const html = useMemo(() => markdownToSafeHtml(deferred), [deferred]);
  const [showPreview, setShowPreview] = useState(true);
  return (
    <div className="markdown-field">
      <TextField path={path} label={label} multiline optional />
      <label className="inline-check">
        <input type="checkbox" checked={showPreview} onChange={(e) => setShowPreview(e.currentTarget.checked)} /> Show preview of {label.toLowerCase()}
      </label>
      {showPreview && text !== '' && (
        <div className="markdown-preview" role="document" tabIndex={0} aria-label={`${label} preview`} dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </div>
  );
}
