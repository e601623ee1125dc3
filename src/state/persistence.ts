/**
 * Drafts are never lost: every change to the open rules (text, typed query, sample events) and to
 * the selection is written to IndexedDB as it happens, and the workspace comes back on reload.
 * Large event inputs (kept as Blobs, see events.ts) are stored as Blobs too: the browser keeps
 * them on disk, and the one read back is disk-backed rather than held in memory.
 * When storage is unavailable or full the store carries a warning and editing goes on.
 * A saved rule too large to load quickly is held back at start-up (see held-drafts.ts): the app
 * always opens, and offers to open or discard it.
 */
import { useApp } from './store.ts';
import { RecordStore } from './idb.ts';
import { restoreWorkspace, saveRule, saveSession, type SavedRule, type SavedSession } from './saved-workspace.ts';
import { initialRules } from './studio.ts';
import type { RuleEntry } from './rule-entry.ts';
import type { EventsFile } from './events.ts';
import { restoreRule } from './saved-workspace.ts';
import type { HeldDraft } from './held-drafts.ts';
import { LARGE_DRAFT_CHARS } from './large-text.ts';

const DB_NAME = 'rule-studio';
const STORE_NAME = 'workspace';
const SESSION_KEY = 'session';
const ruleKey = (id: string) => `rule:${id}`;
const eventsKey = (id: string) => `events:${id}`;

function isEventsFile(value: unknown): value is EventsFile {
  return typeof value === 'object' && value !== null && (value as EventsFile).blob instanceof Blob && typeof (value as EventsFile).name === 'string';
}

function describe(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'QuotaExceededError') return 'Browser storage is full: your latest edits are not being saved. Export your rules to keep them.';
  return `Browser storage is unavailable (${err instanceof Error ? err.message : String(err)}): edits will be lost on reload. Export your rules to keep them.`;
}

/** Restores the saved workspace (if any), then keeps saving. Never rejects. */
export async function startPersistence(): Promise<void> {
  let db: RecordStore;
  try {
    db = await RecordStore.open(DB_NAME, STORE_NAME);
    const records = await db.getAll<unknown>();
    const saved = new Map<string, SavedRule>();
    const held: HeldDraft[] = [];
    for (const [key, value] of records) {
      if (!key.startsWith('rule:')) continue;
      const text = largeDraftText(value);
      if (text !== null) held.push({ id: key.slice(5), fileName: String((value as SavedRule).fileName), text });
      else saved.set(key.slice(5), value as SavedRule);
    }
    // Held rules sit the restore out, and so does a bundled rule of the same id: saving it would
    // write over the held draft.
    const heldIds = new Set(held.map((h) => h.id));
    const session = records.get(SESSION_KEY) as SavedSession | undefined;
    const restored = restoreWorkspace(
      initialRules().filter((e) => !heldIds.has(e.id)),
      session && Array.isArray(session.ruleIds) ? { ...session, ruleIds: session.ruleIds.filter((id) => !heldIds.has(id)) } : session,
      saved,
    );
    if (restored) useApp.getState().actions.rules.restore(restored.rules, restored.selectedId);
    else if (heldIds.size)
      useApp.getState().actions.rules.restore(
        useApp.getState().rules.filter((e) => !heldIds.has(e.id)),
        null,
      );
    if (held.length) useApp.setState({ drafts: held });
    const open = new Set(useApp.getState().rules.map((e) => e.id));
    const files: Record<string, EventsFile> = {};
    for (const [key, value] of records) {
      const id = key.slice(7);
      if (key.startsWith('events:') && open.has(id) && isEventsFile(value)) files[id] = { blob: value.blob, name: value.name };
    }
    if (Object.keys(files).length) useApp.setState((s) => ({ files: { ...files, ...s.files } }));
    // Events of rules that are no longer open (closed while storage failed) are dropped; those of a held rule wait with it.
    const stale = [...records.keys()].filter((key) => key.startsWith('events:') && !files[key.slice(7)] && !heldIds.has(key.slice(7)));
    if (stale.length) void db.write(new Map(), stale).catch(() => {});
    if (held.length) offerHeldDrafts(db, records);
  } catch (err) {
    useApp.getState().actions.rules.setStorageProblem(describe(err));
    return;
  }
  keepSaving(db);
}

/** The saved TOML of a rule record when it is too large to load at start-up, else null. */
function largeDraftText(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { text, tomlDraft } = value as SavedRule;
  const shown = typeof tomlDraft === 'string' ? tomlDraft : text;
  const size = Math.max(typeof text === 'string' ? text.length : 0, typeof tomlDraft === 'string' ? tomlDraft.length : 0);
  return size > LARGE_DRAFT_CHARS && typeof shown === 'string' ? shown : null;
}

/** Opening a held draft loads it into the workspace (the user asked: it may take a while); discarding deletes it. */
function offerHeldDrafts(db: RecordStore, records: ReadonlyMap<string, unknown>): void {
  const release = (id: string) => useApp.setState((s) => ({ drafts: s.drafts.filter((d) => d.id !== id), problem: null }));
  const open = (id: string) => {
    const entry = restoreRule(records.get(ruleKey(id)) as SavedRule);
    if (!entry) {
      useApp.setState({ problem: 'That saved rule could not be read. Download it to keep the text, or discard it.' });
      return;
    }
    const { rules } = useApp.getState();
    useApp.getState().actions.rules.restore([...rules.filter((e) => e.id !== id), entry], id);
    const file = records.get(eventsKey(id));
    if (isEventsFile(file)) useApp.setState((s) => ({ files: { ...s.files, [id]: { blob: file.blob, name: file.name } } }));
    release(id);
  };
  const discard = (id: string) => {
    db.write(new Map(), [ruleKey(id), eventsKey(id)]).then(
      () => {
        release(id);
        // A bundled rule of that id comes back as shipped.
        const bundled = initialRules().find((e) => e.id === id);
        const { rules, selectedId } = useApp.getState();
        if (bundled && !rules.some((e) => e.id === id)) useApp.getState().actions.rules.restore([...rules, bundled], selectedId ?? id);
      },
      (err: unknown) => useApp.setState({ problem: describe(err) }),
    );
  };
  useApp.getState().actions.heldDrafts.setHandlers({ open, discard });
}

function keepSaving(db: RecordStore): void {
  // What the database holds, by identity: an entry object is replaced on every edit.
  let savedRules = new Map<string, RuleEntry>();
  let savedSession = '';
  let writing = false;
  let changedWhileWriting = false;
  // Large event inputs, by identity, and why the last one could not be saved.
  let savedFiles = new Map<string, EventsFile>(Object.entries(useApp.getState().files));
  let eventsProblem: string | null = null;

  /**
   * At most one transaction in flight: changes made meanwhile are written together as soon as it
   * lands, so a burst of keystrokes never builds a queue that a reload would cut short.
   */
  const flush = () => {
    if (writing) {
      changedWhileWriting = true;
      return;
    }
    const { rules, selectedId } = useApp.getState();
    const puts = new Map<string, unknown>();
    const current = new Map(rules.map((e) => [e.id, e]));
    for (const entry of rules) if (savedRules.get(entry.id) !== entry) puts.set(ruleKey(entry.id), saveRule(entry));
    const deletes = [...savedRules.keys()].filter((id) => !current.has(id)).map(ruleKey);
    const session = saveSession(rules, selectedId);
    // Held drafts stay in the session until opened or discarded, so the next start-up offers them again.
    for (const held of useApp.getState().drafts) if (!current.has(held.id)) session.ruleIds.push(held.id);
    const sessionJson = JSON.stringify(session);
    if (sessionJson !== savedSession) puts.set(SESSION_KEY, session);
    if (!puts.size && !deletes.length) return;
    savedRules = current;
    savedSession = sessionJson;
    writing = true;
    db.write(puts, deletes).then(
      () => {
        // Drafts are saved again; a failure to save the large events input still stands.
        if (useApp.getState().storageProblem !== eventsProblem) useApp.getState().actions.rules.setStorageProblem(eventsProblem);
        finish();
      },
      (err: unknown) => {
        useApp.getState().actions.rules.setStorageProblem(describe(err));
        // Forget what we thought was saved, so the next change writes everything again.
        savedRules = new Map();
        savedSession = '';
        finish();
      },
    );
  };
  const finish = () => {
    writing = false;
    if (changedWhileWriting) {
      changedWhileWriting = false;
      flush();
    }
  };

  flush();
  useApp.subscribe((state, previous) => {
    if (state.rules !== previous.rules || state.selectedId !== previous.selectedId) {
      flush();
      if (state.rules !== previous.rules) saveEventFiles();
    }
  });

  // Large event inputs change rarely (a paste, a file, a clear): each change is its own write.
  const saveEventFiles = () => {
    const open = new Set(useApp.getState().rules.map((e) => e.id));
    const files = new Map(Object.entries(useApp.getState().files).filter(([id]) => open.has(id)));
    const puts = new Map<string, unknown>();
    for (const [id, file] of files) if (savedFiles.get(id) !== file) puts.set(eventsKey(id), { blob: file.blob, name: file.name });
    const deletes = [...savedFiles.keys()].filter((id) => !files.has(id)).map(eventsKey);
    if (!puts.size && !deletes.length) return;
    savedFiles = files;
    db.write(puts, deletes).then(
      () => {
        if (eventsProblem && useApp.getState().storageProblem === eventsProblem) useApp.getState().actions.rules.setStorageProblem(null);
        eventsProblem = null;
      },
      (err: unknown) => {
        const why =
          err instanceof DOMException && err.name === 'QuotaExceededError' ? 'browser storage is full' : err instanceof Error ? err.message : String(err);
        eventsProblem = `The loaded sample events could not be saved (${why}): they will be gone after a reload. Rule edits are still saved.`;
        useApp.getState().actions.rules.setStorageProblem(eventsProblem);
        savedFiles = new Map();
      },
    );
  };
  useApp.subscribe((state, previous) => {
    if (state.files !== previous.files) saveEventFiles();
  });
  useApp.subscribe((state, previous) => {
    if (state.drafts !== previous.drafts) flush();
  });
}
