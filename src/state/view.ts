/**
 * Which editor view is showing (form, raw TOML, diff) and user preferences. Kept apart from the
 * rule store so switching views never touches rule data.
 */
import { create } from 'zustand';

export type EditorView = 'form' | 'toml' | 'diff';

const BUMP_KEY = 'rule-studio:bump-updated-date';

/**
 * Off unless the user turns it on: Export TOML otherwise writes exactly the text shown in the
 * TOML view, which the walking-skeleton contract (export = edited lines only) relies on.
 */
function readBumpPreference(): boolean {
  try {
    return globalThis.localStorage?.getItem(BUMP_KEY) === 'on';
  } catch {
    return false;
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
