import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, signIn } from './browser.ts';

describe('sign in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a wrong password in Vietnamese, then the central office signs in and sees the national dashboard', async () => {
    const { context, page } = await newUserPage(browser);
    // The app runs under its Content-Security-Policy: the browser reports every refusal on the console.
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    // A visitor opening the address lands on the public site, which leads officials to sign in.
    const first = await page.goto('/');
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForURL('**/cong-khai');
    await page.getByRole('link', { name: 'Đăng nhập (cán bộ)' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Tên đăng nhập').fill(accounts.centralOffice);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Sai tên đăng nhập hoặc mật khẩu');

    await signIn(page, accounts.centralOffice);
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Bảng điều khiển' }).waitFor();
    await page.getByTestId('dashboard-totals').waitFor();
    await expect(page.getByText('Toàn quốc ·').count()).resolves.toBe(1);
    // Every state of the official split is shown, with its count, linking to the tasks behind it.
    for (const label of [
      'Hoàn thành đúng hạn',
      'Hoàn thành quá hạn',
      'Đang thực hiện trong hạn',
      'Đang thực hiện quá hạn',
    ]) {
      await expect(page.getByTestId('dashboard-totals').getByText(label).count()).resolves.toBe(1);
    }
    const overdue = page.getByTestId('count-in_progress_overdue').getByRole('link');
    const overdueCount = Number((await overdue.textContent())?.replace(/\D/g, ''));
    expect(overdueCount).toBeGreaterThan(0);
    await page.getByTestId('province-table').waitFor();
    for (const province of ['Thành phố Hà Nội', 'Tỉnh Điện Biên', 'Thành phố Hồ Chí Minh']) {
      await expect(page.getByTestId('province-table').getByText(province, { exact: true }).count()).resolves.toBe(1);
    }
    await saveScreenshot(page, 'sign-in-central-office');

    // The figure opens the list of exactly those tasks.
    await overdue.click();
    await page.waitForURL(/\/tasks\?.*timeliness=in_progress_overdue/);
    await page.getByTestId('task-table').waitFor();
    await expect(page.getByTestId('task-total').textContent()).resolves.toContain(String(overdueCount));
    await saveScreenshot(page, 'dashboard-figure-to-task-list');
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('lists my sessions on my account page and signs out everywhere else', async () => {
    // The inspector: no other journey signs in as them, so signing out their other sessions disturbs none.
    const desk = await newUserPage(browser);
    const phone = await newUserPage(browser);
    await signIn(phone.page, accounts.inspector);
    await signIn(desk.page, accounts.inspector);
    await desk.page.getByTestId('user-menu').click();
    await desk.page.getByRole('menuitem', { name: 'Tài khoản của tôi' }).click();
    await desk.page.waitForURL('**/account');
    await desk.page.getByRole('heading', { name: 'Phiên đăng nhập' }).waitFor();
    const rows = desk.page.getByTestId('sessions').locator('tbody tr');
    const current = desk.page.getByTestId('sessions').locator('tbody tr[data-current]');
    await current.waitFor();
    await expect(rows.count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(current.getByText('Phiên này').count()).resolves.toBe(1);
    // Dates as dd/mm/yyyy HH:mm.
    await expect(current.textContent()).resolves.toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await saveScreenshot(desk.page, 'account-sessions');

    await desk.page.getByRole('button', { name: 'Đăng xuất mọi nơi khác' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await expect(current.count()).resolves.toBe(1);
    await phone.page.goto('/dashboard');
    await phone.page.waitForURL('**/login');
    await desk.context.close();
    await phone.context.close();
  });
});
