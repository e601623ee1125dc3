/**
 * Saved drafts too large to load at start-up (see LARGE_DRAFT_CHARS): a hostile or huge rule
 * must never make the app unopenable by being restored on every reload. They stay in storage,
 * untouched, until the user opens or discards each one (persistence.ts does both).
 */
export interface HeldDraft {
  id: string;
  fileName: string;
  /** The saved TOML as typed (the unparsed draft when there is one): shown read-only, downloadable. */
  text: string;
}

export interface HeldDraftsData {
  drafts: HeldDraft[];
  /** Why the last open or discard failed, if it did. */
  problem: string | null;
}

export interface HeldDraftsActions {
  open(id: string): void;
  discard(id: string): void;
  /** Persistence says what opening and discarding do once storage is open. */
  setHandlers(handlers: { open: (id: string) => void; discard: (id: string) => void }): void;
}
