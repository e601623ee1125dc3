/**
 * Browser benchmark for `rule-studio serve` on the rules corpus (run by `npm run bench`): the
 * real server on a temporary copy of ../shared/rules-corpus, the built app in Chromium. Measures
 * the time from navigation until every repository rule is in the list, and opening one rule.
 * Targets from issue 19: list ready under 2 s, search under 50 ms, open under 100 ms, validate
 * under 10 s.
 */

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { sharedDataOrSkip } from './shared-data.ts';

test('serve: the corpus list is ready, a rule opens', async ({ page }) => {
  const corpus = sharedDataOrSkip('rules-corpus');
  const work = mkdtempSync(join(tmpdir(), 'serve-perf-'));
  cpSync(corpus, join(work, 'repo'), { recursive: true });
  const server = spawn(process.execPath, ['bin/rule-studio', 'serve', join(work, 'repo')], {
    env: { ...process.env, RULE_STUDIO_APP_DIR: resolve(process.env.E2E_OUT_DIR ?? 'dist') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = (await createInterface({ input: server.stdout! })[Symbol.asyncIterator]().next()).value as string;
    const url = line.replace('Rule Studio: ', '');
    // Main-thread tasks over 50 ms while the repository loads.
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
      // The moment the status says the list is ready (Playwright's polling would add up to a second).
      new MutationObserver(() => {
        const status = document.querySelector('footer [role="status"]');
        if (!(window as unknown as { listReadyAt?: number }).listReadyAt && /^Opened \d+ rules from the repository$/.test(status?.textContent ?? '')) {
          (window as unknown as { listReadyAt?: number }).listReadyAt = performance.now();
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const started = Date.now();
    await page.goto(url);
    const status = page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('status');
    await expect(status).toHaveText(/^Opened \d+ rules from the repository$/, { timeout: 120_000 });
    const listMs = Date.now() - started;
    const listReadyAt = await page.evaluate(() => (window as unknown as { listReadyAt?: number }).listReadyAt ?? Number.NaN);
    const count = await page.locator('.rule-list-summary').textContent();
    console.log(
      `list ready: ${await status.textContent()} at ${listReadyAt.toFixed(0)} ms after navigation started, in the page (${listMs} ms as Playwright saw it; list: ${count})`,
    );
    const timings = await page.evaluate(() => ({
      domContentLoaded: performance.getEntriesByType('navigation').map((e) => (e as PerformanceNavigationTiming).domContentLoadedEventEnd)[0],
      resources: performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/') || e.duration > 200)
        .map((e) => `${new URL(e.name).pathname}${new URL(e.name).search} ${e.startTime.toFixed(0)}+${e.duration.toFixed(0)} ms`),
    }));
    console.log(
      await page.evaluate(() =>
        performance
          .getEntriesByType('mark')
          .map((m) => `${m.name} ${m.startTime.toFixed(0)}`)
          .join('; '),
      ),
    );
    console.log(`DOMContentLoaded at ${timings.domContentLoaded?.toFixed(0)} ms; ${timings.resources.join('; ')}`);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(
      `long tasks while loading: ${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms, total ${longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
    );
    // Searches over the whole list (the target: under 50 ms per keystroke), once the page
    // has settled: from the input event to the frame that shows the new count, for a few queries.
    const summary = page.locator('.rule-list-summary');
    await page.waitForTimeout(2000);
    const searches: string[] = [];
    const searchMs: number[] = [];
    for (const query of ['powershell', 'T1059', 'process.parent.name', 'windows', 'esql']) {
      const ms = await page.evaluate(async (query) => {
        const input = document.querySelector<HTMLInputElement>('#rule-search')!;
        const summaryEl = document.querySelector('.rule-list-summary')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        const type = async (value: string) => {
          const before = summaryEl.textContent;
          const t0 = performance.now();
          setValue.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          while (summaryEl.textContent === before) await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - t0;
        };
        const ms = await type(query);
        await type('');
        return ms;
      }, query);
      searches.push(`'${query}' ${ms.toFixed(0)} ms`);
      searchMs.push(ms);
    }
    console.log(`search: ${searches.join(', ')} (median ${[...searchMs].sort((a, b) => a - b)[2].toFixed(0)} ms, to the frame that shows the count)`);
    await page.locator('#rule-search').fill('');
    await expect(summary).toHaveText(/^2192 rules/);
    // Opening a rule: from the click to the frame whose form shows it (a repository rule not
    // opened yet is read and loaded on that click). Measured in the page, as search is.
    const openMs: number[] = [];
    for (const n of [1000, 1500, 500, 2000, 100]) {
      openMs.push(
        await page.evaluate(async (n) => {
          // The list renders the rows near its view: scroll row n into it first.
          const nav = document.querySelector<HTMLElement>('nav[aria-label="Rules"]')!;
          nav.scrollTop = n * 30;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const button = document.querySelector<HTMLButtonElement>(`nav[aria-label="Rules"] li[aria-posinset="${n + 1}"] button`)!;
          const name = (button.firstChild?.textContent ?? '').trim();
          const t0 = performance.now();
          button.click();
          for (;;) {
            await new Promise((r) => requestAnimationFrame(r));
            if (document.querySelector<HTMLInputElement>('[name="rule.name"]')?.value === name) return performance.now() - t0;
            if (performance.now() - t0 > 10_000) throw new Error(`rule ${n} (${name}) did not open`);
          }
        }, n),
      );
    }
    console.log(`open one rule: ${openMs.map((t) => t.toFixed(0)).join(', ')} ms (median ${[...openMs].sort((a, b) => a - b)[2].toFixed(0)})`);
    // Validate repository: every rule through all layers in a worker (the target: under 10 s).
    const validateStarted = Date.now();
    await page.getByRole('button', { name: 'Validate repository' }).click();
    const dialog = page.getByRole('dialog', { name: 'Repository validation' });
    await expect(dialog.getByRole('status')).toHaveText(/rules checked in/, { timeout: 120_000 });
    console.log(`validate: ${await dialog.getByRole('status').textContent()} (${Date.now() - validateStarted} ms from the click)`);
    await dialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
});
