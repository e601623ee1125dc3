/**
 * Hostile and huge rule files (issue 15): generated here, never stored as fixtures.
 * - A 5 MB one-line description must not freeze the page, nor make it unopenable on reload
 *   (the draft is kept in IndexedDB), and nothing of it may be lost.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { externalRequests, matchesStatus, openApp, recordRequests, replaceQuery } from './helpers.ts';
import { control, exportToml, showView } from './workspace-helpers.ts';

const ttyText = readFileSync('rules/linux/execution_python_tty_shell.toml', 'utf8');

/** The bundled rule renamed, with its description replaced by one line of `size` characters. */
function ruleWithHugeDescription(size: number): { text: string; line: string } {
  // Varied words, not one repeated character: the browser lays out real text.
  const words = ['python', 'pty.spawn', 'interactive', 'terminal', 'shell', '/bin/bash', 'attacker', 'upgrade'];
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const w = words[(i * 7 + (i >> 3)) % words.length] + ' ';
    parts.push(w);
    length += w.length;
  }
  const line = parts.join('').slice(0, size);
  const text = ttyText
    .replace(/^name = ".*"$/m, 'name = "Huge Description"')
    .replace(/^rule_id = ".*"$/m, 'rule_id = "0b0e3a4c-1d2f-4e5a-9b8c-7d6e5f4a3b21"')
    .replace(/description = """[\s\S]*?"""/, `description = "${line}"`);
  return { text, line };
}

/** Main-thread tasks over 50 ms (the Long Tasks API), recorded from page start (also after reloads). */
async function recordLongTasksFromStart(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks recorded since the last call (after letting the current frame land). */
async function takeLongTasks(page: Page): Promise<number[]> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    return w.__longTasks.splice(0);
  });
}

/**
 * Opens `text` as a person does, through the file input. The file is built in the page first:
 * Playwright's own setInputFiles decodes a 5 MB buffer on the page's main thread, which is not
 * the app's time. Long tasks recorded until then are dropped.
 */
async function openRuleFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ([n, t]) => {
      (window as unknown as { __file: File }).__file = new File([t], n, { type: 'application/toml' });
    },
    [name, text],
  );
  await takeLongTasks(page);
  await page.getByLabel('Open rule file').evaluate((input: HTMLInputElement) => {
    const files = new DataTransfer();
    files.items.add((window as unknown as { __file: File }).__file);
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

test('opening a rule with a 5 MB one-line description and showing its TOML: no main-thread task over 200 ms', async ({ browser }) => {
  test.setTimeout(180_000);
  const { text } = ruleWithHugeDescription(5 * 1024 * 1024);
  // Best of three fresh pages: on a shared machine other processes stretch any task now and then.
  const longest: number[] = [];
  for (let attempt = 0; attempt < 3 && !longest.some((ms) => ms <= 200); attempt++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await recordLongTasksFromStart(page);
    await openApp(page);
    await openRuleFile(page, 'huge.toml', text);
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Huge Description');
    await expect(page.getByText(/Description holds 5\.2 M characters/)).toBeVisible();
    const opening = await takeLongTasks(page);
    await showView(page, 'TOML');
    await expect(page.getByLabel('TOML source (excerpt)')).toContainText('name = "Huge Description"');
    const toToml = await takeLongTasks(page);
    console.log(`attempt ${attempt + 1}: opening ${JSON.stringify(opening)} ms, TOML view ${JSON.stringify(toToml)} ms`);
    longest.push(Math.max(0, ...opening, ...toToml));
    await context.close();
  }
  // Before: tasks of 3.5, 5.4 and 6.9 s opening it (1.4-2.8 s parsing, the rest the form's
  // textarea laying out the line), and 26 s per MiB in the TOML view.
  expect(Math.min(...longest)).toBeLessThanOrEqual(200);
});

test('a rule with a 5 MB one-line description opens without freezing the page, survives reloads, and keeps every byte', async ({ page }) => {
  test.setTimeout(180_000);
  const { text, line } = ruleWithHugeDescription(5 * 1024 * 1024);
  await recordLongTasksFromStart(page);
  await openApp(page);
  console.log(`first start-up: long tasks ${JSON.stringify(await takeLongTasks(page))} ms`);

  await openRuleFile(page, 'huge.toml', text);
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Huge Description');
  const description = control(page, 'rule.description');
  await expect(description).toHaveAttribute('readonly', '');
  expect((await description.inputValue()).length).toBeLessThan(2_100);
  await expect(page.getByText(/Description holds 5\.2 M characters: only the start is shown/)).toBeVisible();
  const opening = await takeLongTasks(page);
  console.log(`opening: long tasks ${JSON.stringify(opening)} ms`);
  // The 200 ms bound is the test above (best of three); here, a bound no busy machine reaches
  // but any return of the freeze does.
  expect(Math.max(0, ...opening)).toBeLessThan(1_000);

  // The raw TOML view shows a read-only copy with the line cut: no task over 200 ms.
  await showView(page, 'TOML');
  const descriptionLine = text.slice(0, text.indexOf('description = "')).split('\n').length;
  await expect(page.getByRole('note')).toContainText(`line ${descriptionLine} alone has 5.2 M characters`);
  const excerpt = page.getByLabel('TOML source (excerpt)');
  await expect(excerpt).toContainText('name = "Huge Description"');
  await expect(excerpt).toContainText('M characters more on this line)');
  console.log(`switching to the TOML view: long tasks ${JSON.stringify(await takeLongTasks(page))} ms`);
  // Back to the form and again: the copy is shown again (not the editor).
  await showView(page, 'Form');
  await showView(page, 'TOML');
  await expect(excerpt).toBeVisible();
  console.log(`Form and back to TOML: long tasks ${JSON.stringify(await takeLongTasks(page))} ms`);

  // Asked for, the full text opens in Monaco with the long-line guards and no word wrap: the
  // page answers again within seconds, not minutes (a 1 MiB line took 26 s with word wrap).
  const started = Date.now();
  await page.getByRole('button', { name: 'Show full text' }).click();
  await expect(page.locator('.toml-editor .view-lines')).toContainText('name = "Huge Description"', { timeout: 60_000 });
  const fullText = await takeLongTasks(page);
  console.log(`Show full text: ${Date.now() - started} ms to show, long tasks ${JSON.stringify(fullText)} ms`);
  expect(Date.now() - started).toBeLessThan(30_000);
  // The diff of the rule as opened against as exported (the same text here) opens at once too.
  await showView(page, 'Diff');
  await expect(page.getByText('No changes: the export is byte-identical to the file as opened.')).toBeVisible();
  await expect(page.locator('.diff-editor .view-lines').first()).toContainText('Huge Description', { timeout: 60_000 });
  const toDiff = await takeLongTasks(page);
  console.log(`Diff view: long tasks ${JSON.stringify(toDiff)} ms`);
  await showView(page, 'Form');

  // Nothing is lost: Export writes the whole description.
  const exported = await exportToml(page);
  expect(exported).toContain(`description = "${line}"`);
  expect(exported.length).toBeGreaterThan(line.length);

  // The draft is saved; a reload must open the app and offer the draft instead of freezing.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.waitForTimeout(1_000);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Rules' })).toBeVisible();
  const offer = page.getByRole('region', { name: /Large saved draft/ });
  await expect(offer).toContainText('huge.toml (5.2 M characters) is too large to open at start-up');
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name: 'Huge Description' })).toHaveCount(0);
  const startUp = await takeLongTasks(page);
  console.log(`start-up with the large draft saved: long tasks ${JSON.stringify(startUp)} ms`);
  // The draft is not parsed at start-up (that alone is 1.4 s or more); the app's own start-up
  // tasks reach a few hundred ms on a busy machine.
  expect(Math.max(0, ...startUp)).toBeLessThan(1_000);
  // Read-only: an excerpt, and the whole text as a download.
  await offer.getByText('Read huge.toml (long lines cut)').click();
  await expect(offer.locator('pre')).toContainText('name = "Huge Description"');
  const download = page.waitForEvent('download');
  await offer.getByRole('button', { name: 'Download huge.toml' }).click();
  expect(readFileSync((await (await download).path())!, 'utf8')).toContain(`description = "${line}"`);

  // Opening it (asked for: it may take a moment) brings it back into the workspace.
  await offer.getByRole('button', { name: 'Open huge.toml' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Huge Description');
  await expect(offer).toHaveCount(0);
  await page.waitForTimeout(1_000);

  // Reload once more; discarding it deletes it for good.
  await page.reload();
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Discard huge.toml' }).click();
  await expect(offer).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Rules' })).toBeVisible();
  await expect(page.getByText('Interactive Terminal Spawned via Python').first()).toBeVisible();
  await expect(offer).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name: 'Huge Description' })).toHaveCount(0);
});

/** The bundled rule renamed, with a hostile note that tries to fetch, restyle and navigate. */
function ruleWithHostileNote(): string {
  const note = [
    '## Hostile triage',
    '<img src="https://tracker.example/pixel.gif?who=me" alt="pixel">',
    '![diagram](http://images.example/diagram.png)',
    '<img src="//cdn.example/protocol-relative.png">',
    '<img srcset="https://tracker.example/2x.png 2x" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
    '<p style="background-image: url(https://tracker.example/bg.png); position: fixed; inset: 0">covering text</p>',
    '<a href="javascript:window.__pwned = 1">run</a>',
    '[docs](https://www.elastic.co/guide) and <a href="https://evil.example/" target="_self">same tab</a>',
    '<video src="https://tracker.example/v.mp4" poster="https://tracker.example/poster.png"></video>',
    '',
  ].join('\n\n');
  return ttyText.replace(/^name = ".*"$/m, 'name = "Hostile Note"').replace('note = """', `note = """${note}\n`);
}

/** What the preview of the hostile note must look like, wherever the app is served from. */
async function expectHostileNoteNeutralised(page: Page): Promise<void> {
  const preview = page.getByRole('document', { name: 'Investigation guide preview' });
  await expect(preview.getByRole('heading', { name: 'Hostile triage' })).toBeVisible();
  // External images are links to their URL; only the inline (data:) image stays an image.
  await expect(preview.locator('img')).toHaveCount(1);
  await expect(preview.locator('img')).toHaveAttribute('src', /^data:image\/gif/);
  await expect(preview.locator('img')).not.toHaveAttribute('srcset', /.*/);
  await expect(preview.getByRole('link', { name: 'pixel (image: https://tracker.example/pixel.gif?who=me)' })).toHaveAttribute(
    'href',
    'https://tracker.example/pixel.gif?who=me',
  );
  await expect(preview.getByRole('link', { name: 'diagram (image: http://images.example/diagram.png)' })).toBeVisible();
  await expect(preview.getByRole('link', { name: 'Image: //cdn.example/protocol-relative.png' })).toBeVisible();
  // No style attributes, no media that fetch.
  await expect(preview.locator('[style]')).toHaveCount(0);
  await expect(preview.getByText('covering text')).toBeVisible();
  await expect(preview.locator('video, audio, source')).toHaveCount(0);
  // Every link opens in a new tab with no opener and no referrer; javascript: is gone.
  const links = preview.locator('a[href]');
  expect(await links.count()).toBeGreaterThanOrEqual(5);
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).not.toHaveAttribute('href', /^javascript:/i);
  }
  await preview.getByText('run', { exact: true }).click();
  // A click on an external link opens a new tab (which we close): the app stays where it is.
  const popup = page.context().waitForEvent('page');
  await preview.getByRole('link', { name: 'same tab' }).click({ modifiers: [] });
  const opened = await popup;
  await opened.close();
  expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
}

test('a hostile note renders with no request leaving 127.0.0.1, no style and no navigation away (production build)', async ({ page }) => {
  const requests = recordRequests(page);
  await openApp(page);
  await page.getByLabel('Open rule file').setInputFiles({ name: 'hostile.toml', mimeType: 'application/toml', buffer: Buffer.from(ruleWithHostileNote()) });
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Hostile Note');
  await expectHostileNoteNeutralised(page);
  expect(externalRequests(requests)).toEqual([]);
});

test('the development server serves the same strict CSP, and the hostile note fetches nothing there either', async ({ page }) => {
  test.setTimeout(180_000);
  const { createServer } = await import('vite');
  const port = Number(process.env.E2E_PORT ?? 4317) + 1;
  // A cache of its own: pre-bundling here must not disturb anyone else's dev server.
  const cacheDir = mkdtempSync(join(tmpdir(), 'rule-studio-vite-'));
  const server = await createServer({ configFile: 'vite.config.ts', cacheDir, logLevel: 'error', server: { port, strictPort: true, host: '127.0.0.1' } });
  await server.listen();
  try {
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => void violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.effectiveDirective} ${e.blockedURI}`);
      });
    });
    const requests = recordRequests(page);
    const html = await (await page.request.get(`http://127.0.0.1:${port}/`)).text();
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(policy).toContain("img-src 'self' data:");
    expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    expect(policy).not.toContain('unsafe-eval');
    // The policy comes before every script of the page.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    // The app runs under it (React refresh's inline preamble is allowed by its hash). A fresh
    // dev server reloads the page once it has pre-bundled what the first load discovered.
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.getByRole('navigation', { name: 'Rules' })).toBeVisible({ timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Rules' })).toBeVisible({ timeout: 120_000 });
    await page.getByLabel('Open rule file').setInputFiles({ name: 'hostile.toml', mimeType: 'application/toml', buffer: Buffer.from(ruleWithHostileNote()) });
    await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Hostile Note');
    await expectHostileNoteNeutralised(page);
    expect(externalRequests(requests)).toEqual([]);
    console.log(`CSP violations on the dev server: ${JSON.stringify(violations)}`);
    expect(violations).toEqual([]);
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('one event nested 10,000 deep is reported at its line; the other events are read and matched', async ({ page }) => {
  await openApp(page);
  const event = (extra: string) => `{"@timestamp":"2024-05-02T00:00:0${extra.length % 10}Z","event":{"category":"process"},"process":{"name":"sh"},${extra}}`;
  const deep = '['.repeat(10_000) + '1' + ']'.repeat(10_000);
  await page.getByLabel('Sample events').fill([event('"n":1'), event('"n":2'), event(`"x":${deep}`), event('"n":4')].join('\n'));
  await expect(page.getByRole('list', { name: 'Event input problems' })).toContainText('Line 3 nests deeper than 1000 levels; it was skipped.');
  await expect(page.getByText('3 events read')).toBeVisible();
  await replaceQuery(page, 'process where process.name == "sh"');
  await expect(matchesStatus(page)).toHaveText(/^3 events matched/);
  await replaceQuery(page, 'process where x.y == 1');
  await expect(matchesStatus(page)).toHaveText(/^No matches/);
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'evaluator failed' })).toHaveCount(0);
});
