/**
 * `rule-studio serve [DIR] [--port N] [--open] [--read-only]`: serves the built app and the
 * file API for DIR (default: this checkout's bundled `rules/`) on 127.0.0.1 until interrupted,
 * and prints one line, `Rule Studio: http://127.0.0.1:PORT/?token=TOKEN`. The app is the
 * `npm run build` output (`dist/`; RULE_STUDIO_APP_DIR names another folder). `--es URL` belongs
 * to a later version and is refused. Usage errors are one line, exit 2; a port in use, exit 1.
 */

import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../server/server.ts';
import type { CliIO } from '../io.ts';

const USAGE = 'usage: rule-studio serve [DIR] [--port N] [--open] [--read-only]';

export interface ServeArgs {
  dir?: string;
  port: number;
  open: boolean;
  readOnly: boolean;
}

/** The parsed flags, or the one-line reason they are not usable. */
export function parseServeArgs(args: string[]): ServeArgs | { error: string } {
  const parsed: ServeArgs = { port: 0, open: false, readOnly: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--open') parsed.open = true;
    else if (flag === '--read-only') parsed.readOnly = true;
    else if (flag === '--port') {
      const value = inline ?? args[++i];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535)
        return { error: `--port needs a port number 0-65535, not ${value === undefined ? 'nothing' : `'${value}'`}` };
      parsed.port = Number(value);
    } else if (flag === '--es') return { error: '--es (running rules on Elasticsearch) is not yet supported' };
    else if (arg.startsWith('-')) return { error: `unknown option '${arg}'` };
    else if (parsed.dir !== undefined) return { error: `one folder only ('${parsed.dir}' and '${arg}' given)` };
    else parsed.dir = arg;
  }
  return parsed;
}

/** This checkout: the nearest folder above this module with the package's package.json. */
function checkoutRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'bin', 'rule-studio'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no browser opener: the printed URL is enough
    child.unref();
  } catch {
    // same
  }
}

export async function run(args: string[], io: CliIO): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseServeArgs(args);
  if ('error' in parsed) {
    io.err(`rule-studio serve: ${parsed.error} (${USAGE})`);
    return 2;
  }
  const root = checkoutRoot();
  const dir = resolve(parsed.dir ?? join(root, 'rules'));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    io.err(`rule-studio serve: ${dir} is not a folder`);
    return 2;
  }
  const appDir = resolve(process.env.RULE_STUDIO_APP_DIR || join(root, 'dist'));
  if (!existsSync(join(appDir, 'index.html'))) {
    io.err(`rule-studio serve: the app is not built (no ${join(appDir, 'index.html')}); run \`npm run build\` first`);
    return 2;
  }

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ dir, appDir, port: parsed.port, readOnly: parsed.readOnly });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(`rule-studio serve: cannot listen on 127.0.0.1:${parsed.port}${code === 'EADDRINUSE' ? ' (the port is in use)' : code ? ` (${code})` : ''}`);
    return 1;
  }
  io.out(`Rule Studio: ${server.url}`);
  if (parsed.open) openBrowser(server.url);

  // Serves until interrupted; then closes the server and its change streams and exits cleanly.
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
