import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';

describe('sign-in blocks', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an administrator sees a guessed account held back and lifts the block', async () => {
    const opened = await newUserPage(browser);
    const { page } = opened;
    screenshotOnFailure(() => ({ 'login-blocks': page }));
    // Someone guesses the password of an account that nobody else in these journeys uses.
    const guessed = `doan-mat-khau-${Date.now()}`;
    let held = false;
    for (let i = 0; i < 6 && !held; i++) {
      const res = await opened.context.request.post('/api/auth/login', {
        data: { username: guessed, password: `sai-${i}` },
      });
      held = res.status() === 429;
    }
    expect(held).toBe(true);

    await signIn(page, accounts.admin);
    await page.getByRole('link', { name: 'Khóa đăng nhập' }).click();
    await page.waitForURL('**/admin/login-blocks');
    const row = page.getByTestId('login-blocks').getByRole('row').filter({ hasText: guessed });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('127.0.0.1');
    await saveScreenshot(page, 'login-blocks');

    await row.getByRole('button', { name: 'Dỡ khóa' }).click();
    await row.waitFor({ state: 'detached' });
    // Lifted, the account's count starts again: it is not listed any more, even after a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Khóa đăng nhập' }).waitFor();
    await expect(page.getByText(guessed).count()).resolves.toBe(0);
    await opened.context.close();
  });
});
