/**
 * A free TCP port on 127.0.0.1, found synchronously (Playwright's config is synchronous): a child
 * Node process listens on port 0, prints the port the system gave it and exits. Another process
 * could take the port before the server binds it, but the window is a fraction of a second.
 */
import { spawnSync } from 'node:child_process';

const PROBE = `const s = require('node:net').createServer();
s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });`;

export function freePortSync(): number {
  const result = spawnSync(process.execPath, ['-e', PROBE], { encoding: 'utf8', timeout: 10_000 });
  const port = Number(result.stdout);
  if (result.status !== 0 || !Number.isInteger(port) || port <= 0) {
    throw new Error(`could not find a free port: ${result.stderr || result.error?.message || 'no answer'}`);
  }
  return port;
}
