import { expect, type Page } from '@playwright/test';

/** Records every request the page makes, to prove nothing leaves localhost. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

export function externalRequests(urls: string[]): string[] {
  return urls.filter((u) => !/^(https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/|blob:|data:)/.test(u));
}

export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Rules' })).toBeVisible();
}

export async function chooseRule(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Rules' }).getByRole('button', { name }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue(name);
}

export function matchesStatus(page: Page) {
  return page.getByRole('region', { name: 'Matches' }).getByRole('status');
}

/** Replaces the whole query in the Monaco editor by typing, as a person would. */
export async function replaceQuery(page: Page, query: string): Promise<void> {
  // Monaco's input textarea sits under its rendered lines; click the lines as a person would.
  await page.locator('.query-editor .view-lines').click();
  await expect(page.getByRole('textbox', { name: 'EQL query' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query);
}

export function toNdjson(events: unknown[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

/** Opens a toolbar menu ("File", "More exports") and clicks one of its items, as a person would. */
export async function chooseMenuItem(page: Page, menu: string, item: string): Promise<void> {
  await page.getByRole('toolbar', { name: 'Rule actions' }).getByRole('button', { name: menu, exact: true }).click();
  await page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: item }).click();
}

/** The status bar's message (exported, opened, a test saved…). */
export function statusMessage(page: Page) {
  return page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('status');
}
