import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject, onTestFailed } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
export const screenshotDir = join(root, 'test-results', 'e2e');

export { accounts, DEMO_PASSWORD } from './browser-accounts.ts';
export { launchBrowser } from './chromium.ts';

import { DEMO_PASSWORD } from './browser-accounts.ts';

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function newUserPage(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  // Generous: the suite shares the machine with database tests and benchmarks.
  page.setDefaultTimeout(60_000);
  return { context, page };
}

/** On the import page: pastes a text and asks to read it (the caller waits for the outcome it expects). */
export async function pasteForReading(page: Page, text: string): Promise<void> {
  await page.getByRole('tab', { name: 'Dán văn bản' }).click();
  await page.getByLabel('Nội dung văn bản').fill(text);
  await page.getByRole('button', { name: 'Đọc văn bản' }).click();
}

/** Signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** The journey's last screen, kept as a test artifact in test-results/e2e/. */
export async function saveScreenshot(page: Page, journey: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${journey}.png`), fullPage: options.fullPage ?? false });
}

export async function expectVisible(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible' });
  expect(await page.getByText(text).first().isVisible()).toBe(true);
}

/** On failure, keep what the user saw then (test-results/e2e/<name>-failed.png). */
export function screenshotOnFailure(pages: () => Record<string, Page>): void {
  onTestFailed(async () => {
    for (const [name, page] of Object.entries(pages())) {
      if (!page.isClosed()) await saveScreenshot(page, `${name}-failed`).catch(() => undefined);
    }
  });
}
