/**
 * Where a repository's files live, behind one small interface: the file API of `rule-studio
 * serve` (HTTP, with its token), or a folder the browser opened (File System Access API, see
 * repository-folder.ts). The workspace logic (repository.ts) is the same over both.
 */

export interface RepoFile {
  path: string;
  size: number;
  mtime: number;
  etag: string;
  git?: 'modified' | 'added' | 'untracked';
}

export interface Listed {
  /**
   * Each file, with its `text` when it came with the list (valid UTF-8), or the rule's `summary`
   * for the list when the backend made it (the server does, and keeps it across page loads).
   */
  files: (RepoFile & { text?: string; summary?: { name: string; search: string } })[];
  readOnly: boolean;
}

export type WriteOutcome =
  | { status: 'ok'; etag: string }
  /** The file is not the one the condition named; `diskEtag` is the one on disk (null: none). */
  | { status: 'stale'; diskEtag: string | null }
  | { status: 'forbidden' }
  | { status: 'failed' };

export type Change = { path: string; etag: string | null };

export interface RepositoryBackend {
  /**
   * Every rule file and sidecar; for `index`, with each rule's summary or text (what the list is
   * made from); for `content`, with every text (what validation reads). Null when refused.
   */
  list(detail: 'plain' | 'index' | 'content'): Promise<Listed | null>;
  /** A file's bytes and ETag, or null when it cannot be read. */
  read(path: string): Promise<{ bytes: Uint8Array; etag: string } | null>;
  /** Writes `text` if the file is still `ifMatch` (or, with null, does not exist yet). */
  write(path: string, text: string, ifMatch: string | null): Promise<WriteOutcome>;
  /**
   * Reports changes made by other programs for as long as the page lives: `onChanges` with what
   * is known, or `onMissed` when the caller must compare a fresh list itself.
   */
  follow(onChanges: (changes: Change[]) => Promise<void>, onMissed: () => Promise<void>, onRefused: () => void): void;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** The file API of `rule-studio serve` (DESIGN.md, CLI contract), every request with the token. */
export function httpBackend(token: string): RepositoryBackend {
  const api = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(path, { ...init, cache: 'no-store', headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` } });

  return {
    async list(detail) {
      const res = await api(detail === 'plain' ? 'api/files' : `api/files?${detail}=1`);
      return res.ok ? ((await res.json()) as Listed) : null;
    },
    async read(path) {
      const res = await api(`api/files/${encodePath(path)}`);
      if (!res.ok) return null;
      return { bytes: new Uint8Array(await res.arrayBuffer()), etag: res.headers.get('ETag') ?? '' };
    },
    async write(path, text, ifMatch) {
      const type = path.endsWith('.toml') ? 'application/toml' : 'application/json';
      const res = await api(`api/files/${encodePath(path)}`, {
        method: 'PUT',
        headers: { ...(ifMatch === null ? { 'If-None-Match': '*' } : { 'If-Match': ifMatch }), 'Content-Type': `${type}; charset=utf-8` },
        body: text,
      });
      if (res.status === 412) return { status: 'stale', diskEtag: res.headers.get('ETag') };
      if (!res.ok) return { status: res.status === 403 ? 'forbidden' : 'failed' };
      return { status: 'ok', etag: res.headers.get('ETag') ?? '' };
    },
    follow(onChanges, onMissed, onRefused) {
      void (async () => {
        for (;;) {
          try {
            const res = await api('api/changes');
            if (res.status === 401) return onRefused(); // a restarted server has a new token
            if (!res.ok || !res.body) throw new Error(`changes: ${res.status}`);
            await onMissed();
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
                  await onChanges((JSON.parse(data.slice(6)) as { changes: Change[] }).changes);
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
      })();
    },
  };
}
