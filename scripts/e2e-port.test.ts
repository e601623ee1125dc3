/**
 * The end-to-end server runs on a free port, not a fixed one: two runs on one machine (or a port
 * some other program holds) must not collide, and the server and the browser's baseURL agree.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const listen = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

async function loadConfig() {
  vi.resetModules();
  return (await import('../playwright.config.ts')).default;
}

describe('playwright.config port', () => {
  const saved = process.env.E2E_PORT;
  beforeEach(() => {
    delete process.env.E2E_PORT;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.E2E_PORT;
    else process.env.E2E_PORT = saved;
  });

  it('picks a port nobody holds, and the server and baseURL use the same one', async () => {
    // The port the config used to insist on: held by us, or already by someone else.
    const held = await listen(4317).catch(() => null);
    try {
      const config = await loadConfig();
      const port = Number(new URL(config.use!.baseURL!).port);
      expect(port).not.toBe(4317);
      const server = config.webServer as { command: string; url: string };
      expect(server.command).toContain(`--port ${port} --strictPort`);
      expect(new URL(server.url).port).toBe(String(port));
      // Workers load the config again: they must see the same port.
      expect(process.env.E2E_PORT).toBe(String(port));
      const probe = await listen(port);
      probe.close();
    } finally {
      held?.close();
    }
  });

  it('keeps E2E_PORT as an override', async () => {
    process.env.E2E_PORT = '4411';
    const config = await loadConfig();
    expect(config.use!.baseURL).toBe('http://127.0.0.1:4411/');
  });
});
