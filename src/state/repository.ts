/**
 * The repository workspace, when the page is served by `rule-studio serve`: the page's URL
 * carries a token once; with it, the rule list is the repository's files, Save writes a rule in
 * place (If-Match: the ETag it was read with), and changes on disk reach the open rules.
 *
 * A file is opened through the same path as a picked file (openFiles), then linked to its path
 * and ETag here. A save the server refuses as stale (412) becomes a `conflict` the user settles
 * (overwrite or reload); a change on disk reloads a rule without unsaved edits and only marks one
 * with edits, so nothing is ever lost without a question.
 *
 * The workflows are the `actions.repository` group of the application store (store.ts composes
 * `repositoryWorkflows`); the repository's state is its nested `repository` field.
 */
import { decodeRuleBytes } from '../rule/decode.ts';
import { readRuleTests, sidecarPathFor, TEST_SIDECAR_SUFFIX, writeRuleTests } from '../rule/test-cases.ts';
import type { PickedFile } from './open-files.ts';
import { type Change, httpBackend, type Listed, type RepoFile, type RepositoryBackend } from './repository-backend.ts';
import { createEntry, hasUnexportedChanges, isDirty, type RuleEntry } from './rule-entry.ts';
import { type RuleSummary, summarizeRule } from '../rule/rule-summary.ts';
import { type DirectoryHandleLike, folderBackend, folderPicker } from './repository-folder.ts';
import type { AppState, SetRoot } from './store.ts';

export type { RepoFile } from './repository-backend.ts';

export interface FileLink {
  path: string;
  /** The ETag of the bytes the entry was opened from or last saved as. */
  etag: string;
  /** The test sidecar beside it as read or last saved (absent: there was none). */
  tests?: { etag: string; casesJson: string };
}

export interface RepositoryState {
  connected: boolean;
  /** Where the files are: the serving process, or a folder the browser opened. */
  source: 'server' | 'folder' | null;
  readOnly: boolean;
  files: RepoFile[];
  /**
   * The repository's rules as the list shows them, by path: summaries read without loading the
   * rules (rule-summary.ts). A rule is loaded into the workspace only when opened.
   */
  index: RuleSummary[];
  /** Entry id → the repository file it stands for. */
  links: Record<string, FileLink>;
  /** Paths changed on disk while their rule had unsaved edits. */
  changedOnDisk: Record<string, true>;
  /** Git status by path (derived from `files`, kept for the list's many lookups). */
  gitByPath: Record<string, RepoFile['git']>;
  /** The list shows only rules whose file git reports as changed. */
  changedOnly: boolean;
  /** A save refused because the file changed on disk since it was read. */
  conflict: { entryId: string; path: string; text: string; diskEtag: string | null } | null;
}

/** The repository's state before one is opened (the store's initial `repository` field). */
export function initialRepository(): RepositoryState {
  return {
    connected: false,
    source: null,
    readOnly: false,
    files: [],
    index: [],
    gitByPath: {},
    changedOnly: false,
    links: {},
    changedOnDisk: {},
    conflict: null,
  };
}

function filesState(files: Listed['files']): Pick<RepositoryState, 'files' | 'gitByPath'> {
  const gitByPath: Record<string, RepoFile['git']> = {};
  for (const f of files) if (f.git) gitByPath[f.path] = f.git;
  return { files: files.map(({ path, size, mtime, etag, git }) => ({ path, size, mtime, etag, ...(git ? { git } : {}) })), gitByPath };
}

const TOKEN_KEY = 'rule-studio:repository-token';

/**
 * The token from the page's address, once: it is removed from the address bar (and history) at
 * once, so it is not bookmarked, shared or shown. It is kept for this tab only (sessionStorage),
 * so a reload stays connected; a new tab needs the printed URL. Not an action: it reads only the
 * page's address and storage, before the store has anything to do with a repository.
 */
export function takeTokenFromUrl(
  location: Pick<Location, 'href'> = window.location,
  history: Pick<History, 'state' | 'replaceState'> = window.history,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = globalThis.sessionStorage ?? null,
): string | null {
  const url = new URL(location.href);
  const found = url.searchParams.get('token');
  if (found === null) {
    try {
      return storage?.getItem(TOKEN_KEY) ?? null;
    } catch {
      return null;
    }
  }
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  try {
    storage?.setItem(TOKEN_KEY, found);
  } catch {
    // storage refused: a reload will need the printed URL again
  }
  return found;
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

const SUMMARY_SLICE = 250;

/**
 * Summaries of many rules, a slice at a time with a pause between, so a repository of thousands
 * never holds the page for long (each slice is a few tens of milliseconds).
 */
async function summarize(files: Listed['files']): Promise<RuleSummary[]> {
  const rules = files.filter((f) => f.path.endsWith('.toml'));
  const out: RuleSummary[] = [];
  let sinceYield = 0;
  for (const f of rules) {
    if (f.summary) {
      out.push({ path: f.path, ...f.summary });
      continue;
    }
    if (++sinceYield % SUMMARY_SLICE === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    out.push(summarizeRule(f.path, f.text ?? ''));
  }
  return out;
}

function testsLink(entry: RuleEntry, etag: string | undefined): Pick<FileLink, 'tests'> {
  return etag === undefined ? {} : { tests: { etag, casesJson: JSON.stringify(entry.tests) } };
}

export type SaveResult = 'saved' | 'unchanged' | 'conflict' | 'tests-conflict' | 'read-only' | 'not-in-repository' | 'failed';

/** The repository's workflows (`actions.repository`), over the root state. */
export function repositoryWorkflows(set: SetRoot, get: () => AppState) {
  /** The connected repository's files (null before a repository is opened). */
  let backend: RepositoryBackend | null = null;
  /** Texts of repository files as last read (rules not opened yet open from here without a read). */
  const texts = new Map<string, { text: string; etag: string }>();

  const repository = () => get().repository;
  /** Merges a patch into the nested `repository` field. */
  const patch = (change: Partial<RepositoryState> | ((state: RepositoryState) => Partial<RepositoryState>)) =>
    set((root) => ({ repository: { ...root.repository, ...(typeof change === 'function' ? change(root.repository) : change) } }));
  const rules = () => get().actions.rules;
  const showStatus = (text: string, ruleId?: string | null) => get().actions.status.showStatus(text, ruleId);

  async function readFile(path: string): Promise<{ file: PickedFile; etag: string } | null> {
    const read = await backend?.read(path);
    if (!read) return null;
    if (!path.endsWith('.toml')) return { file: { name: path, text: new TextDecoder().decode(read.bytes) }, etag: read.etag };
    const { text, diagnostics } = decodeRuleBytes(read.bytes);
    return { file: { name: path, text, ...(diagnostics.length ? { problems: diagnostics } : {}) }, etag: read.etag };
  }

  /** A repository file's text and ETag: as last read when its ETag is still `etag`, else read now. */
  async function textOf(path: string, etag?: string): Promise<{ file: PickedFile; etag: string } | null> {
    const known = texts.get(path);
    if (known && (etag === undefined || known.etag === etag)) return { file: { name: path, text: known.text }, etag: known.etag };
    const read = await readFile(path);
    if (read && !read.file.problems) texts.set(path, { text: read.file.text, etag: read.etag });
    return read;
  }

  /** The list's entry for `path` replaced (or added, or with null removed), keeping path order. */
  function setSummary(path: string, summary: RuleSummary | null): void {
    patch((s) => {
      const index = s.index.filter((r) => r.path !== path);
      if (summary) index.push(summary);
      return { index: index.sort(byPath) };
    });
  }

  /** The entry linked to a repository path, if the rule was opened. */
  function entryFor(path: string): RuleEntry | undefined {
    const { links } = repository();
    return get().rules.find((e) => links[e.id]?.path === path);
  }

  /**
   * Reads a rule not opened yet (and its sidecar) ahead of a likely click (the pointer or the focus
   * is on its row), so opening it does not wait for the read.
   */
  function prefetchRule(path: string): void {
    if (entryFor(path)) return;
    const listed = new Map(repository().files.map((f) => [f.path, f.etag]));
    const sidecarPath = sidecarPathFor(path);
    void textOf(path, listed.get(path));
    if (listed.has(sidecarPath)) void textOf(sidecarPath, listed.get(sidecarPath));
  }

  /**
   * Opens a repository rule (with its test sidecar) in the workspace and selects it; a rule
   * already open is only selected. Returns false when it cannot be read or does not load (the
   * workspace then shows why, as for any file opened).
   */
  async function openRule(path: string): Promise<boolean> {
    const open = entryFor(path);
    if (open) {
      rules().selectRule(open.id);
      return true;
    }
    const { files } = repository();
    const listed = new Map(files.map((f) => [f.path, f.etag]));
    const sidecarPath = sidecarPathFor(path);
    const [rule, sidecar] = await Promise.all([textOf(path, listed.get(path)), listed.has(sidecarPath) ? textOf(sidecarPath, listed.get(sidecarPath)) : null]);
    if (!rule) return false;
    if (entryFor(path)) return openRule(path); // opened meanwhile (a double click)
    const before = new Set(get().rules.map((e) => e.id));
    rules().openFiles(sidecar ? [rule.file, sidecar.file] : [rule.file]);
    const entry = get().rules.find((e) => !before.has(e.id) && e.fileName === path);
    if (!entry) return false;
    patch((s) => ({ links: { ...s.links, [entry.id]: { path, etag: rule.etag, ...testsLink(entry, sidecar?.etag) } } }));
    return true;
  }

  /**
   * Connects to a repository: its rules replace the bundled ones (drafts restored from this
   * browser stay), and changes on disk are followed from now on. The list is ready once every rule
   * is summarised; rules are loaded when opened.
   */
  async function connect(to: RepositoryBackend, source: 'server' | 'folder'): Promise<void> {
    backend = to;
    texts.clear();
    // The bundled rules without edits leave at once (this runs before the page's first render), so
    // the page does not build an editor for a rule the repository is about to replace.
    const before = { rules: get().rules, selectedId: get().selectedId };
    if (before.rules.some((e) => e.origin === 'bundled' && !hasUnexportedChanges(e))) {
      rules().restore(
        before.rules.filter((e) => e.origin !== 'bundled' || hasUnexportedChanges(e)),
        null,
      );
    }
    const listed = await to.list('index');
    performance.mark('repo:listed');
    if (!listed) {
      // Nothing replaces the bundled rules after all: they come back (with anything added meanwhile).
      const now = get();
      const current = new Set(now.rules.map((e) => e.id));
      rules().restore([...before.rules.filter((e) => !current.has(e.id)), ...now.rules], now.selectedId ?? before.selectedId);
      if (source === 'folder') return showStatus('Could not read the folder (was access refused?)');
      try {
        globalThis.sessionStorage?.removeItem(TOKEN_KEY); // a server restarted since: its new URL is needed
      } catch {
        // nothing kept
      }
      showStatus('Could not open the repository: the server refused the token (restart rule-studio serve and use its new URL)');
      return;
    }
    for (const f of listed.files) if (f.text !== undefined) texts.set(f.path, { text: f.text, etag: f.etag });
    const rulePaths = listed.files.map((f) => f.path).filter((p) => p.endsWith('.toml'));

    // Rules restored from this tab's drafts (a reload): a repository file with unsaved edits stays
    // as it was, linked again; one without edits is read afresh from disk when opened.
    const etags = new Map(listed.files.map((f) => [f.path, f.etag]));
    const kept: RuleEntry[] = [];
    const resumed: Record<string, FileLink> = {};
    const changedOnDisk: Record<string, true> = {};
    for (const entry of get().rules) {
      if (entry.origin === 'opened' && etags.has(entry.fileName) && !Object.values(resumed).some((l) => l.path === entry.fileName)) {
        if (!hasUnexportedChanges(entry)) continue;
        kept.push(entry);
        // Save may replace the file only if it still holds the text these edits started from.
        const sidecarPath = sidecarPathFor(entry.fileName);
        const [onDisk, sidecar] = await Promise.all([
          textOf(entry.fileName, etags.get(entry.fileName)),
          etags.has(sidecarPath) ? textOf(sidecarPath, etags.get(sidecarPath)) : null,
        ]);
        const unchanged = onDisk?.file.text === entry.originalText;
        const diskCases = sidecar ? JSON.stringify(readRuleTests(sidecar.file.text).file.cases) : undefined;
        resumed[entry.id] = {
          path: entry.fileName,
          etag: unchanged ? etags.get(entry.fileName)! : '"changed-since-opened"',
          ...(sidecar && diskCases !== undefined ? { tests: { etag: sidecar.etag, casesJson: diskCases } } : {}),
        };
        if (!unchanged) changedOnDisk[entry.fileName] = true;
      } else if (entry.origin !== 'bundled' || hasUnexportedChanges(entry)) kept.push(entry);
    }
    rules().restore(kept, null);
    performance.mark('repo:restored');
    const index = await summarize(listed.files);
    patch({ connected: true, source, readOnly: listed.readOnly, ...filesState(listed.files), index, links: resumed, changedOnDisk });
    performance.mark('repo:indexed');
    showStatus(`Opened ${rulePaths.length} rule${rulePaths.length === 1 ? '' : 's'} from the repository`);
    const first = kept.find((e) => resumed[e.id]);
    if (first) rules().selectRule(first.id);
    else if (index.length) await openRule(index[0].path);
    performance.mark('repo:opened-first');
    to.follow(
      onDiskChanges,
      async () => {
        const missed = await missedChanges();
        if (missed.length) await onDiskChanges(missed);
      },
      () => showStatus('The repository server no longer accepts this page: open the URL rule-studio serve printed'),
    );
  }

  /** The entry's content replaced by the file's bytes on disk (same id: selection and events stay). */
  async function reloadEntry(entry: RuleEntry): Promise<boolean> {
    const path = repository().links[entry.id]?.path;
    if (!path) return false;
    const [rule, tests] = await Promise.all([readFile(path), readFile(sidecarPathFor(path))]);
    if (!rule || rule.file.problems) return false;
    const made = createEntry(entry.id, entry.fileName, entry.origin, rule.file.text, tests?.file.text);
    if (!('entry' in made)) return false;
    rules().updateRule(entry.id, (current) => ({ ...made.entry, eventsText: current.eventsText }));
    patch((s) => {
      const changedOnDisk = { ...s.changedOnDisk };
      delete changedOnDisk[path];
      return { links: { ...s.links, [entry.id]: { path, etag: rule.etag, ...testsLink(made.entry, tests?.etag) } }, changedOnDisk };
    });
    return true;
  }

  /** A file this page wrote: its new ETag is the known one (not a change by another program). */
  function noteWritten(path: string, etag: string): void {
    patch((s) => ({
      files: s.files.some((f) => f.path === path)
        ? s.files.map((f) => (f.path === path ? { ...f, etag } : f))
        : [...s.files, { path, etag, size: 0, mtime: Date.now() }],
    }));
  }

  /**
   * Writes the entry's test cases beside it when they differ from the sidecar as read (a sidecar
   * whose cases did not change is never rewritten; none is created for a rule without tests).
   */
  async function saveTests(entryId: string): Promise<SaveResult> {
    const link = repository().links[entryId];
    const entry = get().rules.find((e) => e.id === entryId);
    if (!link || !entry) return 'failed';
    const casesJson = JSON.stringify(entry.tests);
    if (link.tests ? link.tests.casesJson === casesJson : entry.tests.length === 0) return 'unchanged';
    const path = sidecarPathFor(link.path);
    const written = await backend!.write(path, writeRuleTests({ cases: entry.tests }), link.tests ? link.tests.etag : null);
    if (written.status === 'stale') return 'tests-conflict';
    if (written.status !== 'ok') return written.status === 'forbidden' ? 'read-only' : 'failed';
    const etag = written.etag;
    noteWritten(path, etag);
    patch((s) => (s.links[entryId] ? { links: { ...s.links, [entryId]: { ...s.links[entryId], tests: { etag, casesJson } } } } : {}));
    return 'saved';
  }

  /**
   * Writes `text` (what Export would write for the entry) over the entry's file, if the file is
   * still the one it was read from. A rule whose text is the file's is not rewritten.
   */
  async function saveRule(entryId: string, text: string, options: { overwriteEtag?: string } = {}): Promise<SaveResult> {
    const link = repository().links[entryId];
    if (!link) return 'not-in-repository';
    if (repository().readOnly) return 'read-only';
    const entry = get().rules.find((e) => e.id === entryId);
    if (!entry) return 'failed';
    if (!options.overwriteEtag && text === entry.originalText && !repository().changedOnDisk[link.path]) return saveTests(entryId);
    const written = await backend!.write(link.path, text, options.overwriteEtag ?? link.etag);
    if (written.status === 'stale') {
      patch({ conflict: { entryId, path: link.path, text, diskEtag: written.diskEtag } });
      return 'conflict';
    }
    if (written.status !== 'ok') return written.status === 'forbidden' ? 'read-only' : 'failed';
    const etag = written.etag;
    noteWritten(link.path, etag);
    texts.set(link.path, { text, etag });
    // The saved text is the new baseline: the rule is no longer changed, nor unexported.
    rules().updateRule(entryId, (e) => ({ ...e, originalText: text, exportedText: text }));
    patch((s) => {
      const changedOnDisk = { ...s.changedOnDisk };
      delete changedOnDisk[link.path];
      return {
        links: { ...s.links, [entryId]: { ...s.links[entryId], path: link.path, etag } },
        changedOnDisk,
        conflict: s.conflict?.entryId === entryId ? null : s.conflict,
      };
    });
    const tests = await saveTests(entryId);
    return tests === 'unchanged' || tests === 'saved' ? 'saved' : tests;
  }

  /** The list's entry for a rule that is not open, after a change on disk. */
  async function refreshSummary(path: string, etag: string | null): Promise<void> {
    texts.delete(path);
    if (etag === null) return setSummary(path, null);
    const read = await textOf(path, etag);
    setSummary(path, summarizeRule(path, read && !read.file.problems ? read.file.text : ''));
  }

  async function onDiskChanges(changes: Change[]): Promise<void> {
    const { links } = repository();
    for (const { path, etag } of changes) {
      const rulePath = path.endsWith(TEST_SIDECAR_SUFFIX) ? path.slice(0, -TEST_SIDECAR_SUFFIX.length) + '.toml' : path;
      const entry = entryFor(rulePath);
      if (!entry) {
        // Not open: the list's summary follows the file; a sidecar is read when its rule opens.
        if (path === rulePath && path.endsWith('.toml')) await refreshSummary(path, etag);
        else texts.delete(path);
        continue;
      }
      if (path === rulePath && links[entry.id]?.etag === etag) continue; // our own save
      if (!isDirty(entry) && entry.tomlDraft == null && etag !== null) {
        if (await reloadEntry(entry)) showStatus(`${rulePath} changed on disk and was reloaded`, entry.id);
      } else {
        patch((s) => ({ changedOnDisk: { ...s.changedOnDisk, [rulePath]: true } }));
        showStatus(`${rulePath} ${etag === null ? 'was deleted' : 'changed'} on disk; your edits are kept (Save asks before overwriting)`, entry.id);
      }
    }
    const listed = await backend?.list('plain');
    if (listed) patch(filesState(listed.files));
  }

  /**
   * What changed while no events could arrive (before the stream opened, while it was down, or,
   * for a folder, while the page was in the background): files whose ETag is not the one they
   * were read with, files that are gone, and rule files new to the list.
   */
  async function missedChanges(): Promise<Change[]> {
    const listed = await backend?.list('plain');
    if (!listed) return [];
    const etags = new Map(listed.files.map((f) => [f.path, f.etag]));
    const { links, files } = repository();
    const known = new Map(files.map((f) => [f.path, f.etag]));
    for (const l of Object.values(links)) known.set(l.path, l.etag);
    const changes: Change[] = [];
    for (const [path, etag] of known) if (etags.get(path) !== etag) changes.push({ path, etag: etags.get(path) ?? null });
    for (const f of listed.files) if (!known.has(f.path)) changes.push({ path: f.path, etag: f.etag });
    return changes;
  }

  return {
    /** The connected repository's files (null before a repository is opened). */
    backend: (): RepositoryBackend | null => backend,

    /** The list shows only rules whose file git reports as changed (or not). */
    setChangedOnly(changedOnly: boolean): void {
      patch({ changedOnly });
    },

    prefetchRule,
    openRule,

    /** Whether this browser can open a folder for the workspace (the File System Access API). */
    canOpenFolder: (): boolean => folderPicker() !== null,

    /**
     * "Open folder…": the user picks a folder (a detection-rules checkout or a rules folder) and it
     * becomes the workspace as with `rule-studio serve`. False when the browser has no folder picker
     * or the user cancelled.
     */
    async openFolder(): Promise<boolean> {
      const picker = folderPicker();
      if (!picker) return false;
      let root: DirectoryHandleLike;
      try {
        root = await picker({ mode: 'readwrite' });
      } catch {
        return false; // cancelled, or access refused
      }
      await connect(folderBackend(root), 'folder');
      return true;
    },

    /** Connects to the repository `rule-studio serve` serves (the page's URL carried its token). */
    start: (fromUrl: string): Promise<void> => connect(httpBackend(fromUrl), 'server'),

    connect,
    saveRule,

    /** Settles a refused save: write ours over the file on disk, or take the file on disk. */
    async resolveConflict(choice: 'overwrite' | 'reload' | 'cancel'): Promise<SaveResult | 'reloaded' | 'cancelled'> {
      const conflict = repository().conflict;
      if (!conflict) return 'cancelled';
      patch({ conflict: null });
      if (choice === 'cancel') return 'cancelled';
      if (choice === 'overwrite') {
        // The server said which version is on disk; a file deleted meanwhile is created again.
        if (conflict.diskEtag) return saveRule(conflict.entryId, conflict.text, { overwriteEtag: conflict.diskEtag });
        return 'failed';
      }
      const entry = get().rules.find((e) => e.id === conflict.entryId);
      return entry && (await reloadEntry(entry)) ? 'reloaded' : 'failed';
    },
  };
}

export type RepositoryWorkflows = ReturnType<typeof repositoryWorkflows>;
