import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import TOML from '@iarna/toml';
import { chooseRule, externalRequests, openApp, recordRequests, replaceQuery, statusMessage } from './helpers.ts';
import { changedLines, control, exportToml, replaceToml, showView, todayDate, tomlLines } from './workspace-helpers.ts';

const TTY_RULE = 'Interactive Terminal Spawned via Python';
const ttyText = readFileSync('rules/linux/execution_python_tty_shell.toml', 'utf8');

test('editing each form panel changes exactly those lines of the exported TOML', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);

  // About
  await control(page, 'rule.risk_score').fill('60');
  await control(page, 'rule.false_positives').fill('Administrators running pty.spawn by hand');
  // Definition
  await control(page, 'rule.timestamp_override').fill('event.created');
  // Schedule
  await control(page, 'rule.interval').fill('10m');
  // Metadata
  await control(page, 'metadata.maturity').selectOption('development');
  await control(page, 'metadata.min_stack_version').fill('8.19.0');
  await expect(control(page, 'metadata.min_stack_version')).toHaveValue('8.19.0');
  await control(page, 'metadata.min_stack_comments').fill('Needs the 8.19 process fields');

  const exported = await exportToml(page);
  expect(changedLines(ttyText, exported)).toEqual({
    removed: ['maturity = "production"', 'risk_score = 73', 'timestamp_override = "event.ingested"', 'updated_date = "2023/10/16"'].sort(),
    added: [
      'false_positives = ["Administrators running pty.spawn by hand"]',
      'interval = "10m"',
      'maturity = "development"',
      'min_stack_comments = "Needs the 8.19 process fields"',
      'min_stack_version = "8.19.0"',
      'risk_score = 60',
      'timestamp_override = "event.created"',
      // A changed rule is exported with today's updated_date (on by default).
      `updated_date = "${todayDate()}"`,
    ].sort(),
  });
  // Still the detection-rules layout: the new keys sit where the formatter puts them.
  expect(TOML.parse(exported)).toMatchObject({ rule: { interval: '10m', false_positives: ['Administrators running pty.spawn by hand'] } });
});

test('with "bump the updated date" on, exporting a changed rule sets updated_date to today', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await expect(page.getByLabel('Bump the updated date when exporting a changed rule')).toBeChecked(); // the default
  await page.getByLabel('Bump the updated date when exporting a changed rule').check();
  await control(page, 'rule.risk_score').fill('60');
  const now = new Date();
  const today = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
  const exported = await exportToml(page);
  expect(changedLines(ttyText, exported)).toEqual({
    removed: ['risk_score = 73', 'updated_date = "2023/10/16"'],
    added: ['risk_score = 60', `updated_date = "${today}"`],
  });
  await expect(control(page, 'metadata.updated_date')).toHaveValue(today);
  // The preference survives a reload.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  await expect(page.getByLabel('Bump the updated date when exporting a changed rule')).toBeChecked();
});

test('tags are chips: completion from the vocabulary adds one, a chip button removes one', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const tags = control(page, 'rule.tags');
  await tags.fill('Data Source: Auditd Manager');
  await tags.press('Enter');
  await page.getByRole('button', { name: 'Remove Data Source: Elastic Endgame' }).click();
  await expect(page.getByRole('list', { name: 'Tags list' }).getByRole('listitem')).toHaveCount(7);
  const exported = await exportToml(page);
  expect((TOML.parse(exported) as any).rule.tags).toEqual([
    'Domain: Endpoint',
    'OS: Linux',
    'Use Case: Threat Detection',
    'Tactic: Execution',
    'Data Source: Elastic Defend',
    'Resources: Investigation Guide',
    'Data Source: Auditd Manager',
  ]);
  // Only the tags key (and the bumped updated_date) changed: put the originals back and the files are identical.
  const originalTags = ttyText.match(/^tags = \[[^\]]*\]$/m)![0];
  expect(exported.replace(/^tags = \[[^\]]*\]$/m, originalTags).replace(`updated_date = "${todayDate()}"`, 'updated_date = "2023/10/16"')).toBe(ttyText);
});

test('risk score 150: the control is aria-invalid, Problems lists it, and clicking the problem focuses the control', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const risk = control(page, 'rule.risk_score');
  await risk.fill('150');
  await expect(risk).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await risk.getAttribute('aria-describedby');
  await expect(page.locator(`#${describedBy}`)).toContainText('150');

  const problems = page.getByRole('region', { name: 'Problems' });
  const item = problems.getByRole('listitem').filter({ hasText: 'rule/load/range' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('150');

  await page.getByRole('textbox', { name: 'Name' }).focus();
  await item.getByRole('button').click();
  await expect(risk).toBeFocused();

  // An error the edit brought in asks before export; declining exports nothing.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('button', { name: 'Export TOML' }).click();
  await expect.poll(() => asked).toContain('Export anyway?');
  await expect(statusMessage(page)).not.toContainText('Exported');

  // Back in range: valid again, and nothing about the risk score is left.
  await risk.fill('70');
  await expect(risk).not.toHaveAttribute('aria-invalid', 'true');
  await expect(problems.getByRole('listitem').filter({ hasText: 'rule/load/range' })).toHaveCount(0);
});

test('picking a technique fills tactic, ids, names and URLs consistently and keeps the Tactic tag in step', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New rule' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('New EQL Rule');

  await page.getByLabel('Tactic', { exact: true }).selectOption('TA0003');
  await page.getByLabel('Technique', { exact: true }).selectOption('T1543');
  await page.getByLabel('Sub-technique', { exact: true }).selectOption('T1543.002');
  await page.getByRole('button', { name: 'Add to ATT&CK mapping' }).click();
  await expect(page.getByRole('list', { name: 'ATT&CK mapping' })).toContainText('T1543.002');

  const data = TOML.parse(await exportToml(page)) as any;
  expect(data.rule.threat).toEqual([
    {
      framework: 'MITRE ATT&CK',
      tactic: { id: 'TA0003', name: 'Persistence', reference: 'https://attack.mitre.org/tactics/TA0003/' },
      technique: [
        {
          id: 'T1543',
          name: 'Create or Modify System Process',
          reference: 'https://attack.mitre.org/techniques/T1543/',
          subtechnique: [{ id: 'T1543.002', name: 'Systemd Service', reference: 'https://attack.mitre.org/techniques/T1543/002/' }],
        },
      ],
    },
  ]);
  expect(data.rule.tags).toContain('Tactic: Persistence');
  await expect(page.getByRole('group', { name: 'ATT&CK mismatches' })).toHaveCount(0);

  // Removing the tactic takes its tag with it.
  await page.getByRole('button', { name: 'Remove tactic Persistence' }).click();
  const after = TOML.parse(await exportToml(page)) as any;
  expect(after.rule.threat).toBeUndefined();
  expect(after.rule.tags).not.toContain('Tactic: Persistence');
});

test('adding a tactic in the MITRE picker adds only the lines of the new entry; the existing block keeps its layout', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await page.getByLabel('Tactic', { exact: true }).selectOption('TA0005');
  await page.getByRole('button', { name: 'Add to ATT&CK mapping' }).click();
  await expect(page.getByRole('list', { name: 'ATT&CK mapping' })).toContainText('TA0005');
  const exported = await exportToml(page);
  // Put the tags and the bumped date back, cut the new entry off: what is left is the file as it was.
  const originalTags = ttyText.match(/^tags = \[[^\]]*\]$/m)![0];
  const restored = exported.replace(/^tags = \[[^\]]*\]$/m, originalTags).replace(`updated_date = "${todayDate()}"`, 'updated_date = "2023/10/16"');
  const newEntry =
    '[[rule.threat]]\nframework = "MITRE ATT&CK"\n\n[rule.threat.tactic]\nid = "TA0005"\nname = "Defense Evasion"\nreference = "https://attack.mitre.org/tactics/TA0005/"';
  // Every line up to the end of the last entry is kept as it was (blank lines included); then the new entry.
  const body = ttyText.trimEnd();
  expect(restored.startsWith(body + '\n')).toBe(true);
  expect(restored.slice(body.length).trim()).toBe(newEntry);
  expect((TOML.parse(exported) as any).rule.tags).toContain('Tactic: Defense Evasion');
});

test('a mismatched technique name is flagged and fixed in one click', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await replaceToml(page, ttyText.replace('name = "Python"', 'name = "Snake"'));
  await showView(page, 'Form');
  const mismatches = page.getByRole('group', { name: 'ATT&CK mismatches' });
  await expect(mismatches).toContainText('T1059.006 is named "Python", not "Snake"');
  // The validator's own message sits at the picker too, and the picker is marked invalid.
  const tactic = page.getByLabel('Tactic', { exact: true });
  await expect(tactic).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator(`#${await tactic.getAttribute('aria-describedby')}`)).toContainText('rule.threat[0].technique[0].subtechnique[0].name');
  await mismatches.getByRole('button', { name: 'Fix names, links and tactic tags' }).click();
  await expect(mismatches).toHaveCount(0);
  await expect(tactic).not.toHaveAttribute('aria-invalid', 'true');
  expect(await exportToml(page)).toBe(ttyText);
});

test('the raw TOML view and the form stay in two-way sync', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await page.getByRole('textbox', { name: 'Description' }).fill('Changed in the form.');
  await showView(page, 'TOML');
  await expect(tomlLines(page)).toContainText('description = "Changed in the form."');

  // Text that does not parse stays as typed and is reported; the rule keeps its last good state.
  const good = ttyText.replace(/description = """[\s\S]*?"""/, 'description = "Changed in the form."');
  await replaceToml(page, good.replace('severity = "high"', 'severity = "high'));
  await expect(page.getByRole('list', { name: 'TOML problems' })).toContainText('not applied until the TOML is valid');
  await replaceToml(page, good.replace('severity = "high"', 'severity = "critical"').replace('risk_score = 73', 'risk_score = 80'));
  await expect(page.getByRole('list', { name: 'TOML problems' })).toHaveCount(0);

  await showView(page, 'Form');
  await expect(control(page, 'rule.severity')).toHaveValue('critical');
  await expect(control(page, 'rule.risk_score')).toHaveValue('80');
  await expect(page.getByText('critical: 74–100')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue('Changed in the form.');
});

test('a query problem, clicked, takes the focus to the query editor', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await replaceQuery(page, 'process where proces.name == "sh"');
  const item = page.getByRole('region', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'proces.name' }).first();
  await expect(item).toContainText('query 1:');
  await page.getByRole('textbox', { name: 'Name' }).focus();
  await item.getByRole('button').click();
  // revealQueryRange (src/state/reveal.ts) selects the range once the editor subscribes; focus either way.
  await expect(page.getByRole('textbox', { name: 'EQL query' })).toBeFocused();
});

test('a problem no form control edits is shown in the raw TOML view', async ({ page }) => {
  await openApp(page);
  const odd = ttyText
    .replace('name = "Interactive Terminal Spawned via Python"', 'name = "Odd Key Rule"')
    .replace('risk_score = 73', 'risk_score = 73\nrisk_scroe = 5');
  await page.getByLabel('Open rule file').setInputFiles({ name: 'odd.toml', mimeType: 'application/toml', buffer: Buffer.from(odd) });
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Odd Key Rule');
  const item = page.getByRole('region', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'risk_scroe' }).first();
  await item.getByRole('button').click();
  await expect(page.getByRole('tab', { name: 'TOML', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: 'TOML source' })).toBeFocused();
  await expect(page.locator('.toml-editor .view-lines')).toContainText('risk_scroe = 5');
});

test('a rule whose note carries HTML renders it inert', async ({ page }) => {
  const requests = recordRequests(page);
  await openApp(page);
  const evil = ttyText
    .replace('name = "Interactive Terminal Spawned via Python"', 'name = "Malicious Note"')
    .replace(
      'note = """## Triage and analysis',
      'note = """## Triage and analysis\n<img src=x onerror="window.__pwned = 1">\n<script>window.__pwned = 2</script>\n<a href="javascript:window.__pwned = 3">click</a>\n',
    );
  await page.getByLabel('Open rule file').setInputFiles({ name: 'evil.toml', mimeType: 'application/toml', buffer: Buffer.from(evil) });
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Malicious Note');

  const preview = page.getByRole('document', { name: 'Investigation guide preview' });
  await expect(preview.getByRole('heading', { name: 'Triage and analysis' })).toBeVisible();
  await expect(preview.locator('img')).toHaveCount(1);
  await expect(preview.locator('img')).not.toHaveAttribute('onerror', /.*/);
  await expect(preview.locator('script')).toHaveCount(0);
  const link = preview.getByText('click', { exact: true });
  await expect(link).not.toHaveAttribute('href', /javascript:/);
  await link.click();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(externalRequests(requests)).toEqual([]);
});

test('Definition shows the blocks of the rule type, and Schedule explains the look-back', async ({ page }) => {
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  await expect(page.getByRole('group', { name: 'EQL settings' })).toBeVisible();
  await expect(page.getByText('Runs every 5m, looks back 9m (4m overlap for late events).')).toBeVisible();
  await control(page, 'rule.from').fill('now-2m');
  await expect(page.getByText(/looks back only 2m/)).toBeVisible();

  await page.getByLabel('New rule from template').selectOption('threshold');
  await page.getByRole('button', { name: 'New rule' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('New Threshold Rule');
  await expect(page.getByRole('group', { name: 'Threshold' })).toBeVisible();
  await expect(control(page, 'rule.threshold.value')).toHaveValue('25');
  await expect(page.getByRole('group', { name: 'EQL settings' })).toHaveCount(0);

  // Indicator match: mappings are edited as groups of conditions.
  await page.getByLabel('New rule from template').selectOption('threat_match');
  await page.getByRole('button', { name: 'New rule' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('New Indicator Match Rule');
  await expect(control(page, 'rule.threat_mapping[0].entries[0].field')).toHaveValue('destination.ip');
  const group = page.getByRole('group', { name: 'Mapping group 1' });
  await group.getByLabel('New source field').fill('destination.port');
  await group.getByLabel('New indicator field').fill('threat.indicator.port');
  await group.getByRole('button', { name: 'Add condition to group 1' }).click();
  await expect(control(page, 'rule.threat_mapping[0].entries[1].value')).toHaveValue('threat.indicator.port');
  const data = TOML.parse(await exportToml(page)) as any;
  expect(data.rule.threat_mapping).toEqual([
    {
      entries: [
        { field: 'destination.ip', type: 'mapping', value: 'threat.indicator.ip' },
        { field: 'destination.port', type: 'mapping', value: 'threat.indicator.port' },
      ],
    },
  ]);
});

test('threshold cardinality: entries are added, validated at their control, exported and removed', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('New rule from template').selectOption('threshold');
  await page.getByRole('button', { name: 'New rule' }).click();
  const threshold = page.getByRole('group', { name: 'Threshold' });
  await threshold.getByLabel('New cardinality field').fill('user.name');
  await threshold.getByLabel('New distinct values').fill('3');
  await threshold.getByRole('button', { name: 'Add cardinality' }).click();
  await expect(control(page, 'rule.threshold.cardinality[0].field')).toHaveValue('user.name');
  await expect(control(page, 'rule.threshold.cardinality[0].value')).toHaveValue('3');

  // Validated like every other control: 0 distinct values is an error at that control.
  const value = control(page, 'rule.threshold.cardinality[0].value');
  await value.fill('0');
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await value.fill('2');
  await expect(value).not.toHaveAttribute('aria-invalid', 'true');
  const data = TOML.parse(await exportToml(page)) as any;
  expect(data.rule.threshold.cardinality).toEqual([{ field: 'user.name', value: 2 }]);

  await threshold.getByRole('button', { name: 'Remove cardinality 1' }).click();
  await expect(control(page, 'rule.threshold.cardinality[0].field')).toHaveCount(0);
  const after = TOML.parse(await exportToml(page)) as any;
  expect(after.rule.threshold.cardinality).toBeUndefined();
});
