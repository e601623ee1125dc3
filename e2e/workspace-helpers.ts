import { expect, type Dialog, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * Clicks Export TOML and returns the downloaded text. When the edits brought in validation
 * errors the app asks first; like a user who knows, we confirm (and record what was asked).
 */
export async function exportToml(page: Page, asked: string[] = []): Promise<string> {
  const confirm = (dialog: Dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  };
  page.on('dialog', confirm);
  try {
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export TOML' }).click();
    return readFileSync((await (await downloadPromise).path())!, 'utf8');
  } finally {
    page.off('dialog', confirm);
  }
}

/** Lines only in `before` and lines only in `after` (a multiset difference, order ignored). */
export function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (text: string) => {
    const map = new Map<string, number>();
    for (const line of text.split('\n')) map.set(line, (map.get(line) ?? 0) + 1);
    return map;
  };
  const a = count(before);
  const b = count(after);
  const only = (x: Map<string, number>, y: Map<string, number>) => [...x].flatMap(([line, n]) => Array<string>(Math.max(0, n - (y.get(line) ?? 0))).fill(line));
  return { removed: only(a, b).sort(), added: only(b, a).sort() };
}

/** A form control by its TOML path (the `name` contract). */
export function control(page: Page, path: string) {
  return page.locator(`[name="${path}"]`);
}

export async function showView(page: Page, view: 'Form' | 'TOML' | 'Diff'): Promise<void> {
  await page.getByRole('tab', { name: view, exact: true }).click();
  await expect(page.getByRole('tab', { name: view, exact: true })).toHaveAttribute('aria-selected', 'true');
}

/** Replaces the whole raw TOML (a Monaco editor) by typing, as a person pasting would. */
export async function replaceToml(page: Page, text: string): Promise<void> {
  await showView(page, 'TOML');
  await page.locator('.toml-editor .view-lines').click();
  await expect(page.getByRole('textbox', { name: 'TOML source' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

export function tomlLines(page: Page) {
  return page.locator('.toml-editor .view-lines');
}

/** Today as detection-rules writes dates (UTC), e.g. 2026/11/23. */
export function todayDate(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${String(now.getUTCDate()).padStart(2, '0')}`;
}
