/**
 * A KQL rule in the studio, through the query-language seam: the editor is named and highlighted
 * as KQL, KQL's checks put markers in it, and the sample events are matched by the KQL evaluator.
 * KQL semantics: https://www.elastic.co/guide/en/kibana/current/kuery-query.html
 */
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { matchesStatus, openApp, toNdjson } from './helpers.ts';
import { sharedDataOrSkip } from './shared-data.ts';

/** A query rule as the corpus writes them (rules-corpus: language = "kuery", type = "query"). */
const KQL_RULE = `[metadata]
creation_date = "2024/01/01"
integration = ["endpoint"]
maturity = "production"
updated_date = "2024/01/01"

[rule]
author = ["Elastic"]
description = "A shell was started."
from = "now-9m"
index = ["logs-endpoint.events.process-*"]
language = "kuery"
license = "Elastic License v2"
name = "Shell Started (KQL seam test)"
risk_score = 21
rule_id = "0b6f3f7e-5a1c-4c55-9a43-2d1f0e9c8b71"
severity = "low"
type = "query"

query = '''
event.category:process and process.name:(bash or sh)
'''
`;

function editor(page: Page) {
  return page.getByRole('textbox', { name: 'KQL query' });
}

async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator('.query-editor .view-lines').click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query);
}

/** The class Monaco gave the token that renders `text` (its colour class, `mtkN`). */
async function tokenClass(page: Page, text: string): Promise<string | null> {
  return page.locator('.query-editor .view-line span[class^="mtk"]', { hasText: text }).first().getAttribute('class');
}

test('a KQL rule: KQL editor and highlighting, a syntax error marker, and matches over pasted events', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Open rule file').setInputFiles({ name: 'shell.toml', mimeType: 'application/toml', buffer: Buffer.from(KQL_RULE) });
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Shell Started (KQL seam test)');
  await expect(editor(page)).toBeAttached();
  await expect(page.getByRole('textbox', { name: 'EQL query' })).toHaveCount(0);

  // KQL's tokens: the field, the keyword and the value each get a colour of their own.
  await expect(page.locator('.query-editor .view-lines')).toContainText('process.name');
  await expect.poll(() => tokenClass(page, 'and')).not.toBe(await tokenClass(page, 'process.name'));
  expect(await tokenClass(page, 'process.name')).not.toBe(await tokenClass(page, 'bash'));
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(0);

  // A field without a value is a KQL syntax error: a marker in the editor and an entry in Problems.
  // (An unclosed `(` would not do: the editor closes brackets as they are typed.)
  await typeQuery(page, 'event.category:process and process.name:');
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(1);
  await expect(
    page
      .getByRole('region', { name: 'Problems' })
      .getByRole('listitem')
      .filter({ hasText: /^error\s+query 1:\d+.*kql\/syntax/ }),
  ).toHaveCount(1);

  await typeQuery(page, 'event.category:process and process.name:(bash or sh)');
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(0);
  const events = [
    { '@timestamp': '2024-01-01T00:00:00Z', event: { category: 'process' }, process: { name: 'bash' } },
    { '@timestamp': '2024-01-01T00:00:01Z', event: { category: 'process' }, process: { name: 'python3' } },
    { '@timestamp': '2024-01-01T00:00:02Z', event: { category: 'network' }, process: { name: 'sh' } },
    { '@timestamp': '2024-01-01T00:00:03Z', event: { category: ['process', 'file'] }, process: { name: 'sh' } },
  ];
  await page.getByLabel('Sample events').fill(toNdjson(events));
  // bash (process) and sh (category array holding process): an array matches when any value does.
  await expect(matchesStatus(page)).toHaveText(/^2 events matched/);

  // The network event is one condition away; near misses name the condition as the query writes it,
  // and the help says what a condition is in KQL (the language info's text), not in EQL.
  const near = page.getByRole('region', { name: 'Near misses' });
  await expect(near.getByRole('listitem').filter({ hasText: '#2' })).toContainText('would match if event.category:process were true');
  await near.getByText('What is a near miss?').click();
  await expect(near).toContainText("A KQL condition is a leaf of the query's and/or/not tree: field: value");
  await expect(near).not.toContainText('regex');
});

test('a KQL rule of the corpus as it is: matches over pasted events, and Why for a multi-valued field', async ({ page }) => {
  // `process.args:(echo and *NOPASSWD*ALL*)`: both terms must hold for some value of the array
  // (Elasticsearch indexes each value of a keyword array; the wildcard is whole-value, case-sensitive).
  const file = join(sharedDataOrSkip('rules-corpus'), 'rules/cross-platform/privilege_escalation_echo_nopasswd_sudoers.toml');
  await openApp(page);
  await page.getByLabel('Open rule file').setInputFiles(file);
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Potential Privilege Escalation via Sudoers File Modification');
  await expect(editor(page)).toBeAttached();
  await expect(page.locator('.query-editor .squiggly-error')).toHaveCount(0);
  const start = (second: number, args: string[]) => ({
    '@timestamp': `2024-01-01T00:00:0${second}Z`,
    event: { category: 'process', type: 'start' },
    process: { name: 'sh', args },
  });
  const events = [
    start(0, ['echo', 'user ALL=(ALL) NOPASSWD: ALL']),
    start(1, ['echo', 'hello']),
    start(2, ['/bin/echo', 'user ALL=(ALL) NOPASSWD: ALL']),
    start(3, ['echo', 'user all=(all) nopasswd: all']),
  ];
  await page.getByLabel('Sample events').fill(toNdjson(events));
  await expect(matchesStatus(page)).toHaveText(/^1 event matched/);
  await page.getByRole('region', { name: 'Matches' }).getByRole('button', { name: '#0' }).click();
  const tree = page.getByRole('region', { name: 'Why' }).getByRole('list', { name: 'Conditions on this event' });
  await expect(tree.locator('.why-leaf').filter({ hasText: /^✓true process\.args: \*NOPASSWD\*ALL\*/ })).toHaveCount(1);
  await expect(tree.locator('.why-leaf').filter({ hasText: /^✓true process\.args: echo/ })).toHaveCount(1);
});
