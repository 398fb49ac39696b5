import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  baseUrl,
  launchBrowser,
  newUserPage,
  saveScreenshot,
  screenshotOnFailure,
  signIn,
} from './browser.ts';

interface TaskListJson {
  items: { id: number; progressPercent: number }[];
}
interface ReportListJson {
  items: { state: string }[];
}

/** A task the ministry leads, in progress within its deadline, with no report of its own in flight. */
async function pickTask(page: Page): Promise<number> {
  const list = (await (
    await page.request.get('/api/tasks?mine=true&role=lead&timeliness=in_progress_on_time&limit=100')
  ).json()) as TaskListJson;
  for (const task of list.items) {
    const reports = (await (await page.request.get(`/api/tasks/${task.id}/reports`)).json()) as ReportListJson;
    if (!reports.items.some((r) => r.state === 'submitted' || r.state === 'returned')) {
      return task.id;
    }
  }
  throw new Error('the demo data has no suitable task for the ministry');
}

async function doneOnTimeCount(page: Page): Promise<number> {
  await page.goto('/dashboard?scope=nation');
  const figure = page.getByTestId('count-done_on_time');
  await figure.waitFor();
  return Number((await figure.textContent())?.replace(/\D/g, ''));
}

// A tiny but real PDF: the server checks the bytes, not only the name.
const EVIDENCE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe('a focal point reports, the office returns then accepts', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports with evidence, is returned with a comment, resubmits, is accepted; the dashboard and timeline follow', async () => {
    const office = await newUserPage(browser);
    const focal = await newUserPage(browser);
    screenshotOnFailure(() => ({ 'report-review-office': office.page, 'report-review-focal': focal.page }));
    {
      await signIn(office.page, accounts.centralOffice);
      const doneBefore = await doneOnTimeCount(office.page);

      // The ministry's focal point lands on its own tasks.
      await signIn(focal.page, accounts.ministryFocal);
      await focal.page.waitForURL('**/my-tasks');
      await focal.page.getByRole('heading', { name: 'Việc của tôi' }).waitFor();
      await focal.page.getByRole('tab', { name: /Chủ trì/ }).waitFor();
      const taskId = await pickTask(focal.page);
      const link = focal.page.locator(`a[href="/tasks/${taskId}"]`).first();
      if ((await link.count()) > 0) await link.click();
      else await focal.page.goto(`/tasks/${taskId}`);
      await focal.page.waitForURL(`**/tasks/${taskId}`);

      // Report: 100 %, narrative, difficulties, recommendations, an evidence file, submit.
      const form = focal.page.locator('section', { has: focal.page.getByRole('heading', { name: 'Báo cáo tiến độ' }) });
      await form.getByLabel('Tỷ lệ hoàn thành').first().fill('100');
      await form.getByLabel('Kết quả thực hiện').fill('Đã hoàn thành xây dựng và đưa vào vận hành.');
      await form.getByLabel('Khó khăn, vướng mắc').fill('Thiếu nhân lực chuyên trách.');
      await form.getByLabel('Kiến nghị, đề xuất').fill('Bổ sung biên chế cho đơn vị chuyên trách.');
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: 'bien-ban-nghiem-thu.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF });
      await form.getByRole('link', { name: 'bien-ban-nghiem-thu.pdf' }).waitFor();
      await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await focal.page.getByRole('dialog').getByRole('button', { name: 'Xác nhận gửi' }).click();
      await focal.page.getByText('Báo cáo của cơ quan bạn đã gửi và đang chờ duyệt.').waitFor();

      // The office finds it in its review queue — newest first, it is the first card — opens its task
      // and returns it with a comment.
      await office.page.getByRole('link', { name: 'Duyệt báo cáo' }).click();
      await office.page.getByRole('heading', { name: 'Báo cáo chờ duyệt' }).waitFor();
      await office.page.getByText('Mới nhất trước').click();
      await office.page.waitForURL(/order=newest/);
      await office.page.getByTestId('review-card').first().locator(`a[href="/tasks/${taskId}"]`).first().click();
      await office.page.waitForURL(new RegExp(`/tasks/${taskId}$`));
      await office.page
        .getByLabel('Ý kiến (bắt buộc khi trả lại)')
        .fill('Đề nghị bổ sung biên bản nghiệm thu có chữ ký.');
      await office.page.getByRole('button', { name: 'Trả lại' }).click();
      await office.page.getByText('Bị trả lại').first().waitFor();

      // The focal point's bell tells it at once: the return, with the comment, the task one click away.
      await focal.page.goto('/my-tasks');
      await focal.page.getByTestId('notification-bell').click();
      const returned = focal.page
        .getByTestId('notification')
        .filter({ hasText: 'bị trả lại' })
        .filter({ hasText: 'Đề nghị bổ sung biên bản nghiệm thu có chữ ký.' })
        .first();
      await returned.waitFor();
      expect(await returned.getAttribute('data-unread')).not.toBeNull();
      await saveScreenshot(focal.page, 'report-review-bell');
      await returned.click();
      await focal.page.waitForURL(new RegExp(`/tasks/${taskId}$`));

      // The focal point sees why, fixes the report and sends it again.
      await focal.page.getByRole('heading', { name: 'Sửa và gửi lại báo cáo' }).waitFor();
      await focal.page.getByText('Đề nghị bổ sung biên bản nghiệm thu có chữ ký.').first().waitFor();
      const again = focal.page.locator('section', {
        has: focal.page.getByRole('heading', { name: 'Sửa và gửi lại báo cáo' }),
      });
      await again.getByLabel('Kết quả thực hiện').fill('Đã hoàn thành; bổ sung biên bản nghiệm thu có chữ ký.');
      await again.getByRole('button', { name: 'Gửi báo cáo' }).click();
      await focal.page.getByRole('dialog').getByRole('button', { name: 'Xác nhận gửi' }).click();
      await focal.page.getByText('Báo cáo của cơ quan bạn đã gửi và đang chờ duyệt.').waitFor();

      // The office accepts, making the signed minutes public (each evidence item is private unless switched
      // on): the task is done on time, at 100 %.
      await office.page.reload();
      const makePublic = office.page.getByLabel('Công khai «bien-ban-nghiem-thu.pdf»');
      await expect(makePublic.isChecked()).resolves.toBe(false);
      await makePublic.check({ force: true });
      await office.page.getByRole('button', { name: 'Chấp nhận' }).click();
      await office.page.getByText('Đã chấp nhận').first().waitFor();
      await office.page.getByText('Công khai', { exact: true }).first().waitFor();
      await office.page
        .getByTestId('task-percent')
        .getByText(/100\s?%/)
        .waitFor();
      await office.page.getByText('Hoàn thành đúng hạn').first().waitFor();

      // The timeline tells the story.
      await office.page.getByRole('tab', { name: 'Lịch sử' }).click();
      const timeline = office.page.getByTestId('task-timeline');
      await timeline.waitFor();
      for (const step of ['Gửi báo cáo', 'Trả lại báo cáo', 'Chấp nhận báo cáo', 'Thêm minh chứng']) {
        await timeline.getByText(step).first().waitFor();
      }
      await saveScreenshot(office.page, 'report-review-timeline', { fullPage: true });

      // The dashboard counts it.
      const doneAfter = await doneOnTimeCount(office.page);
      expect(doneAfter).toBe(doneBefore + 1);
      await saveScreenshot(office.page, 'report-review-dashboard');

      await focal.page.reload();
      await focal.page.getByText('Đã chấp nhận').first().waitFor();
      await saveScreenshot(focal.page, 'report-review-focal-task');

      // Anyone, without signing in, finds the public minutes on the task's public page and downloads them.
      const visitor = await browser.newContext({ baseURL: baseUrl(), acceptDownloads: true });
      const publicPage = await visitor.newPage();
      await publicPage.goto(`/cong-khai/nhiem-vu/${taskId}`);
      const minutes = publicPage.getByRole('link', { name: 'bien-ban-nghiem-thu.pdf' });
      const [download] = await Promise.all([publicPage.waitForEvent('download'), minutes.click()]);
      expect(download.suggestedFilename()).toBe('bien-ban-nghiem-thu.pdf');
      await visitor.close();
    }
    await office.context.close();
    await focal.context.close();
  });
});
