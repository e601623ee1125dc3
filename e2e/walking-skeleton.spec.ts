import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import TOML from '@iarna/toml';
import { chooseRule, externalRequests, matchesStatus, openApp, recordRequests, replaceQuery, toNdjson } from './helpers.ts';
import { todayDate } from './workspace-helpers.ts';
import { sharedDataOrSkip } from './shared-data.ts';

const TTY_RULE = 'Interactive Terminal Spawned via Python';
const SEQUENCE_RULE = 'Network Connection via Recently Compiled Executable';
const ttyFile = 'rules/linux/execution_python_tty_shell.toml';
const ttyTests = JSON.parse(readFileSync('rules/linux/execution_python_tty_shell.tests.json', 'utf8'));

test('open a seed rule, paste events, edit the query, export: the whole path', async ({ page }) => {
  const requests = recordRequests(page);
  await openApp(page);
  const rules = page.getByRole('navigation', { name: 'Rules' });
  await expect(rules.getByRole('button', { name: TTY_RULE })).toBeVisible();
  await expect(rules.getByRole('button', { name: SEQUENCE_RULE })).toBeVisible();

  await chooseRule(page, TTY_RULE);
  await expect(page.getByRole('textbox', { name: 'EQL query' })).toBeVisible();
  await expect(page.locator('.query-editor .view-lines')).toContainText('process where host.os.type == "linux"');
  await expect(page.locator('select[name="rule.severity"]')).toHaveValue('high');
  await expect(page.locator('input[name="rule.risk_score"]')).toHaveValue('73');

  // Paste the positive test case's events: two of the four match.
  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[0].events));
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);

  // Narrow the query: now only the `sh` spawned by python3.11 matches.
  await replaceQuery(page, 'process where process.name == "sh"');
  await expect(matchesStatus(page)).toHaveText(/^1 event matched/);

  // Export: the file holds the new query and otherwise the same data as the file loaded.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export TOML' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('execution_python_tty_shell.toml');
  const exported = TOML.parse(readFileSync((await download.path())!, 'utf8')) as any;
  const original = TOML.parse(readFileSync(ttyFile, 'utf8')) as any;
  expect(exported.rule.query.trim()).toBe('process where process.name == "sh"');
  exported.rule.query = original.rule.query;
  // A changed rule is exported with today's updated_date (detection-rules expects the bump).
  expect(exported.metadata.updated_date).toBe(todayDate());
  exported.metadata.updated_date = original.metadata.updated_date;
  expect(exported).toEqual(original);

  expect(externalRequests(requests)).toEqual([]);
});

test('exporting an unmodified seed rule gives back the same data', async ({ page }) => {
  await openApp(page);
  for (const [name, file] of [
    [TTY_RULE, ttyFile],
    [SEQUENCE_RULE, 'rules/linux/execution_network_connection_via_recently_compiled_executable.toml'],
  ]) {
    await chooseRule(page, name);
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export TOML' }).click();
    const text = readFileSync((await (await downloadPromise).path())!, 'utf8');
    expect(TOML.parse(text)).toEqual(TOML.parse(readFileSync(file, 'utf8')));
    expect(text).toBe(readFileSync(file, 'utf8'));
  }
});

test('a sequence rule matches its sample sequence, with join keys and stages', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, SEQUENCE_RULE);
  const matches = page.getByRole('region', { name: 'Matches' });
  await expect(matchesStatus(page)).toHaveText(/^1 sequence matched/);
  await expect(matches).toContainText('build-07');
  await expect(matches.getByText('stage 4')).toBeVisible();
});

test('the risk score field edits the rule and shows the severity band', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const risk = page.locator('input[name="rule.risk_score"]');
  await risk.fill('50');
  await expect(page.getByText('high: 48–73')).toBeVisible();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export TOML' }).click();
  const text = readFileSync((await (await downloadPromise).path())!, 'utf8');
  const original = readFileSync(ttyFile, 'utf8');
  expect(text).toBe(original.replace('risk_score = 73', 'risk_score = 50').replace('updated_date = "2023/10/16"', `updated_date = "${todayDate()}"`));
});

test('bad event lines are reported by line number and the good lines still count', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const events = ttyTests.cases[0].events.map((e: unknown) => JSON.stringify(e));
  await page.getByLabel('Sample events').fill([events[0], '{"broken": ', events[1], 'not json', events[3]].join('\n'));
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.getByRole('listitem').filter({ hasText: /line 2/i })).toHaveCount(1);
  await expect(problems.getByRole('listitem').filter({ hasText: /line 4/i })).toHaveCount(1);
});

test('open rule file: a corpus rule loads; a broken file is reported and the open rule stays', async ({ page }) => {
  const corpusRule = sharedDataOrSkip('rules-corpus/rules/windows/execution_command_shell_started_by_svchost.toml');
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const input = page.getByLabel('Open rule file');
  await input.setInputFiles({
    name: 'broken.toml',
    mimeType: 'application/toml',
    buffer: Buffer.from('[metadata]\ncreation_date = "2020/01/01"\n\n[rule\nname = "x"\n'),
  });
  // Monaco keeps two empty role="alert" live regions of its own once an editor exists: pick ours.
  const alert = page.getByRole('alert').filter({ hasText: 'Could not open' });
  await expect(alert).toContainText('Could not open broken.toml');
  await expect(alert).toContainText(/Line 4, column \d+/);
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(TTY_RULE);

  await input.setInputFiles(corpusRule);
  const name = (TOML.parse(readFileSync(corpusRule, 'utf8')) as any).rule.name as string;
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
});

test('the built app sets a strict Content-Security-Policy and carries no eval', async ({ page }) => {
  const outDir = process.env.E2E_OUT_DIR ?? 'dist';
  const { readdirSync } = await import('node:fs');
  for (const file of readdirSync(`${outDir}/assets`).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(`${outDir}/assets/${file}`, 'utf8');
    expect(code, file).not.toMatch(/\beval\(|new Function\(/);
  }
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
});
