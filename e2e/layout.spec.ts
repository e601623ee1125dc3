import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { chooseRule, matchesStatus, openApp, statusMessage, toNdjson } from './helpers.ts';
import { control, showView } from './workspace-helpers.ts';

const TTY_RULE = 'Interactive Terminal Spawned via Python';
const WIDTHS = [1024, 1280, 1440, 1920];
const HEIGHT = 900;
const TEMPLATES = ['eql', 'query', 'threshold', 'new_terms', 'esql', 'machine_learning', 'threat_match'];

interface Attack {
  techniques: Record<string, { name: string; tactics: string[]; deprecated?: boolean }>;
  subtechniques: Record<string, { name: string; deprecated?: boolean }>;
}
const attack = JSON.parse(readFileSync('src/rule/validate/data/attack.json', 'utf8')) as Attack;

/** The live sub-technique with the longest name, with its technique and a tactic of it: the widest picker. */
function widestSubtechnique(): { tactic: string; technique: string; sub: string } {
  const [sub] = Object.entries(attack.subtechniques)
    .filter(([, s]) => !s.deprecated)
    .sort(([, a], [, b]) => b.name.length - a.name.length)[0];
  const technique = sub.split('.')[0];
  return { tactic: attack.techniques[technique].tactics[0], technique, sub };
}

interface Misplaced {
  section: string;
  control: string;
  why: string;
}

/**
 * Every visible input, select, textarea and button of each form section: its box must lie inside
 * the section's box and inside every ancestor that clips (overflow other than visible), across.
 */
async function misplacedControls(page: Page): Promise<Misplaced[]> {
  return page.evaluate(() => {
    const out: { section: string; control: string; why: string }[] = [];
    const EPS = 0.5;
    for (const section of document.querySelectorAll<HTMLElement>('section.form-section')) {
      const name = section.querySelector('h2')?.textContent ?? '?';
      const box = section.getBoundingClientRect();
      for (const el of section.querySelectorAll<HTMLElement>('input, select, textarea, button')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue; // not rendered (hidden)
        const label = el.getAttribute('name') || el.getAttribute('aria-label') || el.id || el.textContent?.trim() || el.tagName;
        if (r.left < box.left - EPS || r.right > box.right + EPS) {
          out.push({
            section: name,
            control: label,
            why: `x ${r.left.toFixed(0)}–${r.right.toFixed(0)} outside the panel's ${box.left.toFixed(0)}–${box.right.toFixed(0)}`,
          });
          continue;
        }
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          const style = getComputedStyle(a);
          if (style.overflowX === 'visible') continue;
          const c = a.getBoundingClientRect();
          const left = c.left + a.clientLeft;
          const right = left + a.clientWidth;
          if (r.left < left - EPS || r.right > right + EPS) {
            out.push({
              section: name,
              control: label,
              why: `clipped by ${a.tagName.toLowerCase()}.${a.className} (${left.toFixed(0)}–${right.toFixed(0)}), control at ${r.left.toFixed(0)}–${r.right.toFixed(0)}`,
            });
            break;
          }
        }
      }
    }
    return out;
  });
}

async function newRuleFrom(page: Page, template: string): Promise<void> {
  await page.getByLabel('New rule from template').selectOption(template);
  await page.getByRole('button', { name: 'New rule', exact: true }).click();
}

test('every form control lies inside its panel from 1024 to 1920 px wide (each rule type, MITRE picker at its widest)', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: HEIGHT });
  await openApp(page);
  const found: (Misplaced & { rule: string; width: number })[] = [];
  const measure = async (rule: string) => {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT });
      // Let layout settle (a resize observer may re-lay Monaco) before measuring.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const m of await misplacedControls(page)) found.push({ ...m, rule, width });
    }
  };

  await chooseRule(page, TTY_RULE);
  const { tactic, technique, sub } = widestSubtechnique();
  await page.getByLabel('Tactic', { exact: true }).selectOption(tactic);
  await page.getByLabel('Technique', { exact: true }).selectOption(technique);
  await page.getByLabel('Sub-technique', { exact: true }).selectOption(sub);
  await measure(TTY_RULE);

  for (const template of TEMPLATES) {
    await page.setViewportSize({ width: 1440, height: HEIGHT });
    await newRuleFrom(page, template);
    await measure(`new ${template} rule`);
  }
  expect(found).toEqual([]);
});

test('the toolbar stays one row from 1024 to 1920 px wide, inside the window, and its messages show in the status bar', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: HEIGHT });
  await openApp(page);
  await chooseRule(page, TTY_RULE);
  const toolbar = page.getByRole('toolbar', { name: 'Rule actions' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export TOML' }).click();
  await download;
  const status = statusMessage(page);
  await expect(status).toHaveText('Exported execution_python_tty_shell.toml');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    const rows = await toolbar.evaluate((bar) => {
      const boxes = [...bar.querySelectorAll<HTMLElement>('button, select, label')]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0);
      const centres = new Set(boxes.map((r) => Math.round((r.top + r.bottom) / 2 / 6)));
      return { rows: centres.size, right: Math.max(...boxes.map((r) => r.right)), count: boxes.length };
    });
    expect(rows.count, `controls at ${width}px`).toBeGreaterThan(4);
    expect(rows.rows, `toolbar rows at ${width}px`).toBe(1);
    expect(rows.right, `toolbar right edge at ${width}px`).toBeLessThanOrEqual(width);
    // The message has its own place, in the window, at every width.
    const box = (await status.boundingBox())!;
    expect(box.y + box.height, `status bar bottom at ${width}px`).toBeLessThanOrEqual(HEIGHT);
    expect(box.x + box.width, `status bar right at ${width}px`).toBeLessThanOrEqual(width);
  }
});

/**
 * axe-core's serious and critical violations on the page as it is. The accessible name of a
 * control must contain its visible text (WCAG 2.5.3): axe has that rule but keeps it off by default.
 */
async function seriousViolations(page: Page, view: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${view}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

test('axe finds no serious or critical violations in the main views', async ({ page }) => {
  test.setTimeout(120_000);
  const ttyTests = JSON.parse(readFileSync('rules/linux/execution_python_tty_shell.tests.json', 'utf8'));
  await page.setViewportSize({ width: 1440, height: HEIGHT });
  await openApp(page);
  const found: string[] = [];

  // A rule open with its form (and the toolbar, the rule list, the status bar).
  await chooseRule(page, TTY_RULE);
  found.push(...(await seriousViolations(page, 'form')));

  // Events pasted, with matches, and a match's JSON shown.
  await page.getByLabel('Sample events').fill(toNdjson(ttyTests.cases[0].events));
  await expect(matchesStatus(page)).toHaveText(/^\d+ events? matched/);
  const matches = page.getByRole('region', { name: 'Matches' });
  await matches
    .getByRole('button', { name: /JSON of event/ })
    .first()
    .click();
  found.push(...(await seriousViolations(page, 'matches')));

  // Problems listing an error, with its invalid control.
  await control(page, 'rule.risk_score').fill('150');
  await expect(page.getByRole('region', { name: 'Problems' }).getByRole('listitem').filter({ hasText: 'rule/load/range' })).toHaveCount(1);
  found.push(...(await seriousViolations(page, 'problems')));

  // The raw TOML view.
  await showView(page, 'TOML');
  found.push(...(await seriousViolations(page, 'toml')));

  // An open menu.
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'File' })).toBeVisible();
  found.push(...(await seriousViolations(page, 'file menu')));

  expect(found).toEqual([]);
});
