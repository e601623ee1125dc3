/**
 * The repository workspace, when the page is served by `rule-studio serve`: the page's URL
 * carries a token once; with it, the rule list is the repository's files, Save writes a rule in
 * place (If-Match: the ETag it was read with), and changes on disk reach the open rules.
 *
 * A file is opened through the same path as a picked file (openFiles), then linked to its path
 * and ETag here. A save the server refuses as stale (412) becomes a `conflict` the user settles
 * (overwrite or reload); a change on disk reloads a rule without unsaved edits and only marks one
 * with edits, so nothing is ever lost without a question.
 */
import { create } from 'zustand';
import { decodeRuleBytes } from '../rule/decode.ts';
import { readRuleTests, sidecarPathFor, TEST_SIDECAR_SUFFIX, writeRuleTests } from '../rule/test-cases.ts';
import type { PickedFile } from './open-files.ts';
import { createEntry, hasUnexportedChanges, isDirty, type RuleEntry } from './rule-entry.ts';
import { useStatus } from './status.ts';
import { useStudio } from './studio.ts';

export interface RepoFile {
  path: string;
  size: number;
  mtime: number;
  etag: string;
  git?: 'modified' | 'added' | 'untracked';
}

export interface FileLink {
  path: string;
  /** The ETag of the bytes the entry was opened from or last saved as. */
  etag: string;
  /** The test sidecar beside it as read or last saved (absent: there was none). */
  tests?: { etag: string; casesJson: string };
}

export interface RepositoryState {
  connected: boolean;
  readOnly: boolean;
  files: RepoFile[];
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

export const useRepository = create<RepositoryState>()(() => ({
  connected: false,
  readOnly: false,
  files: [],
  gitByPath: {},
  changedOnly: false,
  links: {},
  changedOnDisk: {},
  conflict: null,
}));

let token: string | null = null;

function filesState(files: readonly (RepoFile & { text?: string })[]): Pick<RepositoryState, 'files' | 'gitByPath'> {
  const gitByPath: Record<string, RepoFile['git']> = {};
  for (const f of files) if (f.git) gitByPath[f.path] = f.git;
  return { files: files.map(({ text: _text, ...file }) => file), gitByPath };
}

export function setChangedOnly(changedOnly: boolean): void {
  useRepository.setState({ changedOnly });
}

const TOKEN_KEY = 'rule-studio:repository-token';

/**
 * The token from the page's address, once: it is removed from the address bar (and history) at
 * once, so it is not bookmarked, shared or shown. It is kept for this tab only (sessionStorage),
 * so a reload stays connected; a new tab needs the printed URL.
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

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(path, { ...init, cache: 'no-store', headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` } });
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

async function readFile(path: string): Promise<{ file: PickedFile; etag: string } | null> {
  const res = await api(`api/files/${encodePath(path)}`);
  if (!res.ok) return null;
  const bytes = new Uint8Array(await res.arrayBuffer());
  const etag = res.headers.get('ETag') ?? '';
  if (!path.endsWith('.toml')) return { file: { name: path, text: new TextDecoder().decode(bytes) }, etag };
  const { text, diagnostics } = decodeRuleBytes(bytes);
  return { file: { name: path, text, ...(diagnostics.length ? { problems: diagnostics } : {}) }, etag };
}

/** Runs `work` over `items`, at most `limit` at a time (the browser queues beyond six anyway). */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return results;
}

type Listed = { files: (RepoFile & { text?: string })[]; readOnly: boolean };

async function listFiles(withContent = false): Promise<Listed | null> {
  const res = await api(withContent ? 'api/files?content=1' : 'api/files');
  return res.ok ? ((await res.json()) as Listed) : null;
}

/**
 * Opens repository files (rules with their sidecars) through openFiles and links the new
 * entries. Files whose text came with the list are not fetched again.
 */
async function openPaths(paths: readonly string[], known: ReadonlyMap<string, { text: string; etag: string }> = new Map()): Promise<void> {
  const fetched = await inBatches(
    paths.filter((p) => !known.has(p)),
    8,
    readFile,
  );
  const read = [
    ...paths.flatMap((p) => (known.has(p) ? [{ file: { name: p, text: known.get(p)!.text }, etag: known.get(p)!.etag }] : [])),
    ...fetched.filter((r) => r !== null),
  ];
  const etags = new Map(read.map((r) => [r.file.name, r.etag]));
  const byName = new Map(read.map((r) => [r.file.name, r.file]));
  const rules = read.filter((r) => !r.file.name.endsWith(TEST_SIDECAR_SUFFIX));
  // A few rules at a time, with a pause between: parsing thousands of rules at once would freeze
  // the page for seconds; this way the list fills while the page stays responsive.
  for (let start = 0; start < rules.length; start += OPEN_BATCH) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    const batch = rules.slice(start, start + OPEN_BATCH).flatMap((r) => {
      const sidecar = byName.get(sidecarPathFor(r.file.name));
      return sidecar ? [r.file, sidecar] : [r.file];
    });
    const studio = useStudio.getState();
    const before = new Set(studio.rules.map((e) => e.id));
    studio.openFiles(batch);
    const links: Record<string, FileLink> = {};
    for (const entry of useStudio.getState().rules) {
      const etag = etags.get(entry.fileName);
      if (!before.has(entry.id) && etag !== undefined)
        links[entry.id] = { path: entry.fileName, etag, ...testsLink(entry, etags.get(sidecarPathFor(entry.fileName))) };
    }
    useRepository.setState((s) => ({ links: { ...s.links, ...links } }));
  }
}

const OPEN_BATCH = 100;

/**
 * Connects to the serving repository: its rules replace the bundled ones (drafts restored from
 * this browser stay), and changes on disk are followed from now on.
 */
export async function startRepository(fromUrl: string): Promise<void> {
  token = fromUrl;
  const listed = await listFiles(true);
  if (!listed) {
    try {
      globalThis.sessionStorage?.removeItem(TOKEN_KEY); // a server restarted since: its new URL is needed
    } catch {
      // nothing kept
    }
    useStatus.getState().showStatus('Could not open the repository: the server refused the token (restart rule-studio serve and use its new URL)');
    return;
  }
  const known = new Map(listed.files.flatMap((f) => (f.text === undefined ? [] : [[f.path, { text: f.text, etag: f.etag }] as const])));
  const rulePaths = listed.files.map((f) => f.path).filter((p) => p.endsWith('.toml'));
  const sidecars = new Set(listed.files.map((f) => f.path).filter((p) => p.endsWith(TEST_SIDECAR_SUFFIX)));

  // Rules restored from this tab's drafts (a reload): a repository file with unsaved edits stays
  // as it was, linked again; one without edits is read afresh from disk, like the bundled rules.
  const etags = new Map(listed.files.map((f) => [f.path, f.etag]));
  const kept: RuleEntry[] = [];
  const resumed: Record<string, FileLink> = {};
  const changedOnDisk: Record<string, true> = {};
  for (const entry of useStudio.getState().rules) {
    if (entry.origin === 'opened' && etags.has(entry.fileName) && !Object.values(resumed).some((l) => l.path === entry.fileName)) {
      if (!hasUnexportedChanges(entry)) continue;
      kept.push(entry);
      // Save may replace the file only if it still holds the text these edits started from.
      const unchanged = known.get(entry.fileName)?.text === entry.originalText;
      const sidecar = known.get(sidecarPathFor(entry.fileName));
      const diskCases = sidecar ? JSON.stringify(readRuleTests(sidecar.text).file.cases) : undefined;
      resumed[entry.id] = {
        path: entry.fileName,
        etag: unchanged ? etags.get(entry.fileName)! : '"changed-since-opened"',
        ...(sidecar && diskCases !== undefined ? { tests: { etag: sidecar.etag, casesJson: diskCases } } : {}),
      };
      if (!unchanged) changedOnDisk[entry.fileName] = true;
    } else if (entry.origin !== 'bundled' || hasUnexportedChanges(entry)) kept.push(entry);
  }
  useStudio.getState().restore(kept, null);
  useRepository.setState({ connected: true, readOnly: listed.readOnly, ...filesState(listed.files), links: resumed, changedOnDisk });
  const resumedPaths = new Set(Object.values(resumed).map((l) => l.path));
  const toOpen = rulePaths.filter((p) => !resumedPaths.has(p));
  await openPaths([...toOpen, ...toOpen.map(sidecarPathFor).filter((p) => sidecars.has(p))], known);
  const first = useStudio.getState().rules.find((e) => useRepository.getState().links[e.id]);
  if (first) useStudio.getState().selectRule(first.id);
  useStatus.getState().showStatus(`Opened ${rulePaths.length} rule${rulePaths.length === 1 ? '' : 's'} from the repository`);
  void followChanges();
}

function testsLink(entry: RuleEntry, etag: string | undefined): Pick<FileLink, 'tests'> {
  return etag === undefined ? {} : { tests: { etag, casesJson: JSON.stringify(entry.tests) } };
}

function entryFor(path: string): RuleEntry | undefined {
  const { links } = useRepository.getState();
  return useStudio.getState().rules.find((e) => links[e.id]?.path === path);
}

/** The entry's content replaced by the file's bytes on disk (same id: selection and events stay). */
async function reloadEntry(entry: RuleEntry): Promise<boolean> {
  const path = useRepository.getState().links[entry.id]?.path;
  if (!path) return false;
  const [rule, tests] = await Promise.all([readFile(path), readFile(sidecarPathFor(path))]);
  if (!rule || rule.file.problems) return false;
  const made = createEntry(entry.id, entry.fileName, entry.origin, rule.file.text, tests?.file.text);
  if (!('entry' in made)) return false;
  useStudio.getState().updateRule(entry.id, (current) => ({ ...made.entry, eventsText: current.eventsText }));
  useRepository.setState((s) => {
    const changedOnDisk = { ...s.changedOnDisk };
    delete changedOnDisk[path];
    return { links: { ...s.links, [entry.id]: { path, etag: rule.etag, ...testsLink(made.entry, tests?.etag) } }, changedOnDisk };
  });
  return true;
}

export type SaveResult = 'saved' | 'unchanged' | 'conflict' | 'tests-conflict' | 'read-only' | 'not-in-repository' | 'failed';

/**
 * Writes the entry's test cases beside it when they differ from the sidecar as read (a sidecar
 * whose cases did not change is never rewritten; none is created for a rule without tests).
 */
async function saveTests(entryId: string): Promise<SaveResult> {
  const link = useRepository.getState().links[entryId];
  const entry = useStudio.getState().rules.find((e) => e.id === entryId);
  if (!link || !entry) return 'failed';
  const casesJson = JSON.stringify(entry.tests);
  if (link.tests ? link.tests.casesJson === casesJson : entry.tests.length === 0) return 'unchanged';
  const path = sidecarPathFor(link.path);
  const res = await api(`api/files/${encodePath(path)}`, {
    method: 'PUT',
    headers: { ...(link.tests ? { 'If-Match': link.tests.etag } : { 'If-None-Match': '*' }), 'Content-Type': 'application/json; charset=utf-8' },
    body: writeRuleTests({ cases: entry.tests }),
  });
  if (res.status === 412) return 'tests-conflict';
  if (!res.ok) return res.status === 403 ? 'read-only' : 'failed';
  const etag = res.headers.get('ETag') ?? '';
  useRepository.setState((s) => (s.links[entryId] ? { links: { ...s.links, [entryId]: { ...s.links[entryId], tests: { etag, casesJson } } } } : {}));
  return 'saved';
}

/**
 * Writes `text` (what Export would write for the entry) over the entry's file, if the file is
 * still the one it was read from. A rule whose text is the file's is not rewritten.
 */
export async function saveRule(entryId: string, text: string, options: { overwriteEtag?: string } = {}): Promise<SaveResult> {
  const link = useRepository.getState().links[entryId];
  if (!link) return 'not-in-repository';
  if (useRepository.getState().readOnly) return 'read-only';
  const entry = useStudio.getState().rules.find((e) => e.id === entryId);
  if (!entry) return 'failed';
  if (!options.overwriteEtag && text === entry.originalText && !useRepository.getState().changedOnDisk[link.path]) return saveTests(entryId);
  const res = await api(`api/files/${encodePath(link.path)}`, {
    method: 'PUT',
    headers: { 'If-Match': options.overwriteEtag ?? link.etag, 'Content-Type': 'application/toml; charset=utf-8' },
    body: text,
  });
  if (res.status === 412) {
    useRepository.setState({ conflict: { entryId, path: link.path, text, diskEtag: res.headers.get('ETag') } });
    return 'conflict';
  }
  if (!res.ok) return res.status === 403 ? 'read-only' : 'failed';
  const etag = res.headers.get('ETag') ?? '';
  // The saved text is the new baseline: the rule is no longer changed, nor unexported.
  useStudio.getState().updateRule(entryId, (e) => ({ ...e, originalText: text, exportedText: text }));
  useRepository.setState((s) => {
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

/** Settles a refused save: write ours over the file on disk, or take the file on disk. */
export async function resolveConflict(choice: 'overwrite' | 'reload' | 'cancel'): Promise<SaveResult | 'reloaded' | 'cancelled'> {
  const conflict = useRepository.getState().conflict;
  if (!conflict) return 'cancelled';
  useRepository.setState({ conflict: null });
  if (choice === 'cancel') return 'cancelled';
  if (choice === 'overwrite') {
    // The server said which version is on disk; a file deleted meanwhile is created again.
    if (conflict.diskEtag) return saveRule(conflict.entryId, conflict.text, { overwriteEtag: conflict.diskEtag });
    return 'failed';
  }
  const entry = useStudio.getState().rules.find((e) => e.id === conflict.entryId);
  return entry && (await reloadEntry(entry)) ? 'reloaded' : 'failed';
}

async function onDiskChanges(changes: { path: string; etag: string | null }[]): Promise<void> {
  const { links } = useRepository.getState();
  const newRules: string[] = [];
  for (const { path, etag } of changes) {
    const rulePath = path.endsWith(TEST_SIDECAR_SUFFIX) ? path.slice(0, -TEST_SIDECAR_SUFFIX.length) + '.toml' : path;
    const entry = entryFor(rulePath);
    if (!entry) {
      if (path.endsWith('.toml') && etag !== null) newRules.push(path);
      continue;
    }
    if (path === rulePath && links[entry.id]?.etag === etag) continue; // our own save
    if (!isDirty(entry) && entry.tomlDraft == null && etag !== null) {
      if (await reloadEntry(entry)) useStatus.getState().showStatus(`${rulePath} changed on disk and was reloaded`, entry.id);
    } else {
      useRepository.setState((s) => ({ changedOnDisk: { ...s.changedOnDisk, [rulePath]: true } }));
      useStatus
        .getState()
        .showStatus(`${rulePath} ${etag === null ? 'was deleted' : 'changed'} on disk; your edits are kept (Save asks before overwriting)`, entry.id);
    }
  }
  if (newRules.length) {
    const sidecars = changes.filter((c) => c.etag !== null && c.path.endsWith(TEST_SIDECAR_SUFFIX)).map((c) => c.path);
    await openPaths([...newRules, ...sidecars.filter((p) => newRules.includes(p.slice(0, -TEST_SIDECAR_SUFFIX.length) + '.toml'))]);
  }
  const listed = await listFiles();
  if (listed) useRepository.setState(filesState(listed.files));
}

/**
 * What changed while no events could arrive (before the stream opened, or while it was down):
 * the files whose ETag is not the one their rule was read with, and rule files not open yet.
 */
async function missedChanges(): Promise<{ path: string; etag: string | null }[]> {
  const listed = await listFiles();
  if (!listed) return [];
  const etags = new Map(listed.files.map((f) => [f.path, f.etag]));
  const linked = Object.values(useRepository.getState().links);
  const linkedPaths = new Set(linked.map((l) => l.path));
  return [
    ...linked.filter((l) => etags.get(l.path) !== l.etag).map((l) => ({ path: l.path, etag: etags.get(l.path) ?? null })),
    ...listed.files.filter((f) => f.path.endsWith('.toml') && !linkedPaths.has(f.path)).map((f) => ({ path: f.path, etag: f.etag })),
  ];
}

/** Reads the server's change events for as long as the page lives; reconnects after a drop. */
async function followChanges(): Promise<void> {
  for (;;) {
    try {
      const res = await api('api/changes');
      if (res.status === 401) {
        // A restarted server has a new token: nothing will change that, the new URL is needed.
        useStatus.getState().showStatus('The repository server no longer accepts this page: open the URL rule-studio serve printed');
        return;
      }
      if (!res.ok || !res.body) throw new Error(`changes: ${res.status}`);
      const missed = await missedChanges();
      if (missed.length) await onDiskChanges(missed);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          try {
            await onDiskChanges((JSON.parse(data.slice(6)) as { changes: { path: string; etag: string | null }[] }).changes);
          } catch {
            // One change that could not be applied must not stop the ones after it.
          }
        }
      }
    } catch {
      // The server stopped or the connection dropped: try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
