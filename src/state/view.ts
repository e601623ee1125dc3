/**
 * Which editor view is showing (form, raw TOML, diff) and user preferences. Kept apart from the
 * rule store so switching views never touches rule data.
 */
import { create } from 'zustand';

export type EditorView = 'form' | 'toml' | 'diff';

const BUMP_KEY = 'rule-studio:bump-updated-date';

/**
 * On unless the user turns it off: detection-rules expects `updated_date` to move whenever a
 * rule's content changes, so a changed rule is exported with today's date.
 */
function readBumpPreference(): boolean {
  try {
    return globalThis.localStorage?.getItem(BUMP_KEY) !== 'off';
  } catch {
    return true;
  }
}

export interface ViewState {
  view: EditorView;
  /** Set `metadata.updated_date` to today when exporting a rule whose content changed. */
  bumpUpdatedDate: boolean;
  setView(view: EditorView): void;
  setBumpUpdatedDate(on: boolean): void;
}

export const useView = create<ViewState>()((set) => ({
  view: 'form',
  bumpUpdatedDate: readBumpPreference(),
  setView: (view) => set({ view }),
  setBumpUpdatedDate(on) {
    try {
      globalThis.localStorage?.setItem(BUMP_KEY, on ? 'on' : 'off');
    } catch {
      // The preference just will not survive a reload.
    }
    set({ bumpUpdatedDate: on });
  },
}));
