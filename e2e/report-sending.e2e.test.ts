import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';

interface TaskListJson {
  items: { id: number; completedOn: string | null; progressPercent: number }[];
}
interface ReportJson {
  id: number;
  state: string;
  percent: number;
  narrative: string;
  agency: { id: number };
}
interface ReportListJson {
  items: ReportJson[];
  acceptedPercent: number | null;
}

const reportsOf = async (page: Page, taskId: number) =>
  (await (await page.request.get(`/api/tasks/${taskId}/reports`)).json()) as ReportListJson;

/** The first of the ministry's tasks (those of `query`) whose reports `fits` accepts. */
async function findTask(
  page: Page,
  query: string,
  fits: (reports: ReportListJson, task: TaskListJson['items'][number]) => boolean,
): Promise<number> {
  const list = (await (await page.request.get(`/api/tasks?mine=true&${query}`)).json()) as TaskListJson;
  for (const task of list.items) {
    if (fits(await reportsOf(page, task.id), task)) return task.id;
  }
  throw new Error('the demo data has no suitable task for the ministry');
}

const reportForm = (page: Page) =>
  page.locator('section', { has: page.getByRole('heading', { name: 'Báo cáo tiến độ' }) });

// What the office reviews is what the body meant to send: never an empty report, never a lower figure
// without its reason, never a draft (filled by a colleague, or the demo data) the user has not looked at.
describe('sending a progress report for review', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an empty report is not sent; going below the accepted progress asks why, and the office reads it in its queue', async () => {
    const focal = await newUserPage(browser);
    const office = await newUserPage(browser);
    screenshotOnFailure(() => ({ 'report-sending-focal': focal.page, 'report-sending-office': office.page }));

    await signIn(focal.page, accounts.ministryFocal);
    // An open task with accepted progress (the lead's figure is the task's) and nothing of the ministry's
    // in flight: the form starts empty.
    let accepted = 0;
    const taskId = await findTask(focal.page, 'role=lead&limit=200', (reports, task) => {
      accepted = task.progressPercent;
      return (
        task.completedOn === null &&
        accepted >= 10 &&
        !reports.items.some((r) => r.state === 'draft' || r.state === 'submitted' || r.state === 'returned')
      );
    });
    await focal.page.goto(`/tasks/${taskId}`);
    const form = reportForm(focal.page);
    await form.waitFor();

    // Nothing written: the form says what is missing and sends nothing.
    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await form.getByText('Báo cáo gửi đi cần có kết quả thực hiện hoặc ít nhất một minh chứng.').waitFor();
    expect(await focal.page.getByRole('dialog').count()).toBe(0);
    expect((await reportsOf(focal.page, taskId)).items.filter((r) => r.state !== 'accepted')).toEqual([]);

    // Down to 0 %: the form asks why, and will not send without it.
    await form.getByLabel('Tỷ lệ hoàn thành').first().fill('0');
    const reason = form.getByLabel('Lý do giảm tiến độ');
    await reason.waitFor();
    await form.getByText(`Tiến độ đã được chấp nhận là ${accepted} %, báo cáo này ghi 0 %.`).waitFor();
    // The figure is written the Vietnamese way in the field too, a space before its sign.
    await form.getByLabel('Tỷ lệ hoàn thành').first().blur();
    await expect(
      form
        .getByLabel('Tỷ lệ hoàn thành')
        .first()
        .inputValue()
        .then((v) => v.replace(/\s/g, ' ')),
    ).resolves.toBe('0 %');
    await form.getByLabel('Kết quả thực hiện').fill('Rà soát lại khối lượng: hạng mục tích hợp dữ liệu phải làm lại.');
    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await form.getByText('Ghi rõ lý do giảm tiến độ.').waitFor();
    expect(await focal.page.getByRole('dialog').count()).toBe(0);
    // The form from its top, below the app's fixed header, on a desktop and on a phone.
    const showForm = () =>
      form.evaluate((element) => {
        element.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -70);
      });
    await showForm();
    await saveScreenshot(focal.page, 'report-sending-form-1366');
    await focal.page.setViewportSize({ width: 390, height: 844 });
    await showForm();
    await saveScreenshot(focal.page, 'report-sending-form-390');
    await focal.page.setViewportSize({ width: 1366, height: 900 });

    // With the reason, the user sees what will be sent, figures and reason included, and confirms.
    const why = 'Kết quả kiểm tra cho thấy dữ liệu tích hợp không đạt yêu cầu, phải triển khai lại.';
    await reason.fill(why);
    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const confirm = focal.page.getByRole('dialog', { name: 'Gửi báo cáo này để duyệt?' });
    await confirm.getByText(`Tiến độ giảm từ ${accepted} % xuống 0 %. Lý do: ${why}`).waitFor();
    await saveScreenshot(focal.page, 'report-sending-confirm-1366');
    await confirm.getByRole('button', { name: 'Xác nhận gửi' }).click();
    await focal.page.getByText('Báo cáo của cơ quan bạn đã gửi và đang chờ duyệt.').waitFor();
    const sent = (await reportsOf(focal.page, taskId)).items.find((r) => r.state === 'submitted');
    expect(sent).toMatchObject({ percent: 0 });

    // The office narrows its queue to the ministry and reads the figures and the reason on the card.
    const { user: me } = (await (await focal.page.request.get('/api/auth/me')).json()) as {
      user: { agency: { name: string } };
    };
    await signIn(office.page, accounts.centralOffice);
    await office.page.goto('/reviews?order=newest');
    await office.page.getByRole('heading', { name: 'Báo cáo chờ duyệt' }).waitFor();
    const body = office.page.getByRole('textbox', { name: 'Cơ quan báo cáo (gồm cả cấp dưới)' });
    await body.fill(me.agency.name);
    await office.page.getByRole('option', { name: me.agency.name, exact: true }).click();
    await office.page.waitForURL(/agencyId=\d+/);
    const card: Locator = office.page
      .getByTestId('review-card')
      .filter({ has: office.page.locator(`a[href="/tasks/${taskId}"]`) });
    await card.getByText(`Tiến độ giảm từ ${accepted} % xuống 0 %. Lý do: ${why}`).waitFor();
    await saveScreenshot(office.page, 'report-sending-queue-1366');
    await office.page.setViewportSize({ width: 390, height: 844 });
    await saveScreenshot(office.page, 'report-sending-queue-390');

    await focal.context.close();
    await office.context.close();
  });

  it('a pre-filled draft is shown and confirmed before it goes; going back keeps it a draft', async () => {
    const focal = await newUserPage(browser);
    screenshotOnFailure(() => ({ 'report-sending-draft': focal.page }));
    await signIn(focal.page, accounts.ministryFocal);
    // A draft of the demo data that the rules would let through as it is (on any of the ministry's
    // tasks: other journeys send the drafts of its tasks in progress).
    let draft: ReportJson | undefined;
    const taskId = await findTask(focal.page, 'limit=200', (reports) => {
      draft = reports.items.find(
        (r) => r.state === 'draft' && r.narrative !== '' && r.percent >= (reports.acceptedPercent ?? 0),
      );
      return draft !== undefined && !reports.items.some((r) => r.state === 'submitted' || r.state === 'returned');
    });
    const saved = draft as ReportJson;
    await focal.page.goto(`/tasks/${taskId}`);
    const form = reportForm(focal.page);
    await form.getByTestId('draft-notice').waitFor();

    await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
    const confirm = focal.page.getByRole('dialog', { name: 'Gửi báo cáo này để duyệt?' });
    await confirm.getByText(saved.narrative).waitFor();
    await confirm.getByText(`Tỷ lệ hoàn thành: ${saved.percent} %`).waitFor();
    expect((await reportsOf(focal.page, taskId)).items.find((r) => r.id === saved.id)?.state).toBe('draft');

    await confirm.getByRole('button', { name: 'Quay lại sửa' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await reportsOf(focal.page, taskId)).items.find((r) => r.id === saved.id)?.state).toBe('draft');
    await focal.context.close();
  });
});
