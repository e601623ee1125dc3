/**
 * `rule-studio serve` end to end on the rules corpus (issue 19's "Done when"): the real server
 * (bin/rule-studio) on a temporary copy of ../shared/rules-corpus (2,192 rules under rules/ and
 * rules_building_block/) and the built app in Chromium. Search the list by a field used in a query
 * and by a tactic, open an EQL and a KQL rule, edit, save in place (only the edited lines change),
 * see an outside change, have a stale save refused, and the API's 401/403 answers.
 *
 * The corpus is copied and served once for the file (both dominate the run time); each test uses
 * rules no other test touches, so the order does not matter.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, type Page, test } from '@playwright/test';
import { chooseRule, statusMessage } from './helpers.ts';
import { SHARED_DIR } from '../scripts/shared-data.ts';
import { sharedDataOrSkip } from './shared-data.ts';
import { changedLines, control, todayDate } from './workspace-helpers.ts';

// Three corpus rules use the field winlog.event_data.PrivilegeList; two of them (one EQL, one
// KQL) have the tactic Credential Access, the third Privilege Escalation.
const FIELD = 'winlog.event_data.PrivilegeList';
const EQL_RULE = 'Suspicious Remote Registry Access via SeBackupPrivilege';
const EQL_PATH = 'rules/windows/credential_access_suspicious_winreg_access_via_sebackup_priv.toml';
const KQL_RULE = 'Sensitive Privilege SeEnableDelegationPrivilege assigned to a Principal';
const KQL_PATH = 'rules/windows/credential_access_seenabledelegationprivilege_assigned_to_user.toml';
const THIRD_RULE = 'Suspicious SeIncreaseBasePriorityPrivilege Use';
const THIRD_PATH = 'rules/windows/privilege_escalation_thread_cpu_priority_hijack.toml';
// A building block (rules_building_block/), for the stale save.
const BLOCK_RULE = 'Potential VIEWSTATE RCE Attempt on SharePoint/IIS';
const BLOCK_PATH = 'rules_building_block/initial_access_potential_rce_via_toolshell.toml';
const CORPUS_RULES = 2192;

let work = '';
let repo = '';
let server: ChildProcess | undefined;
let url = '';
let origin = '';
let token = '';

const onDisk = (path: string) => readFileSync(join(repo, path), 'utf8');
const writeOnDisk = (path: string, text: string) => writeFileSync(join(repo, path), text);
const rulesList = (page: Page) => page.getByRole('navigation', { name: 'Rules' });

test.beforeAll(async () => {
  // Without ../shared each test skips (or, under CI=true, fails) with the reason, in beforeEach.
  const corpus = join(SHARED_DIR, 'rules-corpus');
  if (!existsSync(corpus)) return;
  work = mkdtempSync(join(tmpdir(), 'e2e-serve-corpus-'));
  repo = join(work, 'repo');
  cpSync(corpus, repo, { recursive: true });
  server = spawn(process.execPath, ['bin/rule-studio', 'serve', repo, '--port', '0'], {
    env: { ...process.env, RULE_STUDIO_APP_DIR: resolve(process.env.E2E_OUT_DIR ?? 'dist') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = (await createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next()).value as string;
  const match = /^Rule Studio: (http:\/\/127\.0\.0\.1:\d+\/\?token=([\w-]+))$/.exec(first ?? '');
  if (!match) throw new Error(`serve printed ${JSON.stringify(first)}`);
  url = match[1];
  token = match[2];
  origin = new URL(url).origin;
});

test.beforeEach(() => {
  sharedDataOrSkip('rules-corpus');
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openRepository(page: Page): Promise<void> {
  await page.goto(url);
  await expect(statusMessage(page)).toHaveText(`Opened ${CORPUS_RULES} rules from the repository`);
  await expect(page.locator('.rule-list-summary')).toHaveText(`${CORPUS_RULES} rules`);
  expect(page.url()).not.toContain('token');
}

async function search(page: Page, text: string): Promise<void> {
  await page.locator('#rule-search').fill(text);
}

/** Puts the caret at the start of the query (Monaco), as a person clicking into it would. */
async function startOfQuery(page: Page, label: 'EQL query' | 'KQL query'): Promise<void> {
  await page.locator('.query-editor .view-lines').click();
  await expect(page.getByRole('textbox', { name: label })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+Home');
}

/** updated_date as Save writes it for a changed rule: today (UTC), unless it already is. */
function updatedDateLines(before: string): { removed: string[]; added: string[] } {
  const today = todayDate();
  const old = /^updated_date = "(\d{4}\/\d\d\/\d\d)"$/m.exec(before)![1];
  return old === today ? { removed: [], added: [] } : { removed: [`updated_date = "${old}"`], added: [`updated_date = "${today}"`] };
}

test('search the corpus by a query field and a tactic, open an EQL and a KQL rule, edit, Save changes only the edited lines', async ({ page }) => {
  await openRepository(page);
  // A field used in the query (its case as written in the rules; search ignores case).
  await search(page, FIELD);
  await expect(page.locator('.rule-list-summary')).toHaveText(`3 of ${CORPUS_RULES} rules`);
  await expect(rulesList(page).getByRole('button', { name: THIRD_RULE })).toBeVisible();
  // ... and a tactic: the Privilege Escalation rule leaves the list.
  await search(page, `${FIELD} credential access`);
  await expect(page.locator('.rule-list-summary')).toHaveText(`2 of ${CORPUS_RULES} rules`);
  await expect(rulesList(page).getByRole('button', { name: THIRD_RULE })).toHaveCount(0);
  // A tactic alone finds many rules, these two among them.
  await search(page, 'credential access');
  await expect(page.locator('.rule-list-summary')).toHaveText(new RegExp(`^\\d+ of ${CORPUS_RULES} rules$`));
  await search(page, `${FIELD} credential access`);

  const eqlBefore = onDisk(EQL_PATH);
  const kqlBefore = onDisk(KQL_PATH);
  const untouched = onDisk(THIRD_PATH);

  // The EQL rule: a form field and the query (one more join key on the sequence's first line;
  // the line wraps in the editor, so the caret goes there from the start, not with End).
  await chooseRule(page, EQL_RULE);
  await expect(page.getByRole('textbox', { name: 'EQL query' })).toHaveCount(1);
  await control(page, 'rule.risk_score').fill('50');
  await startOfQuery(page, 'EQL query');
  for (let i = 0; i < 'sequence by'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.insertText(' host.id,');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(statusMessage(page)).toHaveText(`Saved ${EQL_PATH}`);
  const eqlDate = updatedDateLines(eqlBefore);
  expect(changedLines(eqlBefore, onDisk(EQL_PATH))).toEqual({
    removed: ['risk_score = 47', 'sequence by winlog.computer_name, winlog.event_data.SubjectLogonId with maxspan=1m', ...eqlDate.removed].sort(),
    added: ['risk_score = 50', 'sequence by host.id, winlog.computer_name, winlog.event_data.SubjectLogonId with maxspan=1m', ...eqlDate.added].sort(),
  });

  // The KQL rule, opened from the same results: a form field and a clause added to the query.
  await chooseRule(page, KQL_RULE);
  await expect(page.getByRole('textbox', { name: 'KQL query' })).toHaveCount(1);
  await control(page, 'rule.risk_score').fill('21');
  await startOfQuery(page, 'KQL query');
  await page.keyboard.insertText('event.outcome:"success" and ');
  await page.keyboard.press('Control+s');
  await expect.poll(() => onDisk(KQL_PATH)).toContain('risk_score = 21\n');
  await expect(statusMessage(page)).toHaveText(`Saved ${KQL_PATH}`);
  const kqlQuery = 'event.code:4704 and host.os.type:"windows" and winlog.event_data.PrivilegeList:"SeEnableDelegationPrivilege"';
  const kqlDate = updatedDateLines(kqlBefore);
  expect(changedLines(kqlBefore, onDisk(KQL_PATH))).toEqual({
    removed: ['risk_score = 73', kqlQuery, ...kqlDate.removed].sort(),
    added: ['risk_score = 21', `event.outcome:"success" and ${kqlQuery}`, ...kqlDate.added].sort(),
  });
  expect(onDisk(THIRD_PATH)).toBe(untouched);
  // Saving again without edits rewrites nothing.
  const saved = onDisk(KQL_PATH);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(statusMessage(page)).toHaveText(`${KQL_PATH} has no changes to save`);
  expect(onDisk(KQL_PATH)).toBe(saved);
});

test('a change made on disk to an open corpus rule appears in the app within seconds', async ({ page }) => {
  await openRepository(page);
  await search(page, FIELD);
  await chooseRule(page, THIRD_RULE);
  await expect(control(page, 'rule.risk_score')).toHaveValue('73');
  const changed = onDisk(THIRD_PATH).replace(`name = "${THIRD_RULE}"`, 'name = "Renamed by an editor"').replace('risk_score = 73', 'risk_score = 12');
  const started = Date.now();
  writeOnDisk(THIRD_PATH, changed);
  // The issue asks for "within a second"; 3 s leaves room for a loaded test machine.
  await expect(control(page, 'rule.risk_score')).toHaveValue('12', { timeout: 3_000 });
  const shownMs = Date.now() - started;
  await expect(control(page, 'rule.name')).toHaveValue('Renamed by an editor');
  // The list is still the search's: the renamed rule matches by its field as before.
  await expect(rulesList(page).getByRole('button', { name: 'Renamed by an editor' })).toBeVisible();
  await expect(rulesList(page).getByRole('button', { name: THIRD_RULE })).toHaveCount(0);
  console.log(`outside change to a corpus rule shown after ${shownMs} ms`);
});

test('a stale save of a corpus building block is refused with reload or overwrite, and nothing is lost', async ({ page }) => {
  await openRepository(page);
  await search(page, 'initial access viewstate');
  await chooseRule(page, BLOCK_RULE);
  await control(page, 'rule.risk_score').fill('60');
  // Another program changes the file while our edit is unsaved.
  const theirs = onDisk(BLOCK_PATH).replace('risk_score = 47', 'risk_score = 11');
  writeOnDisk(BLOCK_PATH, theirs);
  await expect(statusMessage(page)).toContainText(`${BLOCK_PATH} changed on disk; your edits are kept`);
  await expect(control(page, 'rule.risk_score')).toHaveValue('60');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `${BLOCK_PATH} changed on disk` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Reload from disk (discard my edits)' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Overwrite with my version' })).toBeVisible();
  expect(onDisk(BLOCK_PATH)).toBe(theirs); // refused: their bytes are untouched
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toBeHidden();
  await expect(control(page, 'rule.risk_score')).toHaveValue('60'); // ours is kept too
  expect(onDisk(BLOCK_PATH)).toBe(theirs);

  // Overwrite: ours replaces theirs, one line apart (plus updated_date).
  await page.keyboard.press('Control+s');
  await dialog.getByRole('button', { name: 'Overwrite with my version' }).click();
  await expect(statusMessage(page)).toHaveText(`Saved ${BLOCK_PATH}`);
  const date = updatedDateLines(theirs);
  expect(changedLines(theirs, onDisk(BLOCK_PATH))).toEqual({
    removed: ['risk_score = 11', ...date.removed].sort(),
    added: ['risk_score = 60', ...date.added].sort(),
  });

  // Reload: theirs replaces ours in the app, and the file is not written.
  await control(page, 'rule.risk_score').fill('62');
  const again = onDisk(BLOCK_PATH).replace('risk_score = 60', 'risk_score = 13');
  writeOnDisk(BLOCK_PATH, again);
  await expect(statusMessage(page)).toContainText('changed on disk; your edits are kept');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('button', { name: 'Reload from disk (discard my edits)' }).click();
  await expect(control(page, 'rule.risk_score')).toHaveValue('13');
  expect(onDisk(BLOCK_PATH)).toBe(again);
});

/** A request sent with its path exactly as written (fetch's URL parser would resolve `..`): status and error. */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<string> {
  return new Promise((done, fail) => {
    const req = request(`${origin}/`, { method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(`${res.statusCode} ${(JSON.parse(text) as { error?: string }).error}`));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Status and error message of a fetch answer. */
async function answer(response: Response): Promise<string> {
  return `${response.status} ${((await response.json()) as { error?: string }).error}`;
}

const OUTSIDE = '403 path outside the served folder';
const NOT_A_RULE_FILE = '403 only .toml and .tests.json files are served';

test('the live API: 401 without the token, 403 for .. and absolute paths, writes only .toml and .tests.json', async () => {
  const auth = { Authorization: `Bearer ${token}` };
  const api = (path: string, init: RequestInit = {}) => fetch(`${origin}/api/files${path}`, init);
  const rulePath = 'rules/windows/defense_evasion_rundll32_no_arguments.toml';
  const rule = onDisk(rulePath);

  // The token: none or a wrong one is 401, for listing, reading and writing alike.
  const noToken = '401 missing or wrong token';
  expect(await answer(await api(''))).toBe(noToken);
  expect(await answer(await api('', { headers: { Authorization: 'Bearer wrong' } }))).toBe(noToken);
  expect(await answer(await api(`/${rulePath}`))).toBe(noToken);
  expect(await answer(await api(`/${rulePath}`, { method: 'PUT', body: 'x', headers: { 'If-Match': '*' } }))).toBe(noToken);
  expect(onDisk(rulePath)).toBe(rule);
  const listed = await api('', { headers: auth });
  expect(listed.status).toBe(200);
  const { files } = (await listed.json()) as { files: { path: string }[] };
  expect(files.filter((f) => f.path.endsWith('.toml'))).toHaveLength(CORPUS_RULES);
  const read = await api(`/${rulePath}`, { headers: auth });
  expect(read.status).toBe(200);
  expect(await read.text()).toBe(rule);
  expect(read.headers.get('etag')).toBeTruthy();

  // Never outside the folder: `..` (as sent, and percent-encoded), absolute paths.
  const outside = join(work, 'outside.toml');
  writeFileSync(outside, 'secret = true\n');
  expect(await rawRequest('GET', '/api/files/../outside.toml', auth)).toBe(OUTSIDE);
  expect(await rawRequest('GET', '/api/files/rules/../../outside.toml', auth)).toBe(OUTSIDE);
  expect(await rawRequest('GET', '/api/files/%2e%2e/outside.toml', auth)).toBe(OUTSIDE);
  expect(await rawRequest('PUT', '/api/files/../outside.toml', { ...auth, 'If-Match': '*' }, 'secret = false\n')).toBe(OUTSIDE);
  expect(await answer(await api(`/${outside}`, { headers: auth }))).toBe(OUTSIDE); // /api/files//tmp/…/outside.toml
  expect(await answer(await api(`/${outside}`, { method: 'PUT', body: 'secret = false\n', headers: { ...auth, 'If-None-Match': '*' } }))).toBe(OUTSIDE);
  expect(readFileSync(outside, 'utf8')).toBe('secret = true\n');

  // Writes only .toml and .tests.json: another extension is refused and not created.
  for (const path of ['rules/windows/notes.txt', 'rules/windows/rule.toml.bak', '_config.yaml']) {
    const put = await api(`/${path}`, { method: 'PUT', body: 'x', headers: { ...auth, 'If-None-Match': '*' } });
    expect(await answer(put), path).toBe(NOT_A_RULE_FILE);
    expect(existsSync(join(repo, path)), path).toBe(false);
  }
  // A .tests.json beside a rule is written (created with If-None-Match: *), and the rule is not.
  const sidecar = rulePath.replace('.toml', '.tests.json');
  const created = await api(`/${sidecar}`, { method: 'PUT', body: '{"cases": []}\n', headers: { ...auth, 'If-None-Match': '*' } });
  expect(created.status).toBeLessThan(300);
  expect(onDisk(sidecar)).toBe('{"cases": []}\n');
  expect(onDisk(rulePath)).toBe(rule);
});
