/** Diagnostics → Monaco markers. */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { Diagnostic } from '../diagnostic.ts';

export function toMarkers(monaco: typeof Monaco, model: Monaco.editor.ITextModel, diagnostics: readonly Diagnostic[]): Monaco.editor.IMarkerData[] {
  const length = model.getValueLength();
  return diagnostics.map((d) => {
    const start = model.getPositionAt(Math.min(d.range?.start ?? 0, length));
    // A zero-width range would be invisible: widen it to one character.
    const endOffset = Math.min(Math.max(d.range?.end ?? 0, (d.range?.start ?? 0) + 1), length);
    const end = model.getPositionAt(endOffset);
    return {
      severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : d.severity === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
      message: d.message,
      code: d.code,
      source: d.source,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    };
  });
}
