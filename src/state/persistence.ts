/**
 * Drafts are never lost: every change to the open rules (text, typed query, sample events) and to
 * the selection is written to IndexedDB as it happens, and the workspace comes back on reload.
 * Large event inputs (kept as Blobs, see events.ts) are stored as Blobs too: the browser keeps
 * them on disk, and the one read back is disk-backed rather than held in memory.
 * When storage is unavailable or full the store carries a warning and editing goes on.
 */
import { RecordStore } from './idb.ts';
import { restoreWorkspace, saveRule, saveSession, type SavedRule, type SavedSession } from './saved-workspace.ts';
import { initialRules, useStudio } from './studio.ts';
import type { RuleEntry } from './rule-entry.ts';
import { useEvents, type EventsFile } from './events.ts';

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
    for (const [key, value] of records) if (key.startsWith('rule:')) saved.set(key.slice(5), value as SavedRule);
    const restored = restoreWorkspace(initialRules(), records.get(SESSION_KEY) as SavedSession | undefined, saved);
    if (restored) useStudio.getState().restore(restored.rules, restored.selectedId);
    const open = new Set(useStudio.getState().rules.map((e) => e.id));
    const files: Record<string, EventsFile> = {};
    for (const [key, value] of records) {
      const id = key.slice(7);
      if (key.startsWith('events:') && open.has(id) && isEventsFile(value)) files[id] = { blob: value.blob, name: value.name };
    }
    if (Object.keys(files).length) useEvents.setState((s) => ({ files: { ...files, ...s.files } }));
    // Events of rules that are no longer open (closed while storage failed) are dropped.
    const stale = [...records.keys()].filter((key) => key.startsWith('events:') && !files[key.slice(7)]);
    if (stale.length) void db.write(new Map(), stale).catch(() => {});
  } catch (err) {
    useStudio.getState().setStorageProblem(describe(err));
    return;
  }
  keepSaving(db);
}

function keepSaving(db: RecordStore): void {
  // What the database holds, by identity: an entry object is replaced on every edit.
  let savedRules = new Map<string, RuleEntry>();
  let savedSession = '';
  let writing = false;
  let changedWhileWriting = false;
  // Large event inputs, by identity, and why the last one could not be saved.
  let savedFiles = new Map<string, EventsFile>(Object.entries(useEvents.getState().files));
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
    const { rules, selectedId } = useStudio.getState();
    const puts = new Map<string, unknown>();
    const current = new Map(rules.map((e) => [e.id, e]));
    for (const entry of rules) if (savedRules.get(entry.id) !== entry) puts.set(ruleKey(entry.id), saveRule(entry));
    const deletes = [...savedRules.keys()].filter((id) => !current.has(id)).map(ruleKey);
    const session = saveSession(rules, selectedId);
    const sessionJson = JSON.stringify(session);
    if (sessionJson !== savedSession) puts.set(SESSION_KEY, session);
    if (!puts.size && !deletes.length) return;
    savedRules = current;
    savedSession = sessionJson;
    writing = true;
    db.write(puts, deletes).then(
      () => {
        // Drafts are saved again; a failure to save the large events input still stands.
        if (useStudio.getState().storageProblem !== eventsProblem) useStudio.getState().setStorageProblem(eventsProblem);
        finish();
      },
      (err: unknown) => {
        useStudio.getState().setStorageProblem(describe(err));
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
  useStudio.subscribe((state, previous) => {
    if (state.rules !== previous.rules || state.selectedId !== previous.selectedId) {
      flush();
      if (state.rules !== previous.rules) saveEventFiles();
    }
  });

  // Large event inputs change rarely (a paste, a file, a clear): each change is its own write.
  const saveEventFiles = () => {
    const open = new Set(useStudio.getState().rules.map((e) => e.id));
    const files = new Map(Object.entries(useEvents.getState().files).filter(([id]) => open.has(id)));
    const puts = new Map<string, unknown>();
    for (const [id, file] of files) if (savedFiles.get(id) !== file) puts.set(eventsKey(id), { blob: file.blob, name: file.name });
    const deletes = [...savedFiles.keys()].filter((id) => !files.has(id)).map(eventsKey);
    if (!puts.size && !deletes.length) return;
    savedFiles = files;
    db.write(puts, deletes).then(
      () => {
        if (eventsProblem && useStudio.getState().storageProblem === eventsProblem) useStudio.getState().setStorageProblem(null);
        eventsProblem = null;
      },
      (err: unknown) => {
        const why = err instanceof DOMException && err.name === 'QuotaExceededError' ? 'browser storage is full' : err instanceof Error ? err.message : String(err);
        eventsProblem = `The loaded sample events could not be saved (${why}): they will be gone after a reload. Rule edits are still saved.`;
        useStudio.getState().setStorageProblem(eventsProblem);
        savedFiles = new Map();
      },
    );
  };
  useEvents.subscribe((state, previous) => {
    if (state.files !== previous.files) saveEventFiles();
  });
}
