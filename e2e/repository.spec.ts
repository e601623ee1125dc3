/**
 * `rule-studio serve` end to end: the real server (bin/rule-studio, started here on a temporary
 * copy of the bundled rules) and the built app in Chromium. Open, edit, save in place; a change
 * made on disk by another program shows up; a stale save is refused and nothing is lost.
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, type Page, test } from '@playwright/test';
import { chooseRule, statusMessage } from './helpers.ts';
import { changedLines, control, todayDate } from './workspace-helpers.ts';
import { makeFakeDirectory } from '../test/fake-directory.ts';

const TTY_RULE = 'Interactive Terminal Spawned via Python';
const TTY_PATH = 'linux/execution_python_tty_shell.toml';
const OTHER_PATH = 'linux/execution_network_connection_via_recently_compiled_executable.toml';
const OTHER_RULE = 'Network Connection via Recently Compiled Executable';

let work: string;
let server: ChildProcess | undefined;
let url: string;

const onDisk = (path: string) => readFileSync(join(work, 'rules', path), 'utf8');

test.beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'e2e-serve-'));
  cpSync('rules', join(work, 'rules'), { recursive: true });
  server = spawn(process.execPath, ['bin/rule-studio', 'serve', join(work, 'rules'), '--port', '0'], {
    env: { ...process.env, RULE_STUDIO_APP_DIR: resolve(process.env.E2E_OUT_DIR ?? 'dist') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = (await createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next()).value as string;
  const match = /^Rule Studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/.exec(first ?? '');
  if (!match) throw new Error(`serve printed ${JSON.stringify(first)}`);
  url = match[1];
});

test.afterEach(() => {
  server?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

async function openRepository(page: Page): Promise<void> {
  await page.goto(url);
  const rules = page.getByRole('navigation', { name: 'Rules' });
  await expect(rules.getByRole('button', { name: TTY_RULE })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
}

test('the token leaves the address bar; the list is the repository; Save writes only the edited lines', async ({ page }) => {
  await openRepository(page);
  expect(page.url()).not.toContain('token');
  // The repository's rules replace the bundled ones: one button per file, no duplicates.
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name: TTY_RULE })).toHaveCount(1);

  const before = onDisk(TTY_PATH);
  const otherBefore = onDisk(OTHER_PATH);
  await chooseRule(page, TTY_RULE);
  await control(page, 'rule.risk_score').fill('60');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(statusMessage(page)).toHaveText(`Saved ${TTY_PATH}`);
  // As Export writes it: the edited line, and today's updated_date for a changed rule.
  expect(changedLines(before, onDisk(TTY_PATH))).toEqual({
    removed: ['risk_score = 73', 'updated_date = "2023/10/16"'],
    added: ['risk_score = 60', `updated_date = "${todayDate()}"`],
  });
  expect(onDisk(OTHER_PATH)).toBe(otherBefore);

  // Ctrl+S saves too, from wherever the focus is; saving again without edits rewrites nothing.
  await control(page, 'rule.risk_score').fill('61');
  await page.keyboard.press('Control+s');
  // (The status already said "Saved": wait for the file itself.)
  await expect.poll(() => onDisk(TTY_PATH)).toContain('risk_score = 61\n');
  await expect(statusMessage(page)).toHaveText(`Saved ${TTY_PATH}`);
  await page.keyboard.press('Control+s');
  await expect(statusMessage(page)).toHaveText(`${TTY_PATH} has no changes to save`);
});

test('Save writes the test cases beside the rule, and leaves an unchanged rule alone', async ({ page }) => {
  await openRepository(page);
  await chooseRule(page, TTY_RULE);
  const rule = onDisk(TTY_PATH);
  const sidecarPath = TTY_PATH.replace('.toml', '.tests.json');
  const sidecar = onDisk(sidecarPath);
  const tests = page.getByRole('region', { name: 'Rule tests' });
  await tests.getByLabel('Test title').fill('saved in place');
  await tests.getByRole('button', { name: 'Save current events as a test' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => onDisk(sidecarPath)).toContain('"name": "saved in place"');
  expect(onDisk(TTY_PATH)).toBe(rule);
  const cases = (JSON.parse(onDisk(sidecarPath)) as { cases: { name: string }[] }).cases;
  expect(cases.map((c) => c.name)).toEqual([...(JSON.parse(sidecar) as { cases: { name: string }[] }).cases.map((c) => c.name), 'saved in place']);
});

test('a change made on disk by another program appears in the open app', async ({ page }) => {
  await openRepository(page);
  await chooseRule(page, OTHER_RULE);
  const changed = onDisk(OTHER_PATH).replace(`name = "${OTHER_RULE}"`, 'name = "Renamed by an editor"').replace('risk_score = 47', 'risk_score = 12');
  const started = Date.now();
  writeFileSync(join(work, 'rules', OTHER_PATH), changed);
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name: 'Renamed by an editor' })).toBeVisible();
  await expect(control(page, 'rule.risk_score')).toHaveValue('12');
  console.log(`outside change shown after ${Date.now() - started} ms`);
});

test('a stale save is refused and nothing is lost: keep editing, then overwrite or reload', async ({ page }) => {
  await openRepository(page);
  await chooseRule(page, TTY_RULE);
  await control(page, 'rule.risk_score').fill('60');
  // Another program changes the file while our edit is unsaved.
  const theirs = onDisk(TTY_PATH).replace('risk_score = 73', 'risk_score = 11');
  writeFileSync(join(work, 'rules', TTY_PATH), theirs);
  await expect(statusMessage(page)).toContainText(`${TTY_PATH} changed on disk; your edits are kept`);
  await expect(control(page, 'rule.risk_score')).toHaveValue('60');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `${TTY_PATH} changed on disk` });
  await expect(dialog).toBeVisible();
  expect(onDisk(TTY_PATH)).toBe(theirs); // refused: their bytes are untouched
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toBeHidden();
  await expect(control(page, 'rule.risk_score')).toHaveValue('60');
  expect(onDisk(TTY_PATH)).toBe(theirs);

  // Overwrite: ours is written over theirs.
  await page.keyboard.press('Control+s');
  await dialog.getByRole('button', { name: 'Overwrite with my version' }).click();
  await expect(statusMessage(page)).toHaveText(`Saved ${TTY_PATH}`);
  expect(onDisk(TTY_PATH)).toContain('risk_score = 60\n');

  // Reload: theirs replaces ours in the app, and the file is not written.
  await control(page, 'rule.risk_score').fill('62');
  const again = onDisk(TTY_PATH).replace('risk_score = 60', 'risk_score = 13');
  writeFileSync(join(work, 'rules', TTY_PATH), again);
  await expect(statusMessage(page)).toContainText('changed on disk; your edits are kept');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('button', { name: 'Reload from disk (discard my edits)' }).click();
  await expect(control(page, 'rule.risk_score')).toHaveValue('13');
  expect(onDisk(TTY_PATH)).toBe(again);
});

test('a reload stays connected and keeps unsaved edits, which Save then writes', async ({ page }) => {
  await openRepository(page);
  await chooseRule(page, TTY_RULE);
  await control(page, 'rule.risk_score').fill('64');
  await control(page, 'rule.risk_score').blur();
  await page.waitForTimeout(1000); // drafts are written to IndexedDB a moment after an edit
  page.on('dialog', (dialog) => void dialog.accept()); // the leave guard: unsaved edits
  await page.reload();
  expect(page.url()).not.toContain('token');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name: TTY_RULE })).toHaveCount(1);
  await chooseRule(page, TTY_RULE);
  await expect(control(page, 'rule.risk_score')).toHaveValue('64');
  expect(onDisk(TTY_PATH)).toContain('risk_score = 73\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(statusMessage(page)).toHaveText(`Saved ${TTY_PATH}`);
  expect(onDisk(TTY_PATH)).toContain('risk_score = 64\n');
});

test('git status marks changed rules, and the list can show only those', async ({ page }) => {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], { cwd: join(work, 'rules'), stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'rules');
  await openRepository(page);
  const list = page.getByRole('navigation', { name: 'Rules' });
  await expect(list.getByRole('checkbox', { name: 'Changed in this repository' })).toHaveCount(0); // nothing changed yet
  writeFileSync(join(work, 'rules', OTHER_PATH), onDisk(OTHER_PATH).replace('risk_score = 47', 'risk_score = 48'));
  await expect(list.getByRole('button', { name: `${OTHER_RULE} (git: modified)` })).toBeVisible();
  await list.getByRole('checkbox', { name: 'Changed in this repository' }).check();
  await expect(list.getByRole('listitem')).toHaveCount(1); // one rule (the panel's other buttons are not rules)
  await expect(list.getByRole('button', { name: OTHER_RULE })).toBeVisible();
  await list.getByRole('checkbox', { name: 'Changed in this repository' }).uncheck();
  await expect(list.getByRole('button', { name: TTY_RULE })).toBeVisible();
});

test('the API refuses the page without the token (401) and a foreign origin (403)', async ({ page }) => {
  await openRepository(page);
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token')!;
  const statuses = await page.evaluate(
    async ({ token }) => [
      (await fetch('api/files')).status,
      (await fetch('api/files', { headers: { Authorization: 'Bearer wrong' } })).status,
      (await fetch('api/files', { headers: { Authorization: `Bearer ${token}` } })).status,
    ],
    { token },
  );
  expect(statuses).toEqual([401, 401, 200]);
  const foreign = await fetch(`${origin}/api/files`, { headers: { Authorization: `Bearer ${token}`, Origin: 'http://evil.example' } });
  expect(foreign.status).toBe(403);
});

test('Validate repository checks every rule in a worker, groups problems by file with counts by code, and opens a rule', async ({ page }) => {
  // A copy of a rule with a risk score out of range and the same rule_id (as bin/rule-studio
  // validate reports: rule/load/range, rule/repo/risk-severity, rule/repo/duplicate-rule-id).
  const copy = onDisk(OTHER_PATH).replace('risk_score = 47', 'risk_score = 150').replace(`name = "${OTHER_RULE}"`, 'name = "Bad Copy"');
  writeFileSync(join(work, 'rules', 'linux/bad_copy.toml'), copy);
  await openRepository(page);
  await page.getByRole('button', { name: 'Validate repository' }).click();
  const dialog = page.getByRole('dialog', { name: 'Repository validation' });
  await expect(dialog.getByRole('status')).toHaveText(/^3 rules checked in [\d.]+ s: 5 errors, 2 warnings, 4 info in 3 files$/);
  const codes = dialog.getByRole('table', { name: /Problems by code/ });
  await expect(codes.getByRole('row', { name: /rule\/query\/lint\/leading-wildcard info 4/ })).toBeVisible();
  await expect(codes.getByRole('row', { name: /rule\/repo\/duplicate-rule-id error 2/ })).toBeVisible();
  await expect(codes.getByRole('row', { name: /rule\/load\/range error 1/ })).toBeVisible();
  // Choosing a code lists only its files; errors come first.
  await codes.getByRole('button', { name: 'rule/load/range' }).click();
  const files = dialog.getByRole('list', { name: 'Files with problems' });
  await expect(files.locator(':scope > li')).toHaveCount(1);
  await files.getByText('linux/bad_copy.toml').click();
  await files.getByRole('button', { name: /^46:14 error rule\/load\/range/ }).click();
  await expect(dialog).toBeHidden();
  await expect(control(page, 'rule.name')).toHaveValue('Bad Copy');
});

/**
 * "Open folder…" in the static site (no server): the folder picker cannot be driven, so the page
 * gets a fake `showDirectoryPicker` returning an in-memory folder (test/fake-directory.ts).
 */
async function withFakeFolder(page: Page, files: Record<string, string>): Promise<void> {
  await page.addInitScript({
    content: `window.__folder = (${makeFakeDirectory.toString()})(${JSON.stringify(files)}); window.showDirectoryPicker = async () => window.__folder.root;`,
  });
}

const inFolder = (page: Page, path: string) => page.evaluate((p) => (window as unknown as { __folder: { read(p: string): string } }).__folder.read(p), path);

test('Open folder… without a server: the folder is the workspace, Save writes in place, a change is read on focus', async ({ page }) => {
  const files: Record<string, string> = {};
  for (const path of [TTY_PATH, OTHER_PATH, TTY_PATH.replace('.toml', '.tests.json')]) files[`rules/${path}`] = onDisk(path);
  await withFakeFolder(page, files);
  await page.goto('/');
  await page.getByRole('button', { name: 'Open folder…' }).click();
  await expect(statusMessage(page)).toHaveText('Opened 2 rules from the repository');
  await expect(page.getByRole('button', { name: 'Open folder…' })).toHaveCount(0);

  await chooseRule(page, TTY_RULE);
  await control(page, 'rule.risk_score').fill('60');
  await page.keyboard.press('Control+s');
  await expect(statusMessage(page)).toHaveText(`Saved rules/${TTY_PATH}`);
  expect(changedLines(onDisk(TTY_PATH), await inFolder(page, `rules/${TTY_PATH}`))).toEqual({
    removed: ['risk_score = 73', 'updated_date = "2023/10/16"'],
    added: ['risk_score = 60', `updated_date = "${todayDate()}"`],
  });
  expect(await inFolder(page, `rules/${OTHER_PATH}`)).toBe(onDisk(OTHER_PATH));

  // Another program renames a rule; the page reads it when it gets the focus back.
  await page.evaluate(
    ([path, text]) => (window as unknown as { __folder: { write(p: string, t: string): void } }).__folder.write(path, text),
    [`rules/${OTHER_PATH}`, onDisk(OTHER_PATH).replace(`name = "${OTHER_RULE}"`, 'name = "Renamed elsewhere"')],
  );
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name: 'Renamed elsewhere' })).toBeVisible();

  // A save over a file changed since it was read is refused, as with the server.
  await control(page, 'rule.risk_score').fill('61');
  await page.evaluate(
    ([path, text]) => (window as unknown as { __folder: { write(p: string, t: string): void } }).__folder.write(path, text),
    [`rules/${TTY_PATH}`, onDisk(TTY_PATH).replace('risk_score = 73', 'risk_score = 11')],
  );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('dialog', { name: `rules/${TTY_PATH} changed on disk` })).toBeVisible();
  expect(await inFolder(page, `rules/${TTY_PATH}`)).toContain('risk_score = 11\n');
});

test('without the File System Access API there is no Open folder…, and files still open one by one', async ({ page }) => {
  await page.addInitScript(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name: TTY_RULE })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open folder…' })).toHaveCount(0);
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Open rule file…' })).toBeVisible();
});
