/**
 * `rule-studio serve`: the built app and the file API for one folder, on 127.0.0.1 only.
 * Every /api request must come from the page itself: a bearer token that only the printed URL
 * carries (401 without it), the server's own Host (no DNS rebinding), and no foreign Origin or
 * cross-site fetch metadata (403).
 */

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChangeWatcher, watchRuleFiles } from './changes.ts';
import { FileApi, sendError } from './file-api.ts';
import { SECURITY_HEADERS, serveApp } from './static-app.ts';

export interface ServeOptions {
  /** The repository or rules folder served by the file API. */
  dir: string;
  /** The built app (Vite's output folder, with index.html). */
  appDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  readOnly?: boolean;
  /** Poll for changes instead of a recursive watch. */
  poll?: boolean;
}

export interface RunningServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/?token=TOKEN` */
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const HEARTBEAT_MS = 15_000;

function sameToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Why a request to the API is not the page's own, or null when it is. */
function foreignRequest(req: IncomingMessage, port: number): string | null {
  const hosts = [`${HOST}:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return 'unexpected Host';
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.map((h) => `http://${h}`).includes(origin)) return 'cross-origin request';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  return null;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = realpathSync(options.dir);
  const appDir = realpathSync(options.appDir);
  const token = randomBytes(24).toString('base64url');
  const api = new FileApi(root, options.readOnly ?? false);
  const streams = new Set<ServerResponse>();
  let port = 0;

  async function handleApi(pathname: string, query: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const foreign = foreignRequest(req, port);
    if (foreign) return sendError(res, 403, foreign);
    if (!sameToken(req.headers.authorization, token)) {
      return sendError(res, 401, 'missing or wrong token', { 'WWW-Authenticate': 'Bearer' });
    }
    const method = req.method ?? 'GET';
    if (pathname === '/api/files') {
      if (method !== 'GET') return sendError(res, 405, 'method not allowed', { Allow: 'GET' });
      const params = new URLSearchParams(query);
      return api.handleList(res, params.get('content') === '1', params.get('index') === '1');
    }
    if (pathname.startsWith('/api/files/')) {
      const path = pathname.slice('/api/files/'.length);
      if (method === 'GET' || method === 'HEAD') return api.handleGet(path, req, res);
      if (method === 'PUT') return api.handlePut(path, req, res);
      return sendError(res, 405, 'method not allowed', { Allow: 'GET, HEAD, PUT' });
    }
    if (pathname === '/api/changes' && method === 'GET') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    return sendError(res, 404, 'no such API');
  }

  const server = createServer((req, res) => {
    // The URL's path is used as sent (Node does not normalise it).
    const [pathname, query = ''] = (req.url ?? '/').split('?', 2);
    const handled = pathname === '/api' || pathname.startsWith('/api/') ? handleApi(pathname, query, req, res) : serveApp(appDir, pathname, req, res);
    handled.catch(() => {
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    });
  });

  const watcher: ChangeWatcher = await watchRuleFiles(
    root,
    (paths) => {
      void Promise.all(paths.map(async (path) => ({ path, etag: await api.currentEtag(path) }))).then((changes) => {
        const event = `data: ${JSON.stringify({ changes })}\n\n`;
        for (const stream of streams) stream.write(event);
      });
    },
    { poll: options.poll },
  );
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, HOST, () => resolve());
    });
  } catch (err) {
    watcher.close();
    clearInterval(heartbeat);
    throw err;
  }
  port = (server.address() as AddressInfo).port;
  // Read and summarise every rule now, while the browser loads the page: its first list is then ready.
  void api.listWithSummaries().catch(() => undefined);

  return {
    port,
    token,
    url: `http://${HOST}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        watcher.close();
        clearInterval(heartbeat);
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
