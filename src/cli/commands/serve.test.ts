/** `rule-studio serve` as a user runs it: the launcher, one printed line, a live API, a clean stop. */

import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { type CliIO, nodeIO } from '../io.ts';
import { parseServeArgs, run } from './serve.ts';

const ROOT = join(import.meta.dirname, '../../..');

async function usageError(args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const io: CliIO = { ...nodeIO, out: () => {}, err: (t) => err.push(t) };
  return { code: await run(args, io), err };
}

describe('serve: command line', () => {
  it('reads DIR, --port N (or --port=N), --open and --read-only', () => {
    expect(parseServeArgs(['repo', '--port', '8080', '--open', '--read-only'])).toEqual({ dir: 'repo', port: 8080, open: true, readOnly: true });
    expect(parseServeArgs(['--port=0'])).toEqual({ port: 0, open: false, readOnly: false });
  });

  it('refuses usage errors on one line with exit 2, --es as not yet supported', async () => {
    for (const [args, message] of [
      [['--es', 'http://localhost:9200'], /--es .* not yet supported/],
      [['--port', 'abc'], /--port needs a port number/],
      [['--port'], /--port needs a port number/],
      [['--port', '70000'], /--port needs a port number/],
      [['--bogus'], /unknown option '--bogus'/],
      [['a', 'b'], /one folder only/],
      [[join(ROOT, 'no-such-folder')], /is not a folder/],
    ] as const) {
      const { code, err } = await usageError([...args]);
      expect(code).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
      expect(err[0]).not.toContain('\n');
    }
  });

  it('says in one line that the app is not built, exit 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'serve-noapp-'));
    process.env.RULE_STUDIO_APP_DIR = empty;
    try {
      const { code, err } = await usageError([join(ROOT, 'rules')]);
      expect(code).toBe(2);
      expect(err).toEqual([expect.stringMatching(/the app is not built .*npm run build/)]);
    } finally {
      delete process.env.RULE_STUDIO_APP_DIR;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('bin/rule-studio serve prints one line with the URL and token, serves DIR, stops cleanly on SIGTERM', async () => {
    const work = mkdtempSync(join(tmpdir(), 'serve-cli-'));
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'index.html'), '<!doctype html><title>Rule Studio</title>');
    cpSync(join(ROOT, 'rules'), join(work, 'rules'), { recursive: true });
    const child = spawn(process.execPath, [join(ROOT, 'bin/rule-studio'), 'serve', join(work, 'rules'), '--read-only'], {
      env: { ...process.env, RULE_STUDIO_APP_DIR: app },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      const first = (await lines.next()).value as string;
      const match = /^Rule Studio: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/.exec(first);
      expect(match, first).not.toBeNull();
      const [, url, port, token] = match!;
      expect(await (await fetch(url)).text()).toContain('Rule Studio');
      expect((await fetch(`http://127.0.0.1:${port}/api/files`)).status).toBe(401);
      const list = (await (await fetch(`http://127.0.0.1:${port}/api/files`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        files: { path: string }[];
        readOnly: boolean;
      };
      expect(list.readOnly).toBe(true);
      expect(list.files.map((f) => f.path)).toContain('linux/execution_python_tty_shell.toml');
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // Nothing but the one line.
      expect((await lines.next()).done).toBe(true);
    } finally {
      child.kill('SIGKILL');
      rmSync(work, { recursive: true, force: true });
    }
  });
});
