/** "Open folder…" over a fake FileSystemDirectoryHandle: listing, reading, saving in place, refusals, focus. */
import { describe, expect, it } from 'vitest';
import { makeFakeDirectory } from '../../test/fake-directory.ts';
import { type DirectoryHandleLike, folderBackend } from './repository-folder.ts';

const RULE = 'rules/linux/a.toml';
const SIDECAR = 'rules/linux/a.tests.json';

function repo(files: Record<string, string> = {}) {
  const fake = makeFakeDirectory({
    [RULE]: 'name = "a"\n',
    [SIDECAR]: '{"cases":[]}\n',
    'rules/linux/notes.txt': 'not a rule',
    'rules/.hidden/x.toml': 'hidden',
    'rules/node_modules/y.toml': 'skipped',
    'rules_building_block/b.toml': 'name = "b"\n',
    'docs/c.toml': 'not in a rule folder',
    ...files,
  });
  const listeners: (() => void)[] = [];
  const focus = { addEventListener: (_type: string, listener: () => void) => void listeners.push(listener) };
  return { fake, backend: folderBackend(fake.root as DirectoryHandleLike, focus as unknown as EventTarget), focus: () => listeners.forEach((l) => l()) };
}

describe('folderBackend', () => {
  it('lists the rule folders as serve does (rules/, rules_building_block/), rules with their text', async () => {
    const { backend } = repo();
    const listed = await backend.list('index');
    expect(listed?.readOnly).toBe(false);
    expect(listed?.files.map((f) => f.path)).toEqual([SIDECAR, RULE, 'rules_building_block/b.toml']);
    expect(listed?.files.find((f) => f.path === RULE)?.text).toBe('name = "a"\n');
    expect(listed?.files.find((f) => f.path === SIDECAR)).not.toHaveProperty('text'); // read when its rule opens
    expect((await backend.list('content'))?.files.find((f) => f.path === SIDECAR)?.text).toBe('{"cases":[]}\n');
  });

  it('follows _config.yaml, and a folder without rule folders is one itself', async () => {
    const custom = makeFakeDirectory({ '_config.yaml': 'rule_dirs:\n  - custom\n', 'custom/x.toml': 'x = 1\n', 'rules/y.toml': 'y = 1\n' });
    expect((await folderBackend(custom.root as DirectoryHandleLike, null).list('plain'))?.files.map((f) => f.path)).toEqual(['custom/x.toml']);
    const flat = makeFakeDirectory({ 'x.toml': 'x = 1\n', 'sub/y.toml': 'y = 1\n' });
    expect((await folderBackend(flat.root as DirectoryHandleLike, null).list('plain'))?.files.map((f) => f.path)).toEqual(['sub/y.toml', 'x.toml']);
  });

  it('saves in place when the file is the one read, refuses a stale save, creates only new files', async () => {
    const { fake, backend } = repo();
    const read = await backend.read(RULE);
    expect(new TextDecoder().decode(read!.bytes)).toBe('name = "a"\n');
    const saved = await backend.write(RULE, 'name = "a2"\n', read!.etag);
    expect(saved.status).toBe('ok');
    expect(fake.read(RULE)).toBe('name = "a2"\n');
    // Stale: the ETag it was read with is no longer the file's.
    const stale = await backend.write(RULE, 'name = "a3"\n', read!.etag);
    expect(stale).toEqual({ status: 'stale', diskEtag: saved.status === 'ok' ? saved.etag : null });
    expect(fake.read(RULE)).toBe('name = "a2"\n');
    // Creating (no ETag) over an existing file is refused; a new sidecar is created.
    expect((await backend.write(SIDECAR, '{}', null)).status).toBe('stale');
    expect((await backend.write('rules/linux/new.tests.json', '{"cases":[]}', null)).status).toBe('ok');
    expect(fake.read('rules/linux/new.tests.json')).toBe('{"cases":[]}');
  });

  it('writes only rule files and sidecars, never outside the folder or into hidden ones', async () => {
    const { backend } = repo();
    for (const path of ['rules/linux/notes.txt', '../x.toml', 'rules/../../x.toml', '/abs.toml', 'rules/.hidden/x.toml', 'rules//x.toml']) {
      expect(await backend.write(path, 'x', null), path).toEqual({ status: 'forbidden' });
      expect(await backend.read(path), path).toBeNull();
    }
  });

  it('asks for what changed when the page gets the focus back', async () => {
    const { backend, focus } = repo();
    let asked = 0;
    backend.follow(
      async () => {},
      async () => void asked++,
      () => {},
    );
    focus();
    await Promise.resolve();
    expect(asked).toBe(1);
  });
});
