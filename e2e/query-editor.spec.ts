import { expect, test, type Page } from '@playwright/test';
import { chooseRule, openApp, replaceQuery, toNdjson } from './helpers.ts';

const TTY_RULE = 'Interactive Terminal Spawned via Python';

function editorText(page: Page) {
  return page.locator('.query-editor .view-lines');
}

/** The text of the query as the editor model holds it. */
async function modelText(page: Page): Promise<string> {
  return (await editorText(page).innerText()).replace(/\u00a0/g, ' ');
}

function problems(page: Page) {
  return page.getByRole('region', { name: 'Problems' }).getByRole('listitem');
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
});

test('a syntax error gets a marker on the offending token and a Problems entry; fixing it clears both', async ({ page }) => {
  await replaceQuery(page, 'process where process.name = "bash"');
  // The squiggle sits under `=` (column 28) and Problems names the position.
  const marker = page.locator('.query-editor .squiggly-error');
  await expect(marker).toHaveCount(1);
  await expect(problems(page).filter({ hasText: 'query 1:28' })).toHaveCount(1);
  await expect(problems(page).filter({ hasText: '==' })).toHaveCount(1);

  await replaceQuery(page, 'process where process.name == "bash"');
  await expect(marker).toHaveCount(0);
  await expect(problems(page).filter({ hasText: /^error\s+query/ })).toHaveCount(0);
});

test('a quick fix replaces = with ==', async ({ page }) => {
  await replaceQuery(page, 'process where process.name = "bash"');
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(1);
  // Put the cursor on the `=` and ask for quick fixes, as a person would with Ctrl+.
  await page.keyboard.press('Home');
  for (let i = 0; i < 27; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ControlOrMeta+.');
  await page.getByText('Replace = with ==').click();
  await expect.poll(() => modelText(page)).toContain('process.name == "bash"');
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(0);
});

test('completion after "process." offers process.name', async ({ page }) => {
  await replaceQuery(page, 'process where process.');
  await page.keyboard.press('Control+Space');
  const suggestions = page.locator('.monaco-editor .suggest-widget');
  await expect(suggestions).toBeVisible();
  // Every suggestion continues the object path…
  await expect(suggestions.getByRole('option').first()).toHaveAttribute('aria-label', /^process\./);
  // …and narrowing the list (it is long and virtualised) shows process.name among them.
  await page.keyboard.type('nam');
  await expect(suggestions.getByRole('option', { name: /^process\.name\b/ }).first()).toBeVisible();
});

test('hover on a field shows its ECS type', async ({ page }) => {
  await replaceQuery(page, 'process where process.pid == 1');
  await editorText(page).getByText('process.pid').hover();
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'process.pid' });
  await expect(hover).toContainText('process.pid');
  await expect(hover).toContainText('long');
});

test('format reflows a sequence, one stage per line', async ({ page }) => {
  await replaceQuery(page, 'sequence by host.id with maxspan=1m [process where process.name == "gcc"] [network where true]');
  await page.getByRole('button', { name: 'Format query' }).click();
  await expect.poll(async () => (await modelText(page)).split('\n').length).toBeGreaterThanOrEqual(3);
  const lines = (await modelText(page)).split('\n').map((l) => l.trim());
  expect(lines[0]).toBe('sequence by host.id with maxspan=1m');
  expect(lines.filter((l) => l.startsWith('['))).toHaveLength(2);
});

test('each rule keeps its own query edits and undo history across switches', async ({ page }) => {
  await replaceQuery(page, 'process where process.name == "first"');
  await chooseRule(page, 'Network Connection via Recently Compiled Executable');
  await expect(editorText(page)).toContainText('sequence by host.id');
  await chooseRule(page, TTY_RULE);
  await expect.poll(() => modelText(page)).toBe('process where process.name == "first"');
  await page.locator('.query-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => modelText(page)).not.toBe('process where process.name == "first"');
});

test('clicking a query problem selects its range in the editor', async ({ page }) => {
  await replaceQuery(page, 'process where process.name = "bash"');
  const problem = problems(page).filter({ hasText: 'query 1:28' });
  await expect(problem).toHaveCount(1);
  await problem.click();
  // The selection is exactly the offending `=`: typing replaces it.
  await page.keyboard.type('==');
  await expect.poll(() => modelText(page)).toBe('process where process.name == "bash"');
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(0);
});

// --- value completion: the sample events' values, ECS allowed values, true/false/null

const SAMPLE_NAMES = ['python3', 'bash', 'python3', 'sh', 'bash', 'python3', 'python3'];

function sampleEvents() {
  return SAMPLE_NAMES.map((name, i) => ({
    '@timestamp': `2024-01-01T00:00:0${i}Z`,
    event: { category: 'process', type: ['start'] },
    host: { id: 'h1' },
    process: { name, interactive: i % 2 === 0 },
  }));
}

/** The rows of the open suggest widget, as a screen reader reads them. */
async function suggestionRows(page: Page): Promise<string[]> {
  const widget = page.locator('.monaco-editor .suggest-widget');
  await expect(widget).toBeVisible();
  await expect(widget.getByRole('option').first()).toBeVisible();
  return widget.getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

test('value completion offers the sample values by frequency with counts, not words of other rules; accepting one inserts it quoted', async ({ page }) => {
  // Another rule's query sits in an open model: its words must not leak into completion.
  await chooseRule(page, 'Network Connection via Recently Compiled Executable');
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Sample events').fill(toNdjson(sampleEvents()));
  await expect(page.getByRole('region', { name: 'Matches' }).getByRole('status')).toHaveText(/matched|No matches/);

  await replaceQuery(page, 'process where process.name :');
  await page.keyboard.type(' ');
  expect(await suggestionRows(page)).toEqual(['"python3", 4 events, Value', '"bash", 2 events, Value', '"sh", 1 event, Value']);
  // The count shows on every row, not only the focused one.
  await expect(page.locator('.monaco-editor .suggest-widget').getByRole('option').nth(1)).toContainText('2 events');
  await page.keyboard.press('Enter');
  await expect.poll(() => modelText(page)).toBe('process where process.name : "python3"');

  // Inside a list, after a comma: the values not yet listed.
  await replaceQuery(page, 'process where process.name in ("python3",');
  await page.keyboard.type(' ');
  expect(await suggestionRows(page)).toEqual(['"bash", 2 events, Value', '"sh", 1 event, Value']);
});

test('value completion without sample events offers no words of other rules', async ({ page }) => {
  // Another rule's query sits in an open model; this field has no allowed values and no events.
  await chooseRule(page, 'Network Connection via Recently Compiled Executable');
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Sample events').fill(''); // the rule's test case brought some
  await replaceQuery(page, 'process where process.name : ');
  await page.keyboard.press('Control+Space');
  const widget = page.locator('.monaco-editor .suggest-widget');
  await expect(widget).toContainText('No suggestions');
  await expect(widget.getByRole('option')).toHaveCount(0);
});

test('value completion offers ECS allowed values after event.category ==, and true/false for a boolean field', async ({ page }) => {
  await page.getByLabel('Sample events').fill(toNdjson(sampleEvents()));
  await expect(page.getByRole('region', { name: 'Matches' }).getByRole('status')).toHaveText(/matched|No matches/);

  await replaceQuery(page, 'process where event.category ==');
  await page.keyboard.type(' ');
  const rows = await suggestionRows(page);
  // The value the events hold comes first, with its count; the other allowed values follow.
  expect(rows[0]).toBe('"process", 7 events, Value');
  expect(rows).toContain('"authentication", Value');
  // Typing after the quote narrows the allowed values.
  await page.keyboard.type('"netw');
  await expect.poll(() => suggestionRows(page)).toEqual(['"network", Value']);
  await page.keyboard.press('Enter');
  await expect.poll(() => modelText(page)).toBe('process where event.category == "network"');

  await replaceQuery(page, 'process where process.interactive ==');
  await page.keyboard.type(' ');
  expect(await suggestionRows(page)).toEqual(['true, 4 events, Value', 'false, 3 events, Value', 'null, Keyword']);

  // Without sample events the boolean still gets true and false from its ECS type.
  await page.getByLabel('Sample events').fill('');
  await replaceQuery(page, 'process where process.interactive !=');
  await page.keyboard.type(' ');
  expect(await suggestionRows(page)).toEqual(['true, Keyword', 'false, Keyword', 'null, Keyword']);
});

// --- the query-language seam: the editor follows the rule's language

/** A small rule in a language the studio cannot analyse yet (ES|QL): it must not be read as EQL. */
const ESQL_RULE = `[metadata]
creation_date = "2024/01/01"
maturity = "production"
updated_date = "2024/01/01"

[rule]
author = ["Elastic"]
description = "Seam test."
from = "now-9m"
language = "esql"
license = "Elastic License v2"
name = "Seam test in ES|QL"
risk_score = 21
rule_id = "6f1c2a41-0d0e-4b7a-9f31-5c7a1e2b3c4d"
severity = "low"
type = "esql"
query = '''
from logs-endpoint.events.process-* | where process.name == "bash"
'''
`;

test("the editor takes the rule's language: an ES|QL rule gets an 'ES|QL query' editor, is not checked as EQL, and says why it does not run", async ({
  page,
}) => {
  await page.getByLabel('Open rule file').setInputFiles({ name: 'seam.toml', mimeType: 'application/toml', buffer: Buffer.from(ESQL_RULE) });
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Seam test in ES|QL');
  await expect(page.getByRole('textbox', { name: 'ES|QL query' })).toBeAttached();
  await expect(editorText(page)).toContainText('from logs-endpoint.events.process-*');
  // Not read as EQL: no syntax error marker, one note that the language is not checked yet.
  await expect(problems(page).filter({ hasText: 'ES|QL checks are not available yet' })).toHaveCount(1);
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(0);
  await page.getByLabel('Sample events').fill(toNdjson([{ '@timestamp': '2024-01-01T00:00:00Z', process: { name: 'bash' } }]));
  await expect(page.getByRole('region', { name: 'Matches' }).getByRole('status')).toHaveText('No matches — the query has 1 error');
  await expect(problems(page).filter({ hasText: 'ES|QL queries cannot run on sample events yet' })).toHaveCount(1);

  // Back to an EQL rule: the same editor is named and checked as EQL again.
  await chooseRule(page, TTY_RULE);
  await expect(page.getByRole('textbox', { name: 'EQL query' })).toBeAttached();
  await replaceQuery(page, 'process where process.name = "bash"');
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(1);
});
