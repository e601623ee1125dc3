/**
 * Which editor view is showing (form, raw TOML, diff) and user preferences. A slice of its own
 * (slices.ts) so switching views never touches rule data.
 */
export type EditorView = 'form' | 'toml' | 'diff';

export interface ViewData {
  view: EditorView;
  /** Set `metadata.updated_date` to today when exporting a rule whose content changed. */
  bumpUpdatedDate: boolean;
}

export interface ViewActions {
  setView(view: EditorView): void;
  setBumpUpdatedDate(on: boolean): void;
}
