import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';

/** A body's name in the registry, from its account's own view of itself. */
async function ownBodyName(page: Page): Promise<string> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as { user: { agency: { name: string } } };
  return me.user.agency.name;
}

/** Opens the submission in the staff inbox and picks a body in the given routing box. */
async function openInInbox(page: Page, code: string): Promise<void> {
  await page.goto('/feedback');
  const row = page.getByTestId('feedback-inbox').getByRole('row').filter({ hasText: code });
  await row.getByRole('button', { name: code }).click();
}
async function pickBody(page: Page, box: string, label: string, name: string): Promise<void> {
  const picker = page.getByTestId(box).getByRole('textbox', { name: label });
  await picker.click();
  await picker.fill(name);
  await page.getByRole('option', { name, exact: true }).click();
}

describe('feedback: a citizen sends it, the bodies route and answer it, the citizen reads the answer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('submitted at phone width, assigned by the office, transferred, answered, and read by code', async () => {
    const citizen = await newUserPage(browser, { width: 390, height: 844 });
    const office = await newUserPage(browser);
    const ministry = await newUserPage(browser);
    const province = await newUserPage(browser);
    screenshotOnFailure(() => ({
      'feedback-citizen': citizen.page,
      'feedback-office': office.page,
      'feedback-ministry': ministry.page,
      'feedback-province': province.page,
    }));
    const title = `Đề nghị số hóa hồ sơ đăng ký đề tài khoa học ${Date.now()}`;

    // The citizen, on a phone, without an account.
    {
      const { page } = citizen;
      await page.goto('/cong-khai');
      await page.getByRole('link', { name: 'Góp ý, kiến nghị' }).click();
      await page.waitForURL('**/gop-y');
      await page.getByLabel('Loại', { exact: true }).selectOption({ label: 'Kiến nghị' });
      await page.getByLabel('Lĩnh vực', { exact: true }).selectOption({ label: 'Chuyển đổi số' });
      await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
      await page
        .getByLabel('Nội dung', { exact: true })
        .fill('Hồ sơ đăng ký đề tài vẫn phải nộp bản giấy. Kiến nghị cho nộp trực tuyến toàn bộ hồ sơ.');
      await page.getByLabel('Họ và tên', { exact: true }).fill('Lê Thu Hà');
      await page.getByLabel('Thư điện tử', { exact: true }).fill('thuha@example.vn');
      await page.getByLabel('Tôi đồng ý công khai').check();
      // Nothing is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.getByRole('button', { name: 'Gửi' }).click();
      await page.waitForURL('**/gop-y/tra-cuu?**');
      await page.getByText('Đã tiếp nhận phản ánh, kiến nghị của bạn.').waitFor();
      await saveScreenshot(page, 'feedback-citizen-code', { fullPage: true });
    }
    const code = (await citizen.page.locator('[data-tracking-code]').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    // The ministry and the province department, by their accounts' bodies.
    await signIn(ministry.page, accounts.ministryFocal);
    await signIn(province.page, accounts.provinceFocal);
    const ministryName = await ownBodyName(ministry.page);
    const provinceDeptName = await ownBodyName(province.page);

    // The central office (no body was named) assigns it to the ministry.
    {
      const { page } = office;
      await signIn(page, accounts.centralOffice);
      await openInInbox(page, code);
      await page.getByText('Lê Thu Hà').first().waitFor();
      await pickBody(page, 'feedback-assign', 'Giao cho cơ quan', ministryName);
      await page.getByTestId('feedback-assign').getByRole('button', { name: 'Giao xử lý' }).click();
      const row = page.getByTestId('feedback-inbox').getByRole('row').filter({ hasText: code });
      await row.getByText(ministryName).waitFor();
      await row.locator('[data-standing="on_time"]').waitFor();
      await saveScreenshot(page, 'feedback-office-inbox');
    }

    // The ministry finds it a local matter and transfers it, with a reason.
    {
      const { page } = ministry;
      await openInInbox(page, code);
      await pickBody(page, 'feedback-transfer', 'Chuyển đến cơ quan', provinceDeptName);
      await page
        .getByLabel('Lý do chuyển', { exact: true })
        .fill('Hồ sơ đề tài cấp thành phố thuộc Sở Khoa học và Công nghệ.');
      await page.getByTestId('feedback-transfer').getByRole('button', { name: 'Chuyển' }).click();
      // Passed on, it leaves the ministry's inbox.
      await page
        .getByTestId('feedback-inbox')
        .getByRole('row')
        .filter({ hasText: code })
        .waitFor({ state: 'detached' });
    }

    // The province department answers.
    const answer = 'Từ tháng 1/2027, Sở tiếp nhận hồ sơ đăng ký đề tài trực tuyến trên Cổng dịch vụ công.';
    {
      const { page } = province;
      await openInInbox(page, code);
      await page.getByText('Hồ sơ đề tài cấp thành phố thuộc Sở Khoa học và Công nghệ.').waitFor();
      await page.getByTestId('feedback-answer').getByLabel('Câu trả lời', { exact: true }).fill(answer);
      await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
      await page
        .getByTestId('feedback-inbox')
        .getByRole('row')
        .filter({ hasText: code })
        .getByText('Đã trả lời')
        .waitFor();
      await saveScreenshot(page, 'feedback-answered');
    }

    // The citizen looks the code up, typed by hand in lower case, and reads the answer and the path.
    {
      const { page } = citizen;
      await page.goto('/gop-y/tra-cuu');
      await page.getByLabel('Mã tra cứu', { exact: true }).fill(code.toLowerCase());
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByText(answer).waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Đã trả lời');
      expect(text).toContain(`Chuyển đến: ${provinceDeptName}`);
      expect(text).toContain(ministryName);
      expect(text).not.toContain('Lê Thu Hà');
      expect(text).not.toContain('thuộc Sở Khoa học và Công nghệ.');
      await saveScreenshot(page, 'feedback-citizen-answer', { fullPage: true });

      // …and rates it, once: the form is gone afterwards, the rating stays on the page.
      await page.getByLabel('4 — Hài lòng', { exact: true }).check();
      await page.getByLabel('Nhận xét (không bắt buộc, không công khai)').fill('Trả lời rõ ràng, có mốc thời gian.');
      await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await page.getByText('Cảm ơn bạn đã đánh giá câu trả lời.').waitFor();
      await page.getByText('Đánh giá của bạn: 4/5 (Hài lòng)').waitFor();
      expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
      await saveScreenshot(page, 'feedback-citizen-rated', { fullPage: true });
    }
    for (const opened of [citizen, office, ministry, province]) await opened.context.close();
  });
});
