import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createZip } from './zip.ts';
import { readZip } from '../../test/read-zip.ts';

describe('crc32', () => {
  it('matches the reference check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('createZip', () => {
  it('stores files that read back byte for byte, with UTF-8 names', () => {
    const zip = createZip([
      { name: 'a.toml', data: '[rule]\nname = "A"\n' },
      { name: 'linux/é.toml', data: 'x = "ü"\n' },
    ]);
    const files = readZip(zip);
    expect(files.map((f) => [f.name, f.text])).toEqual([
      ['a.toml', '[rule]\nname = "A"\n'],
      ['linux/é.toml', 'x = "ü"\n'],
    ]);
    expect(files[0].crc).toBe(crc32(new TextEncoder().encode('[rule]\nname = "A"\n')));
  });

  it('writes an empty archive as just the end record', () => {
    expect(createZip([]).length).toBe(22);
  });

  it('is accepted by the unzip tool when one is installed', () => {
    let hasUnzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      hasUnzip = false;
    }
    if (!hasUnzip) return;
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    const path = join(dir, 'rules.zip');
    writeFileSync(
      path,
      createZip([
        { name: 'one.toml', data: 'a = 1\n' },
        { name: 'two.toml', data: 'b = 2\n' },
      ]),
    );
    expect(execFileSync('unzip', ['-p', path, 'two.toml']).toString()).toBe('b = 2\n');
    execFileSync('unzip', ['-tq', path]);
  });
});
