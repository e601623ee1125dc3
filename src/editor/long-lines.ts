/**
 * Monaco options that keep an editor responsive whatever the length of a line. A rule file is
 * untrusted input: one 1 MiB line blocked the page for ~26 s, most of it wrapping and laying out
 * the line. Rendering and tokenizing stop early on long lines (Monaco's documented guards, set
 * explicitly so they cannot drift), and word wrap, which measures a whole line to break it, is
 * turned off while the text holds a line longer than `WRAP_LIMIT`.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

export const LONG_LINE_OPTIONS = {
  stopRenderingLineAfter: 10_000,
  maxTokenizationLineLength: 20_000,
  largeFileOptimizations: true,
} satisfies Monaco.editor.IStandaloneEditorConstructionOptions;

export const WRAP_LIMIT = 20_000;

/** Whether any line of the model is longer than `WRAP_LIMIT` (line lengths are kept by the model: no text is copied). */
export function hasLongLine(model: Monaco.editor.ITextModel): boolean {
  const lines = model.getLineCount();
  for (let line = 1; line <= lines; line++) if (model.getLineLength(line) > WRAP_LIMIT) return true;
  return false;
}

/** Word wrap when the text allows it: on, or off while a line is too long to wrap quickly. */
export function wordWrapFor(model: Monaco.editor.ITextModel): 'on' | 'off' {
  return hasLongLine(model) ? 'off' : 'on';
}
