import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';
import { waitForMail } from './mailbox.ts';

/** The spreadsheet an administrator fills in from the template: one row per account. */
async function writeAccountsFile(rows: string[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tài khoản');
  sheet.addRow(['Cơ quan, đơn vị', 'Họ và tên', 'Thư điện tử', 'Vai trò', 'Trực thuộc']);
  for (const row of rows) sheet.addRow(row);
  const path = join(mkdtempSync(join(tmpdir(), 'giamsat-accounts-')), 'tai-khoan-xa.xlsx');
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
  return path;
}

describe('accounts from a spreadsheet and the invitation e-mail', () => {
  let browser: Browser;
  const mailDir = inject('mailDir');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!mailDir)(
    'an administrator creates accounts from an .xlsx; a new user sets a password from the mailed link and signs in',
    async () => {
      const admin = await newUserPage(browser);
      const newcomer = await newUserPage(browser);
      screenshotOnFailure(() => ({ 'accounts-admin': admin.page, 'accounts-newcomer': newcomer.page }));
      const { page } = admin;
      await signIn(page, accounts.admin);

      // Two provinces of the registry, as the administrator would copy their names into the file.
      const provinces = await page.request.get('/api/agencies?level=province&limit=2');
      const [first, second] = ((await provinces.json()) as { items: { name: string }[] }).items;
      const stamp = Date.now();
      const mai = `mai.${stamp}@example.gov.vn`;
      const khoa = `khoa.${stamp}@example.gov.vn`;
      const file = await writeAccountsFile([
        [first!.name, 'Nguyễn Thị Mai', mai, 'Đầu mối'],
        [second!.name, 'Trần Văn Khoa', khoa, 'Lãnh đạo'],
        [first!.name, 'Lê Văn Trùng', mai.toUpperCase(), 'Đầu mối'],
        [second!.name, 'Phạm Văn Sai', `sai.${stamp}@example.gov.vn`, 'Trưởng phòng'],
      ]);

      await page.getByRole('link', { name: 'Tài khoản người dùng' }).click();
      await page.waitForURL('**/admin/accounts');
      await page.getByRole('link', { name: 'Tạo hàng loạt từ Excel' }).click();
      await page.waitForURL('**/admin/accounts/import');
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByRole('button', { name: 'Kiểm tra' }).click();

      const preview = page.getByTestId('account-import-preview');
      await preview.waitFor();
      await page.getByText('2 dòng hợp lệ, 2 dòng có lỗi (sẽ bỏ qua).').waitFor();
      await preview.getByText('Trùng thư điện tử với dòng 2').waitFor();
      await preview.getByText('Vai trò không hợp lệ (Đầu mối, Lãnh đạo, Kiểm tra)').waitFor();
      await saveScreenshot(page, 'account-import-preview', { fullPage: true });

      await page.getByRole('button', { name: 'Tạo 2 tài khoản và gửi thư mời' }).click();
      await page.getByText('Đã tạo 2 tài khoản và gửi thư mời; bỏ qua 0 dòng.').waitFor();
      await expect(page.getByText('Đã xử lý 2/2 tài khoản').isVisible()).resolves.toBe(true);

      // The list shows them awaiting their password.
      await page.getByRole('link', { name: 'Xem danh sách tài khoản' }).click();
      await page.getByLabel('Tìm kiếm').fill(String(stamp));
      const row = page.getByTestId('accounts').getByRole('row').filter({ hasText: mai });
      await row.getByText('Chờ đặt mật khẩu').waitFor();
      await saveScreenshot(page, 'accounts-invited');

      // The invitation, as the test's SMTP server received it: a link, no password.
      const mail = await waitForMail(mailDir!, mai);
      expect(mail.subject).toContain('Tài khoản của bạn đã được tạo');
      const link = /https?:\/\/\S+\/set-password#token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
      expect(link).toBeTruthy();

      const visitor = newcomer.page;
      await visitor.goto(link!);
      await visitor.getByText('Chào Nguyễn Thị Mai').waitFor();
      await expect(visitor.getByTestId('set-password-username').textContent()).resolves.toBe(mai);
      // Too weak first: the page says why, and nothing is sent.
      await visitor.getByLabel(/^Mật khẩu mới/).fill('ngan');
      await visitor.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
      await visitor.getByRole('button', { name: 'Đặt mật khẩu' }).click();
      await visitor.getByText('Mật khẩu chưa đạt yêu cầu bên dưới.').waitFor();
      const password = `Hoa-Sen-${stamp}`;
      await visitor.getByLabel(/^Mật khẩu mới/).fill(password);
      await visitor.getByLabel('Nhập lại mật khẩu mới').fill(password);
      await visitor.getByRole('button', { name: 'Đặt mật khẩu' }).click();
      await visitor.getByText(`Đã đặt mật khẩu. Bạn có thể đăng nhập với tên ${mai}.`).waitFor();
      await saveScreenshot(visitor, 'set-password-done');

      // The link works once.
      const again = await visitor.request.post('/api/account-links/password', {
        data: { token: link!.split('#token=')[1], password: `${password}-2` },
      });
      expect(again.status()).toBe(410);

      await visitor.getByRole('link', { name: 'Đăng nhập' }).click();
      await visitor.waitForURL('**/login');
      await expect(visitor.getByLabel('Tên đăng nhập').inputValue()).resolves.toBe(mai);
      await visitor.getByLabel('Mật khẩu').fill(password);
      await visitor.getByRole('button', { name: 'Đăng nhập' }).click();
      await visitor.waitForURL((url) => !url.pathname.startsWith('/login'));
      await visitor.getByTestId('user-menu').getByText('Nguyễn Thị Mai').waitFor();
      await saveScreenshot(visitor, 'invited-signed-in');

      await admin.context.close();
      await newcomer.context.close();
    },
  );
});
