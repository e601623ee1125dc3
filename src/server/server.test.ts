/**
 * The serve file API against the real server (port 0) on a temporary copy of the bundled rules:
 * every refusal the security contract names, ETag saves, change events and git status.
 */

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { etagOf } from './etag.ts';
import { type RunningServer, startServer } from './server.ts';

const RULES = join(import.meta.dirname, '../../rules');
const RULE = 'rules/linux/execution_python_tty_shell.toml';
const SIDECAR = 'rules/linux/execution_python_tty_shell.tests.json';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request sent exactly as written (fetch would normalise `..` and `%2e%2e` away). */
function raw(server: RunningServer, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let work: string;
let repo: string;
let outside: string;
let app: string;
let server: RunningServer | undefined;

const auth = (s: RunningServer) => ({ Authorization: `Bearer ${s.token}` });

async function serve(options: { readOnly?: boolean; poll?: boolean; dir?: string } = {}): Promise<RunningServer> {
  server = await startServer({ dir: options.dir ?? repo, appDir: app, port: 0, ...options });
  return server;
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'serve-test-'));
  repo = join(work, 'repo');
  // Git must not find a work tree above the temporary folder (a CI's TMPDIR may sit in one).
  process.env.GIT_CEILING_DIRECTORIES = work;
  outside = join(work, 'outside');
  app = join(work, 'app');
  mkdirSync(join(repo, 'rules'), { recursive: true });
  cpSync(RULES, join(repo, 'rules'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.toml'), 'secret = true\n');
  mkdirSync(join(app, 'assets'), { recursive: true });
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>Rule Studio</title>');
  writeFileSync(join(app, 'assets', 'app.js'), 'console.log(1)');
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(work, { recursive: true, force: true });
});

describe('serve: start and app', () => {
  it('prints a URL on 127.0.0.1 with a random token and serves the built app without one', async () => {
    const s = await serve();
    expect(s.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${s.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    const other = await startServer({ dir: repo, appDir: app });
    expect(other.token).not.toBe(s.token);
    await other.close();
    const page = await fetch(s.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Rule Studio</title>');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`http://127.0.0.1:${s.port}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    // The app folder is all the static side serves.
    expect((await raw(s, 'GET', '/../repo/rules/linux/execution_python_tty_shell.toml')).status).toBe(404);
    expect((await raw(s, 'GET', '/%2e%2e/outside/secret.toml')).status).toBe(404);
  });
});

describe('serve: file API', () => {
  it('lists every rule and sidecar under the rule folders with size, mtime and a content ETag', async () => {
    const s = await serve();
    const res = await fetch(`http://127.0.0.1:${s.port}/api/files`, { headers: auth(s) });
    expect(res.status).toBe(200);
    const { files, readOnly } = (await res.json()) as { files: { path: string; size: number; mtime: number; etag: string; git?: string }[]; readOnly: boolean };
    expect(readOnly).toBe(false);
    const expected = readdirSync(join(repo, 'rules/linux'))
      .map((n) => `rules/linux/${n}`)
      .sort();
    expect(files.map((f) => f.path)).toEqual(expected);
    const rule = files.find((f) => f.path === RULE)!;
    const bytes = readFileSync(join(repo, RULE));
    expect(rule.size).toBe(bytes.length);
    expect(rule.etag).toBe(etagOf(bytes));
    expect(Math.abs(rule.mtime - Date.now())).toBeLessThan(60_000);
    expect(rule.git).toBeUndefined(); // not a git work tree
  });

  it('uses the folders _config.yaml names, and a rules folder itself lists its own files', async () => {
    mkdirSync(join(repo, 'custom/a'), { recursive: true });
    writeFileSync(join(repo, 'custom/a/x.toml'), 'x = 1\n');
    writeFileSync(join(repo, 'notes.toml'), 'not a rule folder\n');
    writeFileSync(join(repo, '_config.yaml'), '# custom rules\nrule_dirs:\n  - custom\nfiles:\n  stack_schema_map: etc/x.yaml\n');
    const s = await serve();
    const list = async () =>
      ((await (await fetch(`http://127.0.0.1:${s.port}/api/files`, { headers: auth(s) })).json()) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(await list()).toEqual(['custom/a/x.toml']);
    await s.close();
    const inner = await serve({ dir: join(repo, 'rules') });
    const files = ((await (await fetch(`http://127.0.0.1:${inner.port}/api/files`, { headers: auth(inner) })).json()) as { files: { path: string }[] }).files;
    expect(files.map((f) => f.path)).toContain('linux/execution_python_tty_shell.toml');
  });

  it('lists the files with their text on ?content=1, except one that is not valid UTF-8', async () => {
    writeFileSync(join(repo, 'rules/linux/latin1.toml'), Buffer.from([0x6e, 0x3d, 0x22, 0xe9, 0x22, 0x0a]));
    const s = await serve();
    const { files } = (await (await fetch(`http://127.0.0.1:${s.port}/api/files?content=1`, { headers: auth(s) })).json()) as {
      files: { path: string; text?: string }[];
    };
    expect(files.find((f) => f.path === RULE)?.text).toBe(readFileSync(join(repo, RULE), 'utf8'));
    expect(files.find((f) => f.path === SIDECAR)?.text).toBe(readFileSync(join(repo, SIDECAR), 'utf8'));
    expect(files.find((f) => f.path === 'rules/linux/latin1.toml')).not.toHaveProperty('text');
    // Without the flag, no text.
    const plain = (await (await fetch(`http://127.0.0.1:${s.port}/api/files`, { headers: auth(s) })).json()) as { files: { text?: string }[] };
    expect(plain.files.every((f) => f.text === undefined)).toBe(true);
  });

  it('lists each rule with its summary on ?index=1 (the list without the texts), and follows a change', async () => {
    const s = await serve();
    type Indexed = { files: { path: string; etag: string; text?: string; summary?: { name: string; search: string } }[] };
    const index = async () => (await (await fetch(`http://127.0.0.1:${s.port}/api/files?index=1`, { headers: auth(s) })).json()) as Indexed;
    const { files } = await index();
    const rule = files.find((f) => f.path === RULE)!;
    expect(rule.summary?.name).toBe('Interactive Terminal Spawned via Python');
    expect(rule.summary?.search.split('\n')).toContain('process.parent.name');
    expect(rule).not.toHaveProperty('text');
    expect(files.find((f) => f.path === SIDECAR)).not.toHaveProperty('summary');
    writeFileSync(join(repo, RULE), readFileSync(join(repo, RULE), 'utf8').replace('name = "Interactive Terminal Spawned via Python"', 'name = "Renamed"'));
    expect((await index()).files.find((f) => f.path === RULE)?.summary?.name).toBe('Renamed');
  });

  it('returns a file byte for byte with its ETag', async () => {
    const s = await serve();
    const res = await fetch(`http://127.0.0.1:${s.port}/api/files/${RULE}`, { headers: auth(s) });
    expect(res.status).toBe(200);
    const bytes = readFileSync(join(repo, RULE));
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('etag')).toBe(etagOf(bytes));
    expect((await fetch(`http://127.0.0.1:${s.port}/api/files/rules/linux/none.toml`, { headers: auth(s) })).status).toBe(404);
  });

  it('saves with If-Match byte-exact, refuses a stale ETag (412) and a save without one (428)', async () => {
    const s = await serve();
    const url = `http://127.0.0.1:${s.port}/api/files/${RULE}`;
    const read = await fetch(url, { headers: auth(s) });
    const etag = read.headers.get('etag')!;
    const original = await read.text();
    const edited = Buffer.from(original.replace('name = "', 'name = "Edited ü ') + '\r\n# tail without newline', 'utf8');

    expect((await fetch(url, { method: 'PUT', headers: auth(s), body: edited })).status).toBe(428);
    const saved = await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-Match': etag }, body: edited });
    expect(saved.status).toBe(200);
    expect(readFileSync(join(repo, RULE)).equals(edited)).toBe(true);
    expect(saved.headers.get('etag')).toBe(etagOf(edited));
    expect(readdirSync(join(repo, 'rules/linux')).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // The first ETag is stale now: refused, the file keeps the saved bytes, the answer names the current tag.
    const stale = await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-Match': etag }, body: 'lost = true\n' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe(etagOf(edited));
    expect(readFileSync(join(repo, RULE)).equals(edited)).toBe(true);

    // Changed by another program: the tag from before is stale too.
    writeFileSync(join(repo, RULE), 'changed = "outside"\n');
    expect((await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-Match': etagOf(edited) }, body: 'x = 1\n' })).status).toBe(412);
    expect(readFileSync(join(repo, RULE), 'utf8')).toBe('changed = "outside"\n');
  });

  it('creates a new file only with If-None-Match: *, and only when it does not exist', async () => {
    const s = await serve();
    const url = `http://127.0.0.1:${s.port}/api/files/rules/linux/new_rule.toml`;
    expect((await fetch(url, { method: 'PUT', headers: auth(s), body: 'a = 1\n' })).status).toBe(428);
    const created = await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-None-Match': '*' }, body: 'a = 1\n' });
    expect(created.status).toBe(201);
    expect(readFileSync(join(repo, 'rules/linux/new_rule.toml'), 'utf8')).toBe('a = 1\n');
    expect((await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-None-Match': '*' }, body: 'b = 2\n' })).status).toBe(412);
    expect(readFileSync(join(repo, 'rules/linux/new_rule.toml'), 'utf8')).toBe('a = 1\n');
  });

  it('saves a sidecar', async () => {
    const s = await serve();
    const url = `http://127.0.0.1:${s.port}/api/files/${SIDECAR}`;
    const etag = (await fetch(url, { headers: auth(s) })).headers.get('etag')!;
    const res = await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-Match': etag }, body: '[]\n' });
    expect(res.status).toBe(200);
    expect(readFileSync(join(repo, SIDECAR), 'utf8')).toBe('[]\n');
  });
});

describe('serve: security', () => {
  it('answers 401 without the token or with a wrong one, on every API route', async () => {
    const s = await serve();
    for (const path of ['/api/files', `/api/files/${RULE}`, '/api/changes']) {
      expect((await raw(s, 'GET', path)).status).toBe(401);
      expect((await raw(s, 'GET', path, { Authorization: `Bearer ${s.token.slice(0, -1)}x` })).status).toBe(401);
      expect((await raw(s, 'GET', path, { Authorization: s.token })).status).toBe(401);
    }
    // The token in the query string does not authorise API calls (it is for the page).
    expect((await raw(s, 'GET', `/api/files?token=${s.token}`)).status).toBe(401);
    const before = readFileSync(join(repo, RULE));
    expect((await raw(s, 'PUT', `/api/files/${RULE}`, { 'If-Match': '*' }, 'x = 1\n')).status).toBe(401);
    expect(readFileSync(join(repo, RULE)).equals(before)).toBe(true);
  });

  it('refuses every path that leads outside the folder (403)', async () => {
    symlinkSync(join(outside, 'secret.toml'), join(repo, 'rules/linux/link_out.toml'));
    symlinkSync(outside, join(repo, 'rules/linked_folder'));
    const s = await serve();
    const paths = [
      '/api/files/../outside/secret.toml',
      '/api/files/rules/../../outside/secret.toml',
      '/api/files/%2e%2e/outside/secret.toml',
      '/api/files/%2E%2E/outside/secret.toml',
      '/api/files/rules%2f..%2f..%2foutside%2fsecret.toml',
      '/api/files/..%5coutside%5csecret.toml',
      `/api/files/${encodeURIComponent(join(outside, 'secret.toml'))}`,
      `/api/files/${join(outside, 'secret.toml')}`, // //tmp/…: an empty segment
      '/api/files/rules/linux/link_out.toml',
      '/api/files/rules/linked_folder/secret.toml',
      '/api/files/.git/config.toml',
    ];
    for (const path of paths) {
      const get = await raw(s, 'GET', path, auth(s));
      expect([path, get.status]).toEqual([path, 403]);
      expect(get.body).not.toContain('secret');
      const put = await raw(s, 'PUT', path, { ...auth(s), 'If-Match': '*', 'If-None-Match': '*' }, 'pwned = 1\n');
      expect([path, put.status]).toEqual([path, 403]);
    }
    expect(readFileSync(join(outside, 'secret.toml'), 'utf8')).toBe('secret = true\n');
    // A symlink out of the folder is not listed either.
    const list = await (await fetch(`http://127.0.0.1:${s.port}/api/files`, { headers: auth(s) })).text();
    expect(list).not.toContain('link_out');
    expect(list).not.toContain('linked_folder');
  });

  it('reads and writes only .toml and .tests.json files (403)', async () => {
    writeFileSync(join(repo, 'rules/linux/notes.txt'), 'notes\n');
    writeFileSync(join(repo, '_config.yaml'), 'rule_dirs:\n  - rules\n');
    const s = await serve();
    for (const path of ['rules/linux/notes.txt', '_config.yaml', 'rules/linux/x.json', 'rules/linux/x.toml.sh', 'rules/linux/x.tests.json.bak']) {
      expect((await raw(s, 'GET', `/api/files/${path}`, auth(s))).status).toBe(403);
      expect((await raw(s, 'PUT', `/api/files/${path}`, { ...auth(s), 'If-None-Match': '*' }, 'x')).status).toBe(403);
    }
    expect(existsSync(join(repo, 'rules/linux/x.toml.sh'))).toBe(false);
    expect(readFileSync(join(repo, 'rules/linux/notes.txt'), 'utf8')).toBe('notes\n');
  });

  it('refuses cross-origin and cross-site requests and a foreign Host (403), even with the token', async () => {
    const s = await serve();
    const own = `http://127.0.0.1:${s.port}`;
    const refused: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { Origin: `http://127.0.0.1:${s.port + 1}` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Host: 'evil.example' },
    ];
    for (const headers of refused) {
      expect((await raw(s, 'GET', '/api/files', { ...auth(s), ...headers })).status).toBe(403);
      expect((await raw(s, 'PUT', `/api/files/${RULE}`, { ...auth(s), 'If-Match': '*', ...headers }, 'x = 1\n')).status).toBe(403);
      expect((await raw(s, 'OPTIONS', `/api/files/${RULE}`, { ...headers, 'Access-Control-Request-Method': 'PUT' })).status).toBe(403);
    }
    const sameOrigin = await raw(s, 'GET', '/api/files', { ...auth(s), Origin: own, 'Sec-Fetch-Site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('--read-only serves but never writes (403)', async () => {
    const s = await serve({ readOnly: true });
    const url = `http://127.0.0.1:${s.port}/api/files/${RULE}`;
    const read = await fetch(url, { headers: auth(s) });
    expect(read.status).toBe(200);
    const list = (await (await fetch(`http://127.0.0.1:${s.port}/api/files`, { headers: auth(s) })).json()) as { readOnly: boolean };
    expect(list.readOnly).toBe(true);
    const before = readFileSync(join(repo, RULE));
    expect((await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-Match': read.headers.get('etag')! }, body: 'x = 1\n' })).status).toBe(403);
    const create = await fetch(`http://127.0.0.1:${s.port}/api/files/rules/linux/new.toml`, {
      method: 'PUT',
      headers: { ...auth(s), 'If-None-Match': '*' },
      body: 'x = 1\n',
    });
    expect(create.status).toBe(403);
    expect(readFileSync(join(repo, RULE)).equals(before)).toBe(true);
    expect(existsSync(join(repo, 'rules/linux/new.toml'))).toBe(false);
  });
});

/** Reads server-sent events until one mentions `path`; the time it took in ms. */
async function changeEventFor(s: RunningServer, path: string, act: () => void): Promise<{ ms: number; change: { path: string; etag: string | null } }> {
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${s.port}/api/changes`, { headers: auth(s), signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  await reader.read(); // the ': connected' comment: the stream is live
  const started = performance.now();
  act();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
      for (const block of buffer.split('\n\n')) {
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const change = (JSON.parse(data.slice(6)) as { changes: { path: string; etag: string | null }[] }).changes.find((c) => c.path === path);
        if (change) return { ms: performance.now() - started, change };
      }
    }
  } finally {
    controller.abort();
  }
}

describe('serve: changes on disk', () => {
  for (const poll of [false, true]) {
    it(`reports a change made by another program within a second (${poll ? 'polling' : 'fs.watch'})`, async () => {
      const s = await serve({ poll });
      const text = 'changed = "by an editor"\n';
      const { ms, change } = await changeEventFor(s, RULE, () => writeFileSync(join(repo, RULE), text));
      expect(ms).toBeLessThan(1000);
      expect(change.etag).toBe(etagOf(Buffer.from(text)));
      const created = await changeEventFor(s, 'rules/linux/fresh.toml', () => writeFileSync(join(repo, 'rules/linux/fresh.toml'), 'a = 1\n'));
      expect(created.ms).toBeLessThan(1000);
      const deleted = await changeEventFor(s, SIDECAR, () => rmSync(join(repo, SIDECAR)));
      expect(deleted.change.etag).toBeNull();
      // After a save through the API (a new file renamed over the old), writes are still seen.
      const url = `http://127.0.0.1:${s.port}/api/files/${RULE}`;
      await fetch(url, { method: 'PUT', headers: { ...auth(s), 'If-Match': etagOf(Buffer.from(text)) }, body: 'saved = 1\n' });
      await new Promise((r) => setTimeout(r, 300));
      const after = await changeEventFor(s, RULE, () => writeFileSync(join(repo, RULE), 'after = "the save"\n'));
      expect(after.ms).toBeLessThan(1000);
      expect(after.change.etag).toBe(etagOf(Buffer.from('after = "the save"\n')));
      // A folder removed and made again (a checkout) is still followed.
      rmSync(join(repo, 'rules/linux'), { recursive: true });
      await new Promise((r) => setTimeout(r, 300));
      mkdirSync(join(repo, 'rules/linux'));
      await new Promise((r) => setTimeout(r, 300));
      const recreated = await changeEventFor(s, 'rules/linux/back.toml', () => writeFileSync(join(repo, 'rules/linux/back.toml'), 'b = 1\n'));
      expect(recreated.ms).toBeLessThan(1000);
    });
  }
});

describe('serve: git status', () => {
  it('marks modified, added and untracked rules when the folder is a git work tree', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'rules');
    writeFileSync(join(repo, RULE), readFileSync(join(repo, RULE), 'utf8') + '\n');
    mkdirSync(join(repo, 'rules/windows'));
    writeFileSync(join(repo, 'rules/windows/added.toml'), 'a = 1\n');
    git('add', 'rules/windows/added.toml');
    writeFileSync(join(repo, 'rules/windows/untracked name.toml'), 'b = 1\n');
    const s = await serve();
    const { files } = (await (await fetch(`http://127.0.0.1:${s.port}/api/files`, { headers: auth(s) })).json()) as { files: { path: string; git?: string }[] };
    const status = Object.fromEntries(files.map((f) => [f.path, f.git]));
    expect(status).toEqual({
      [RULE]: 'modified',
      [SIDECAR]: undefined,
      'rules/linux/execution_network_connection_via_recently_compiled_executable.toml': undefined,
      'rules/linux/execution_network_connection_via_recently_compiled_executable.tests.json': undefined,
      'rules/windows/added.toml': 'added',
      'rules/windows/untracked name.toml': 'untracked',
    });
    // Served from a folder inside the work tree: paths stay relative to the served folder.
    await s.close();
    const inner = await serve({ dir: join(repo, 'rules') });
    const innerFiles = (
      (await (await fetch(`http://127.0.0.1:${inner.port}/api/files`, { headers: auth(inner) })).json()) as { files: { path: string; git?: string }[] }
    ).files;
    expect(innerFiles.find((f) => f.path === 'windows/untracked name.toml')?.git).toBe('untracked');
    expect(innerFiles.find((f) => f.path === 'linux/execution_python_tty_shell.toml')?.git).toBe('modified');
  });
});
