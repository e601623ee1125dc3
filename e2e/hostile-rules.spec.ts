/**
 * Hostile rule files and Kibana exports in the app (issue 15): nothing throws uncaught, valid
 * rules still come in, and what was skipped is said with its line.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './helpers.ts';

const ttyText = readFileSync('rules/linux/execution_python_tty_shell.toml', 'utf8');

test('a rule nested 3,000 deep is refused with its line; the app keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page);
  const text = ttyText.replace('[rule]\n', `[rule]\nx = ${'['.repeat(3000)}1${']'.repeat(3000)}\n`);
  const line = text.split('\n').findIndex((l) => l.startsWith('x = ')) + 1;
  await page.getByLabel('Open rule file').setInputFiles({ name: 'deep.toml', mimeType: 'application/toml', buffer: Buffer.from(text) });
  const alert = page.getByRole('alert').filter({ hasText: 'Could not open' });
  await expect(alert).toContainText('Could not open deep.toml');
  await expect(alert).toContainText(`nested too deep`);
  await expect(alert).toContainText(`rule.x, line ${line}`);
  expect(errors).toEqual([]);
});

test('a Kibana export with one rule nested 2,000 deep imports the others and lists every skipped line', async ({ page }) => {
  await openApp(page);
  const rule = (name: string, extra: object = {}) => ({
    rule_id: '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
    name,
    type: 'eql',
    language: 'eql',
    query: 'process where true',
    description: 'd',
    risk_score: 21,
    severity: 'low',
    author: ['Elastic'],
    license: 'Elastic License v2',
    ...extra,
  });
  // Written as text: JSON.stringify itself runs out of stack on 6,000 levels.
  const query = '{"bool":{"filter":['.repeat(2000) + '{"match_phrase":{"host.name":"x"}}' + ']}}'.repeat(2000);
  const deep = JSON.stringify(rule('Nested Too Deep', { filters: [{ meta: {}, query: 'QUERY' }] })).replace('"QUERY"', query);
  const lines = [JSON.stringify(rule('First Valid Import')), deep, '{ not json', JSON.stringify(rule('Second Valid Import'))];
  await page.getByLabel('Import Kibana rules (ndjson)').setInputFiles({
    name: 'export.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(lines.join('\n') + '\n'),
  });
  const nav = page.getByRole('navigation', { name: 'Rules' });
  await expect(nav.getByRole('button', { name: 'First Valid Import' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Second Valid Import' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Nested Too Deep' })).toHaveCount(0);
  const alert = page.getByRole('alert').filter({ hasText: 'export.ndjson' });
  await expect(alert).toContainText('Imported 2 rules from export.ndjson; 2 entries were skipped');
  await expect(alert.getByRole('listitem')).toHaveCount(2);
  await expect(alert).toContainText('Line 3 is not valid JSON');
  await expect(alert).toContainText('Entry 2 ("Nested Too Deep") nests `filters`');
});

test('a rule file with invalid UTF-8 is not opened (its export would hold U+FFFD); the byte is shown by line and column', async ({ page }) => {
  await openApp(page);
  const at = ttyText.indexOf('Python') + 2;
  const bytes = Buffer.concat([Buffer.from(ttyText.slice(0, at)), Buffer.from([0xff]), Buffer.from(ttyText.slice(at))]);
  const before = ttyText.slice(0, at).split('\n');
  await page.getByLabel('Open rule file').setInputFiles({ name: 'latin1.toml', mimeType: 'application/toml', buffer: bytes });
  const alert = page.getByRole('alert').filter({ hasText: 'Could not open' });
  await expect(alert).toContainText('Could not open latin1.toml');
  await expect(alert).toContainText(`Invalid UTF-8 byte 0xFF at line ${before.length}, column ${before.at(-1)!.length + 1}`);
});
