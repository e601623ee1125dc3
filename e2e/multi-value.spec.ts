import { expect, test } from '@playwright/test';
import { chooseRule, matchesStatus, openApp, replaceQuery, toNdjson } from './helpers.ts';

// Multi-valued fields inside scripts (arithmetic, functions) match when any value does, as
// Elasticsearch 7.15+ runs them, and Why names the value that made the condition true.
test('a script over a multi-valued field matches on any value, and Why names that value', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, 'Interactive Terminal Spawned via Python');
  const base = { event: { category: 'process', type: 'start' }, host: { os: { type: 'linux' } } };
  await page.getByLabel('Sample events').fill(
    toNdjson([
      { '@timestamp': '2024-01-01T00:00:00Z', ...base, process: { name: 'a', pid: [10, 60] } },
      { '@timestamp': '2024-01-01T00:00:01Z', ...base, process: { name: 'b', pid: [10, 20] } },
    ]),
  );
  await expect(page.getByText('2 events read')).toBeVisible();
  await replaceQuery(page, 'process where process.pid * 2 > 100');
  await expect(matchesStatus(page)).toHaveText(/^1 event matched/);
  await page.getByRole('table', { name: 'Events' }).getByRole('button', { name: 'Event 0' }).click();
  const tree = page.getByRole('region', { name: 'Why' }).getByRole('list', { name: 'Conditions on this event' });
  await expect(tree.locator('.why-leaf').last()).toHaveText('✓true process.pid * 2 > 100 — process.pid = [10,60] (true for 60)');
});
