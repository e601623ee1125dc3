import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createZip } from './zip.ts';

/** Reads a stored ZIP back by its central directory (what unzip tools do). */
function readZip(bytes: Uint8Array): { name: string; text: string; crc: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  expect(view.getUint32(eocd, true)).toBe(0x06054b50);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const files = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(localOffset, true)).toBe(0x04034b50);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    files.push({ name, text: decoder.decode(bytes.subarray(dataStart, dataStart + size)), crc });
    at += 46 + nameLength;
  }
  return files;
}

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
