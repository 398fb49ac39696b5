import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  launchBrowser,
  newUserPage,
  pasteForReading,
  saveScreenshot,
  screenshotOnFailure,
  signIn,
} from './browser.ts';

// A ministry's plan written before the 2025 reorganisation, with one task whose lead the registry does not know.
const PLAN = [
  'BỘ KẾ HOẠCH VÀ ĐẦU TƯ',
  'Số: 46/KH-BKHĐT',
  'Hà Nội, ngày 12 tháng 01 năm 2025',
  'KẾ HOẠCH',
  'Triển khai chuyển đổi số năm 2025',
  'II. NHIỆM VỤ',
  '1. Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Thông tin và Truyền thông xây dựng cơ sở dữ liệu quốc gia về đầu tư, hoàn thành trước ngày 30/6/2025.',
  '2. Bộ Y tế triển khai hồ sơ sức khỏe điện tử, hoàn thành trước ngày 30/9/2025.',
  '3. Viện Nghiên cứu Số Hoa Sen chủ trì nghiên cứu mô hình quản trị dữ liệu.',
].join('\n');

describe('reviewing an imported draft', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the tasks with a doubtful field first, says why, and shows a renamed body beside its successor', async () => {
    const { page } = await newUserPage(browser, { width: 1366, height: 900 });
    screenshotOnFailure(() => ({ 'import-review': page }));
    await signIn(page, accounts.centralOffice);
    await page.getByRole('link', { name: 'Nhập văn bản chỉ đạo' }).click();
    await pasteForReading(page, PLAN);
    await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('import-result').getByRole('link', { name: 'Rà soát' }).first().click();
    const list = page.getByTestId('review-task-list');
    await list.waitFor();

    // The task whose lead the registry does not know comes first, though it is last in the document,
    // with the field and the reason written out.
    const first = list.locator('li').first();
    await expect(first.getAttribute('data-doubtful')).resolves.toBe('true');
    await first.getByText('Viện Nghiên cứu Số Hoa Sen').first().waitFor();
    await first.getByText('Cần xem lại').waitFor();
    await expect(first.locator('[data-doubtful-field="lead"]').textContent()).resolves.toContain('Chủ trì');
    await page.getByTestId('review-doubtful').waitFor();
    // The tasks the reader was sure of follow, in the document's order.
    await expect(list.locator('li').nth(1).getAttribute('data-doubtful')).resolves.toBeNull();

    // The old ministry is shown with the one that carries its work today, on its task and as the issuer.
    const renamed = list.locator('[data-renamed-body="Bộ Kế hoạch và Đầu tư"]').first();
    await expect(renamed.textContent()).resolves.toMatch(/Bộ Kế hoạch và Đầu tư.*Bộ Tài chính/);
    await expect(
      list.locator('[data-renamed-body="Bộ Thông tin và Truyền thông"]').first().textContent(),
    ).resolves.toContain('Bộ Khoa học và Công nghệ');
    await expect(list.locator('li', { hasText: 'cơ sở dữ liệu quốc gia' }).textContent()).resolves.toContain(
      'Bộ Tài chính',
    );

    await saveScreenshot(page, 'import-review-1366');
    // The same review on a phone: the list first, the notes readable without a tooltip.
    await page.setViewportSize({ width: 390, height: 844 });
    await list.locator('li').first().getByText('Cần xem lại').waitFor();
    await saveScreenshot(page, 'import-review-390', { fullPage: true });
  });
});
