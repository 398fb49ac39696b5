import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, signIn } from './browser.ts';

describe('e-mail settings', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a head turns notifications by e-mail off and takes English, and finds both kept after a reload', async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, accounts.ministryHead);
    await page.goto('/account');
    await page.getByRole('heading', { name: 'Thư điện tử' }).waitFor();
    const byEmail = page.getByRole('switch', { name: /Nhận thông báo qua thư điện tử/ });
    await expect(byEmail.isChecked()).resolves.toBe(true);
    await saveScreenshot(page, 'mail-settings');

    // Each change is saved, then the settings are read back.
    const readBack = () =>
      page.waitForResponse((res) => res.url().endsWith('/api/mail/preferences') && res.request().method() === 'GET');
    await Promise.all([readBack(), byEmail.click()]);
    await Promise.all([readBack(), page.getByTestId('mail-language').getByText('English').click()]);

    await page.reload();
    await page.getByRole('heading', { name: 'Thư điện tử' }).waitFor();
    await expect(page.getByRole('switch', { name: /Nhận thông báo qua thư điện tử/ }).isChecked()).resolves.toBe(false);
    await expect(page.getByTestId('mail-language').getByRole('radio', { name: 'English' }).isChecked()).resolves.toBe(
      true,
    );
    await context.close();
  });
});
