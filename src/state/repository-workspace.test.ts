/**
 * The repository workspace over a folder (the same logic as over `rule-studio serve`): the list
 * is made without loading rules, a rule loads when opened, Save writes in place, and changes made
 * by another program (edited, new, deleted files) reach the list when the page gets the focus.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeFakeDirectory } from '../../test/fake-directory.ts';
import { type DirectoryHandleLike, folderBackend } from './repository-folder.ts';
import { useApp } from './store.ts';

const TTY = 'rules/linux/execution_python_tty_shell.toml';
const OTHER = 'rules/linux/execution_network_connection_via_recently_compiled_executable.toml';
const read = (path: string) => readFileSync(path, 'utf8');
const { connect, openRule, saveRule } = useApp.getState().actions.repository;

describe('repository workspace over a folder', () => {
  it('a repository that cannot be read leaves the bundled rules in place', async () => {
    const bundled = useApp.getState().rules.map((e) => e.id);
    expect(bundled.length).toBeGreaterThan(0);
    const refused = { list: async () => null, read: async () => null, write: async () => ({ status: 'failed' as const }), follow: () => {} };
    await connect(refused, 'folder');
    expect(useApp.getState().repository.connected).toBe(false);
    expect(useApp.getState().rules.map((e) => e.id)).toEqual(bundled);
  });

  it('lists without loading, opens on demand, saves in place, follows outside changes on focus', async () => {
    const fake = makeFakeDirectory({
      [TTY]: read(TTY),
      [OTHER]: read(OTHER),
      [TTY.replace('.toml', '.tests.json')]: read(TTY.replace('.toml', '.tests.json')),
      'rules/linux/gone.toml': read(TTY).replace('name = "Interactive Terminal Spawned via Python"', 'name = "Soon Gone"'),
    });
    const listeners: (() => void)[] = [];
    const focus = () => Promise.all(listeners.map((l) => l()));
    const window = { addEventListener: (_: string, l: () => void) => void listeners.push(l) } as unknown as EventTarget;
    await connect(folderBackend(fake.root as DirectoryHandleLike, window), 'folder');

    const state = useApp.getState().repository;
    expect(state.connected).toBe(true);
    expect(state.index.map((r) => [r.path, r.name])).toEqual([
      [OTHER, 'Network Connection via Recently Compiled Executable'],
      [TTY, 'Interactive Terminal Spawned via Python'],
      ['rules/linux/gone.toml', 'Soon Gone'],
    ]);
    // Only the first rule is loaded (and selected); the bundled rules without edits left.
    expect(useApp.getState().rules.map((e) => e.fileName)).toEqual([OTHER]);

    expect(await openRule(TTY)).toBe(true);
    const entry = useApp.getState().rules.find((e) => e.fileName === TTY)!;
    expect(useApp.getState().selectedId).toBe(entry.id);
    expect(entry.tests.length).toBeGreaterThan(0); // its sidecar came along
    const edited = entry.originalText.replace('risk_score = 73', 'risk_score = 60');
    expect(await saveRule(entry.id, edited)).toBe('saved');
    expect(fake.read(TTY)).toBe(edited);

    // Another program renames the other rule, adds one and deletes one; the page looks on focus.
    fake.write(OTHER, read(OTHER).replace('name = "Network Connection via Recently Compiled Executable"', 'name = "Renamed"'));
    fake.remove('rules/linux/gone.toml');
    fake.write('rules/linux/new.toml', read(TTY).replace('name = "Interactive Terminal Spawned via Python"', 'name = "Brand New"'));
    await focus();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const names = () => Object.fromEntries(useApp.getState().repository.index.map((r) => [r.path, r.name]));
    // OTHER was open without edits: it is reloaded; its summary follows too.
    expect(useApp.getState().rules.find((e) => e.fileName === OTHER)?.rule.data?.rule).toMatchObject({ name: 'Renamed' });
    expect(names()['rules/linux/new.toml']).toBe('Brand New');
    expect(names()).not.toHaveProperty(['rules/linux/gone.toml']);

    // A stale save is refused and the file is left alone.
    fake.write(TTY, read(TTY).replace('risk_score = 73', 'risk_score = 11'));
    expect(await saveRule(entry.id, edited.replace('risk_score = 60', 'risk_score = 61'))).toBe('conflict');
    expect(fake.read(TTY)).toContain('risk_score = 11\n');
  });
});
