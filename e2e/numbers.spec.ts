import { expect, test, type Page } from '@playwright/test';
import { chooseRule, matchesStatus, openApp, replaceQuery, toNdjson } from './helpers.ts';

const TTY_RULE = 'Interactive Terminal Spawned via Python';

const problems = (page: Page) => page.getByRole('region', { name: 'Problems' }).getByRole('listitem');

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const events = [
    { '@timestamp': '2024-01-01T00:00:00Z', event: { category: 'process' }, process: { name: 'bash', pid: 42 } },
    { '@timestamp': '2024-01-01T00:00:01Z', event: { category: 'process' }, process: { name: '2.50', pid: 43 } },
  ];
  await page.getByLabel('Sample events').fill(toNdjson(events));
});

async function retype(page: Page, query: string): Promise<void> {
  // An error's hover must not cover the lines the next edit clicks on.
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  await replaceQuery(page, query);
}

test('a Java exception while evaluating fails the query as in Elasticsearch, and Problems says which', async ({ page }) => {
  // Doubles print as Java prints them; "2.50" is the double 2.5.
  await retype(page, 'process where string(process.pid * 1.0) == "43.0" and number(process.name) == 2.5');
  await expect(matchesStatus(page)).toHaveText(/^1 event matched/);

  // number("bash") throws in Elasticsearch: the whole query fails, not just that event.
  await retype(page, 'process where number(process.name) > 1');
  await expect(matchesStatus(page)).toHaveText('No matches — the query has 1 error');
  const failure = problems(page).filter({ hasText: 'Unable to convert [bash] to number of base [10]' });
  await expect(failure).toHaveCount(1);
  await expect(failure).toContainText('eql/runtime-error');
  await expect(failure).toContainText('query 1:15');

  // Integer division by zero too (it used to give null).
  await retype(page, 'process where process.pid / (process.pid - 42) == 1');
  await expect(matchesStatus(page)).toHaveText('No matches — the query has 1 error');
  await expect(problems(page).filter({ hasText: '/ by zero' })).toHaveCount(1);
  await expect(problems(page).filter({ hasText: 'Unable to convert' })).toHaveCount(0);
});

test('hovering a function shows its signature and its example from the registry', async ({ page }) => {
  await retype(page, 'process where number(process.name) > 1');
  await page.locator('.query-editor .view-lines').getByText('number').hover();
  const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'number(source' });
  await expect(hover).toContainText('number(source: string, base?: integer): number');
  await expect(hover).toContainText('number("0x1F")');
});
