/**
 * The file API of `serve` (see DESIGN.md, CLI contract):
 *   GET /api/files          {"files":[{path,size,mtime,etag,git?}],"readOnly":bool}
 *   GET /api/files?content=1  the same, each file with its `text` too (when it is valid UTF-8)
 *   GET /api/files?index=1  the same, each rule with its `summary` {name, search} for the list
 *                           (src/rule/rule-summary.ts): the list without sending every rule
 *   GET /api/files/<path>   the bytes, with their ETag
 *   PUT /api/files/<path>   If-Match: <etag> replaces (412 when stale), If-None-Match: * creates
 *                           (412 when it exists), neither: 428. Written atomically (temp + rename).
 *   GET /api/changes        server-sent events: `data: {"changes":[{path,etag|null}]}`
 * Authorisation and origin checks are done by the caller (server.ts) before any of this runs.
 */

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { etagOf, parseEtagList } from './etag.ts';
import { gitStatuses } from './git.ts';
import { resolveRequestPath } from './paths.ts';
import { summarizeRule } from '../rule/rule-summary.ts';
import { listRuleFiles } from './rule-folders.ts';
import { SECURITY_HEADERS } from './static-app.ts';

/** A rule or sidecar larger than this is not a rule (and would only fill memory). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface FileEntry {
  path: string;
  size: number;
  /** Last modification, milliseconds since 1970. */
  mtime: number;
  etag: string;
  git?: 'modified' | 'added' | 'untracked';
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: message }, headers);
}

export class FileApi {
  /** ETags by path, valid while size, mtime and inode stay the same (a list re-reads nothing else). */
  private readonly etags = new Map<string, { stamp: string; etag: string }>();
  /** The list's summary of each rule, for the ETag it was read from. */
  private readonly summaries = new Map<string, { etag: string; summary: { name: string; search: string } }>();

  constructor(
    readonly root: string,
    readonly readOnly: boolean,
  ) {}

  private async etagFor(path: string, absolute: string): Promise<{ size: number; mtime: number; etag: string } | null> {
    try {
      const st = await stat(absolute);
      const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
      const cached = this.etags.get(path);
      if (cached && cached.stamp === stamp) return { size: st.size, mtime: Math.round(st.mtimeMs), etag: cached.etag };
      const etag = etagOf(await readFile(absolute));
      this.etags.set(path, { stamp, etag });
      return { size: st.size, mtime: Math.round(st.mtimeMs), etag };
    } catch {
      this.etags.delete(path);
      return null;
    }
  }

  async list(): Promise<FileEntry[]> {
    const [files, git] = await Promise.all([listRuleFiles(this.root), gitStatuses(this.root)]);
    // Many files at a time: each stat (and the first read for its ETag) waits on the disk.
    const infos = await inParallel(files, LIST_PARALLEL, (file) => this.etagFor(file.path, file.absolute));
    const entries: FileEntry[] = [];
    files.forEach((file, i) => {
      const info = infos[i];
      if (!info) return; // deleted while listing
      const status = git?.get(file.path);
      entries.push({ path: file.path, ...info, ...(status ? { git: status } : {}) });
    });
    return entries;
  }

  /** The rule's summary for the list (undefined when the file changed meanwhile or is not UTF-8). */
  private async summaryFor(file: FileEntry): Promise<{ name: string; search: string } | undefined> {
    const cached = this.summaries.get(file.path);
    if (cached?.etag === file.etag) return cached.summary;
    try {
      const bytes = await readFile(join(this.root, file.path));
      if (etagOf(bytes) !== file.etag) return undefined;
      const { name, search } = summarizeRule(file.path, new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
      this.summaries.set(file.path, { etag: file.etag, summary: { name, search } });
      return { name, search };
    } catch {
      return undefined;
    }
  }

  /** Lists with every rule summarised (cached by ETag): called once at start so the page finds it ready. */
  async listWithSummaries(): Promise<(FileEntry & { summary?: { name: string; search: string } })[]> {
    // One summarising pass at a time: a request during the warm-up waits for it, then hits the cache.
    while (this.summarizing) await this.summarizing.catch(() => undefined);
    const pass = this.summarizeAll();
    this.summarizing = pass;
    try {
      return await pass;
    } finally {
      if (this.summarizing === pass) this.summarizing = null;
    }
  }

  private summarizing: Promise<unknown> | null = null;

  private async summarizeAll(): Promise<(FileEntry & { summary?: { name: string; search: string } })[]> {
    const files = await this.list();
    const summaries = await inParallel(files, LIST_PARALLEL, (f) => (f.path.endsWith('.toml') ? this.summaryFor(f) : Promise.resolve(undefined)));
    return files.map((f, i) => (summaries[i] ? { ...f, summary: summaries[i] } : f));
  }

  /** The current ETag of a relative path, or null when it is no longer a file. */
  async currentEtag(path: string): Promise<string | null> {
    const resolved = resolveRequestPath(this.root, path.split('/').map(encodeURIComponent).join('/'));
    if (!resolved.ok || !resolved.exists) return null;
    return (await this.etagFor(path, resolved.absolute))?.etag ?? null;
  }

  async handleList(res: ServerResponse, withContent = false, withIndex = false): Promise<void> {
    if (withIndex) return sendJson(res, 200, { files: await this.listWithSummaries(), readOnly: this.readOnly });
    const files: (FileEntry & { text?: string })[] = await this.list();
    if (withContent) {
      // One answer instead of a request per file: a repository of 2,000 rules loads in one go.
      // A file that is not valid UTF-8 has no `text` (JSON cannot carry its bytes): fetch it alone.
      const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      for (const file of files) {
        try {
          const bytes = await readFile(join(this.root, file.path));
          if (etagOf(bytes) === file.etag) file.text = strict.decode(bytes);
        } catch {
          // changed, unreadable or not UTF-8: left to a GET of its own
        }
      }
    }
    sendJson(res, 200, { files, readOnly: this.readOnly });
  }

  async handleGet(encodedPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const resolved = resolveRequestPath(this.root, encodedPath);
    if (!resolved.ok) return sendError(res, resolved.status, resolved.message);
    if (!resolved.exists) return sendError(res, 404, 'no such file');
    let bytes: Buffer;
    try {
      if (!statSync(resolved.absolute).isFile()) return sendError(res, 404, 'not a file');
      bytes = await readFile(resolved.absolute);
    } catch {
      return sendError(res, 404, 'no such file');
    }
    const etag = etagOf(bytes);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': resolved.relative.endsWith('.json') ? 'application/json; charset=utf-8' : 'application/toml; charset=utf-8',
      'Content-Length': bytes.length,
      'Cache-Control': 'no-store',
      ETag: etag,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  async handlePut(encodedPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.readOnly) return sendError(res, 403, 'the server is read-only (--read-only)');
    const resolved = resolveRequestPath(this.root, encodedPath);
    if (!resolved.ok) return sendError(res, resolved.status, resolved.message);
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifMatch === undefined && ifNoneMatch?.trim() !== '*') {
      return sendError(res, 428, 'a save needs If-Match with the ETag the file was read with (or If-None-Match: * to create it)');
    }
    const body = await readBody(req, MAX_FILE_BYTES);
    if (body === null) return sendError(res, 413, `a file may have at most ${MAX_FILE_BYTES} bytes`);

    // From here to the rename nothing awaits: no other request of this server runs in between,
    // so the check and the write are one step.
    let current: Buffer | null = null;
    try {
      current = readFileSync(resolved.absolute);
    } catch {
      current = null;
    }
    const currentEtag = current ? etagOf(current) : null;
    if (ifNoneMatch?.trim() === '*' && currentEtag !== null) {
      return sendError(res, 412, 'the file already exists', { ETag: currentEtag });
    }
    if (ifMatch !== undefined) {
      const tags = parseEtagList(ifMatch);
      const matches = currentEtag !== null && (tags.includes('*') || tags.includes(currentEtag));
      if (!matches) {
        return sendError(
          res,
          412,
          currentEtag ? 'the file changed on disk since it was read' : 'the file no longer exists',
          currentEtag ? { ETag: currentEtag } : {},
        );
      }
    }
    try {
      writeAtomically(resolved.absolute, body);
    } catch (err) {
      return sendError(res, 500, `could not write the file: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const st = statSync(resolved.absolute);
    const etag = etagOf(body);
    this.etags.set(resolved.relative, { stamp: `${st.size}:${st.mtimeMs}:${st.ino}`, etag });
    sendJson(res, current ? 200 : 201, { path: resolved.relative, size: st.size, mtime: Math.round(st.mtimeMs), etag }, { ETag: etag });
  }
}

const LIST_PARALLEL = 32;

/** `work` over every item, at most `limit` at a time, results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
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

/** The request body, or null once it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Writes to a temporary file beside the target, flushes it and renames it over the target, so
 * a reader (or a crash) sees the old bytes or the new ones, never a mix. The old file's mode is kept.
 */
function writeAtomically(absolute: string, bytes: Buffer): void {
  let mode = 0o644;
  try {
    mode = statSync(absolute).mode & 0o777;
  } catch {
    // a new file
  }
  const temp = join(dirname(absolute), `.${basename(absolute)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(temp);
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(temp, absolute);
  } catch (err) {
    unlinkSync(temp);
    throw err;
  }
}
