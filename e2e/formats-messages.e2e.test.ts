import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  baseUrl,
  launchBrowser,
  newUserPage,
  pasteForReading,
  saveScreenshot,
  screenshotOnFailure,
  signIn,
} from './browser.ts';

// What a new user meets in the daily flows: typed dates, numbers in their language, the .xlsx export,
// messages that say what is wrong, and the app's icon.

interface TaskJson {
  id: number;
  ref: string;
  progressPercent: number;
  completedOn: string | null;
  deadline: { kind: string; due: string | null };
}
interface TaskListJson {
  items: TaskJson[];
  total: number;
}

const json = async <T>(page: Page, path: string): Promise<T> => (await (await page.request.get(path)).json()) as T;

/** Spaces as a reader sees them: the no-break space a number keeps before its % counts as a space. */
const seen = (text: string | null) => (text ?? '').replace(/\s/g, ' ').trim();

/** Screenshots of the screen as it is, at desktop width and at phone width. */
async function bothWidths(page: Page, name: string): Promise<void> {
  await saveScreenshot(page, `${name}-1366`);
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** The first day after `iso` a month or more later whose day is 1–12 and not its month: 05/03 vs 03/05. */
function ambiguousDayAfter(iso: string): { day: string; year: number } {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  while (date.getUTCDate() > 12 || date.getUTCDate() === date.getUTCMonth() + 1) date.setUTCDate(date.getUTCDate() + 1);
  return { day: date.toISOString().slice(0, 10), year: date.getUTCFullYear() };
}
const shown = (iso: string) => iso.split('-').reverse().join('/');

describe('a commune focal point types dates and adds evidence', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** A dated task of the commune with no extension pending, and one it can still report on. */
  let toExtend: TaskJson;
  let toReport: TaskJson;
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newUserPage(browser));
    await signIn(page, accounts.communeFocal);
    const me = await json<{ user: { agency: { id: number } } }>(page, '/api/auth/me');
    const list = await json<TaskListJson>(page, '/api/tasks?mine=true&role=lead&limit=50');
    const open = list.items.filter((t) => !t.completedOn);
    for (const task of open) {
      const extensions = await json<{ items: { state: string }[] }>(page, `/api/tasks/${task.id}/extensions`);
      if (task.deadline.kind === 'date' && !extensions.items.some((e) => e.state === 'pending')) toExtend ??= task;
      const reports = await json<{ items: { state: string; agency: { id: number } }[] }>(
        page,
        `/api/tasks/${task.id}/reports`,
      );
      if (!reports.items.some((r) => r.state === 'submitted' && r.agency.id === me.user.agency.id)) toReport ??= task;
    }
    if (!toExtend || !toReport) throw new Error('the demo data has no open task for the commune focal point');
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('reads a typed day day first and refuses a day that does not exist, in the extension form and the list filter', async () => {
    screenshotOnFailure(() => ({ 'formats-dates': page }));
    const due = toExtend.deadline.due as string;
    const wanted = ambiguousDayAfter(due);
    await page.goto(`/tasks/${toExtend.id}`);
    await page.getByRole('tab', { name: 'Gia hạn' }).click();
    const field = page.getByRole('textbox', { name: 'Hạn mới đề nghị' });
    await page.getByLabel('Lý do').fill('Chờ kinh phí bổ sung từ ngân sách thành phố.');
    const send = page.getByRole('button', { name: 'Gửi đề nghị' });

    // An impossible day is refused with a message, never rolled over into March.
    await field.fill(`31/02/${wanted.year}`);
    await field.press('Tab');
    await page.getByText(`Không có ngày 31/02/${wanted.year}`).waitFor();
    await expect(send.isDisabled()).resolves.toBe(true);
    await bothWidths(page, 'formats-extension-refused');

    // A day over 12 stays the day it is.
    await field.fill(`30/06/${wanted.year}`);
    await field.press('Tab');
    await expect(field.inputValue()).resolves.toBe(`30/06/${wanted.year}`);
    await expect(page.getByText(/Không có ngày/).count()).resolves.toBe(0);

    // A day that could be read either way is read day first, whichever separator is typed.
    const [y, m, d] = wanted.day.split('-').map(Number) as [number, number, number];
    await field.fill(`${d}-${m}-${y}`);
    await field.press('Tab');
    await expect(field.inputValue()).resolves.toBe(shown(wanted.day));
    await send.click();
    await page.getByText(`Từ ${shown(due)} đến ${shown(wanted.day)}`).waitFor();
    const extensions = await json<{ items: { requestedDue: string }[] }>(page, `/api/tasks/${toExtend.id}/extensions`);
    expect(extensions.items[0]?.requestedDue).toBe(wanted.day);
    await bothWidths(page, 'formats-extension-requested');

    // The task list's due-date filter reads the same way.
    await page.goto('/tasks?dueFrom=2026-01-01');
    const from = page.getByRole('textbox', { name: 'Hạn từ ngày' });
    await from.fill('05.03.2027');
    await from.press('Tab');
    await page.waitForURL(/dueFrom=2027-03-05/);
    await from.fill('31/04/2027');
    await from.press('Tab');
    await page.getByText('Không có ngày 31/04/2027').waitFor();
    await bothWidths(page, 'formats-task-filter');
  });

  it('says what is wrong with an evidence link, and refuses a file over the limit before sending it, in MB', async () => {
    screenshotOnFailure(() => ({ 'formats-evidence': page }));
    await page.goto(`/tasks/${toReport.id}`);
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'Báo cáo tiến độ' }) });
    await form.waitFor();

    await form.getByLabel('Đường dẫn minh chứng').fill('dichvucong.hanoi.gov.vn/thong-ke');
    await form.getByRole('button', { name: 'Thêm đường dẫn' }).click();
    await form.getByText('Đường dẫn phải là địa chỉ đầy đủ, bắt đầu bằng http:// hoặc https://').waitFor();

    const me = await json<{ limits: { maxUploadBytes: number } }>(page, '/api/auth/me');
    const limitMb = me.limits.maxUploadBytes / 1024 / 1024;
    const dir = mkdtempSync(join(tmpdir(), 'giamsat-e2e-big-'));
    try {
      const big = join(dir, 'bien-ban-qua-lon.pdf');
      writeFileSync(big, Buffer.alloc(0));
      // A sparse file one byte over the limit: nothing is written to disk, and nothing may be sent.
      truncateSync(big, me.limits.maxUploadBytes + 1);
      const uploads: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/evidence')) uploads.push(request.url());
      });
      await form.locator('input[type=file]').setInputFiles(big);
      await form.getByText(`Tệp «bien-ban-qua-lon.pdf» quá lớn: tối đa ${limitMb} MB mỗi tệp.`).waitFor();
      expect(uploads).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await form.getByText(`tối đa ${limitMb} MB mỗi tệp`).first().waitFor();
    await form.scrollIntoViewIfNeeded();
    await bothWidths(page, 'formats-evidence-refused');
  });
});

describe('the central office reads figures in its language and exports them', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    ({ context, page } = await newUserPage(browser));
    await signIn(page, accounts.centralOffice);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('writes numbers, percentages and chart axes the Vietnamese way, then the English way', async () => {
    screenshotOnFailure(() => ({ 'formats-numbers': page }));
    const dashboard = await json<{
      totals: { total: { count: number } };
      rates: { completion: { rate: number | null } };
    }>(page, '/api/dashboard?scope=nation');
    const rate = (dashboard.rates.completion.rate ?? 0) * 100;
    const total = dashboard.totals.total.count;
    expect(total).toBeGreaterThan(999);
    const oneDecimal = (Math.round(rate * 10) / 10).toFixed(1);
    const thousands = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

    await page.goto('/dashboard?scope=nation');
    const card = page.getByTestId('rate-completion');
    await card.waitFor();
    const totals = page.getByTestId('dashboard-totals');
    await expect(card.getByTestId('rate-value').textContent().then(seen)).resolves.toBe(
      `${oneDecimal.replace('.', ',')} %`,
    );
    await expect(totals.getByRole('link').first().textContent()).resolves.toBe(thousands(total, '.'));
    // A chart of task counts has whole-number ticks, written in the language.
    const ticks = page.locator('.recharts-yAxis .recharts-cartesian-axis-tick-value');
    await ticks.first().waitFor();
    for (const tick of await ticks.allTextContents()) expect(tick).toMatch(/^\d{1,3}(\.\d{3})*$/);
    await bothWidths(page, 'formats-dashboard-vi');

    await page.getByText('English', { exact: true }).click();
    await card.getByText(/%$/).waitFor();
    await expect(card.getByTestId('rate-value').textContent().then(seen)).resolves.toBe(`${oneDecimal}%`);
    await expect(totals.getByRole('link').first().textContent()).resolves.toBe(thousands(total, ','));
    for (const tick of await ticks.allTextContents()) expect(tick).toMatch(/^\d{1,3}(,\d{3})*$/);
    await bothWidths(page, 'formats-dashboard-en');
    await page.getByText('Tiếng Việt', { exact: true }).click();
    await totals.getByText(thousands(total, '.')).waitFor();

    // A task's progress on its page, written the same way.
    const list = await json<TaskListJson>(page, '/api/tasks?timeliness=in_progress_on_time&limit=1');
    const [inProgress] = list.items;
    if (!inProgress) throw new Error('the demo data has no task in progress');
    await page.goto(`/tasks/${inProgress.id}`);
    await expect(page.getByTestId('task-percent').textContent().then(seen)).resolves.toBe(
      `${inProgress.progressPercent} %`,
    );
  });

  it("exports real dates shown dd/mm/yyyy and names the file by Vietnam's day, not UTC's", async () => {
    screenshotOnFailure(() => ({ 'formats-export': page }));
    const filter = 'level=commune&timeliness=done_late';
    const expected = await json<TaskListJson>(page, `/api/tasks?${filter}&sort=dueDate&order=asc&limit=200`);
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThanOrEqual(200);
    await page.goto(`/tasks?${filter}`);
    await page.getByTestId('task-table').waitFor();
    // 00:30 on 1 January 2027 in Vietnam is still 31 December 2026 in UTC.
    await page.clock.setFixedTime(new Date('2026-12-31T17:30:00Z'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('danh-sach-nhiem-vu-2027-01-01.xlsx');
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the export has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const column = (name: string) => header.indexOf(name);
    const dueColumn = column('Hạn hoàn thành');
    const completedColumn = column('Ngày hoàn thành');
    const progressColumn = column('Tiến độ');
    expect(Math.min(dueColumn, completedColumn, progressColumn)).toBeGreaterThan(0);
    expect(sheet.rowCount - 1).toBe(expected.total);
    expected.items.forEach((task, index) => {
      const row = sheet.getRow(index + 2);
      const due = row.getCell(dueColumn);
      if (task.deadline.due) {
        expect(due.value).toBeInstanceOf(Date);
        expect((due.value as Date).toISOString().slice(0, 10)).toBe(task.deadline.due);
        expect(due.numFmt).toBe('dd/mm/yyyy');
      }
      const completed = row.getCell(completedColumn);
      expect(completed.value).toBeInstanceOf(Date);
      expect((completed.value as Date).toISOString().slice(0, 10)).toBe(task.completedOn);
      expect(completed.numFmt).toBe('dd/mm/yyyy');
      const progress = row.getCell(progressColumn);
      expect(progress.value).toBe(task.progressPercent / 100);
      expect(progress.numFmt).toBe('0%');
    });
  });

  it('says in Vietnamese that a read directive has no tasks', async () => {
    screenshotOnFailure(() => ({ 'formats-import': page }));
    await page.goto('/imports');
    await pasteForReading(
      page,
      [
        'ỦY BAN NHÂN DÂN',
        'THÀNH PHỐ HÀ NỘI',
        `Số: ${Date.now() % 1000}/TB-UBND`,
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Hà Nội, ngày 20 tháng 11 năm 2026',
        'THÔNG BÁO',
        'Về việc nghỉ lễ',
        'Cán bộ, công chức được nghỉ lễ theo quy định của Bộ luật Lao động.',
        'Nơi nhận:',
        '- Như trên;',
      ].join('\n'),
    );
    await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await page.getByText('Không tìm thấy nhiệm vụ nào trong văn bản.').waitFor();
    await expect(page.getByText('no tasks found').count()).resolves.toBe(0);
    await bothWidths(page, 'formats-import-no-tasks');
  });
});

describe("the app's icon", () => {
  it('is served at /favicon.ico and named by every page', async () => {
    const ico = await fetch(`${baseUrl()}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toMatch(/^image\//);
    // The ICO header: reserved 0, type 1 (icon), at least one image.
    const bytes = new Uint8Array(await ico.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]);
    const page = await (await fetch(`${baseUrl()}/tasks`)).text();
    const href = /<link rel="icon"[^>]*href="([^"]+)"/.exec(page)?.[1];
    expect(href).toBeDefined();
    const linked = await fetch(new URL(href as string, baseUrl()));
    expect(linked.status).toBe(200);
    expect(linked.headers.get('content-type')).toMatch(/^image\//);
  });
});
