/** The CLI reads rule files strictly: invalid UTF-8 is refused with where it is, never rewritten. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeIO, type CliIO } from './io.ts';
import { run as fmt } from './commands/fmt.ts';

describe('reading rule files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rule-io-'));
  const path = join(dir, 'bad.toml');
  // Unformatted on purpose (sections out of order), so fmt --write would rewrite it.
  const bytes = Uint8Array.from([
    ...new TextEncoder().encode('[rule]\nname = "ab'),
    0xff,
    ...new TextEncoder().encode('cd"\n\n[metadata]\ncreation_date = "2024/01/01"\n'),
  ]);

  it('a .toml file with an invalid byte is refused with its line and column', () => {
    writeFileSync(path, bytes);
    expect(() => nodeIO.readFile(path)).toThrow(/invalid UTF-8 at line 2, column 11/);
  });

  it('fmt --write reports it, exits 1 and leaves the bytes as they were', async () => {
    writeFileSync(path, bytes);
    const err: string[] = [];
    const io: CliIO = { ...nodeIO, out: () => {}, err: (t) => err.push(t) };
    expect(await fmt(['--write', path], io)).toBe(1);
    expect(err.join('\n')).toMatch(/bad\.toml error .*invalid UTF-8 at line 2, column 11/);
    expect(Uint8Array.from(readFileSync(path))).toEqual(bytes);
    rmSync(dir, { recursive: true, force: true });
  });
});
