/**
 * Browser benchmark for the query editor (run by `npm run bench`, not by `npm test`):
 * - keystroke → markers updated, on the largest EQL query of the corpus (p50/p95);
 * - main-thread long tasks (> 50 ms) while typing;
 * - initial JavaScript (gzip) and time to the first interactive editor.
 */
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import TOML from '@iarna/toml';

const CORPUS = '../shared/rules-corpus/rules';
const ROUNDS = 25;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.toml')) out.push(path);
  }
  return out;
}

function largestEqlRule(): { path: string; name: string; queryLength: number } {
  let best = { path: '', name: '', queryLength: 0 };
  for (const path of walk(CORPUS)) {
    const data = TOML.parse(readFileSync(path, 'utf8')) as { rule?: { language?: string; query?: string; name?: string } };
    const q = data.rule?.language === 'eql' ? (data.rule.query ?? '') : '';
    if (q.length > best.queryLength) best = { path, name: data.rule!.name!, queryLength: q.length };
  }
  return best;
}

function initialJavaScriptGzip(outDir: string): number {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length, 0);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

test('query editor latency', async ({ page }) => {
  const outDir = process.env.E2E_OUT_DIR ?? 'dist';
  await page.goto('/');
  await page.waitForSelector('.query-editor .view-lines');
  const firstEditorMs = await page.evaluate(() => performance.now());

  const rule = largestEqlRule();
  await page.getByLabel('Open rule file').setInputFiles(rule.path);
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(rule.name);

  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__longTasks = [] as number[];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (w.__longTasks as number[]).push(entry.duration);
    }).observe({ type: 'longtask' });
    document.addEventListener('keydown', () => (w.__keydownAt = performance.now()), true);
    // Resolves with the time the error-marker count reaches `count`.
    w.__whenErrorMarkers = (count: number) =>
      new Promise<number>((resolve) => {
        const host = document.querySelector('.query-editor')!;
        const check = () => host.querySelectorAll('.squiggly-error').length === count && (resolve(performance.now()), true);
        if (check()) return;
        const observer = new MutationObserver(() => check() && observer.disconnect());
        observer.observe(host, { subtree: true, childList: true, attributes: true });
      });
  });

  await page.locator('.query-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  const baseline = await page.locator('.query-editor .squiggly-error').count();
  await page.evaluate(() => ((window as unknown as Record<string, unknown>).__longTasks = []));

  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await page.keyboard.type(' ');
    await page.waitForTimeout(150);
    const appeared = page.evaluate((n) => (window as any).__whenErrorMarkers(n), baseline + 1);
    await page.keyboard.press('=');
    latencies.push((await appeared) - (await page.evaluate(() => (window as any).__keydownAt)));
    const cleared = page.evaluate((n) => (window as any).__whenErrorMarkers(n), baseline);
    await page.keyboard.press('Backspace');
    latencies.push((await cleared) - (await page.evaluate(() => (window as any).__keydownAt)));
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(150);
  }
  const longTasks = (await page.evaluate(() => (window as any).__longTasks)) as number[];
  const sorted = [...latencies].sort((a, b) => a - b);
  const figures = {
    largestQuery: `${rule.path} (${rule.queryLength} chars)`,
    keystrokeToMarkersMs: {
      samples: sorted.length,
      p50: +percentile(sorted, 50).toFixed(1),
      p95: +percentile(sorted, 95).toFixed(1),
      max: +sorted.at(-1)!.toFixed(1),
    },
    longTasksWhileTyping: { count: longTasks.length, maxMs: longTasks.length ? Math.max(...longTasks) : 0 },
    initialJsGzipKb: +(initialJavaScriptGzip(outDir) / 1024).toFixed(1),
    firstInteractiveEditorMs: +firstEditorMs.toFixed(0),
  };
  console.log('editor benchmark ' + JSON.stringify(figures, null, 2));
  test.info().annotations.push({ type: 'figures', description: JSON.stringify(figures) });
});
