import type { Browser, Page } from 'playwright-core';
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

/** The name the plan writes, which the registry does not know. */
const UNKNOWN = 'Trung tâm Điều hành đô thị thông minh Thủ đô';

/** A plan of Hà Nội giving two tasks to a body the registry does not know, and one to a department it knows. */
function planText(number: string): string {
  return [
    'ỦY BAN NHÂN DÂN',
    'THÀNH PHỐ HÀ NỘI',
    `Số: ${number}`,
    'Hà Nội, ngày 16 tháng 11 năm 2026',
    '',
    'KẾ HOẠCH',
    'Triển khai nền tảng dữ liệu đô thị năm 2027',
    '',
    'I. NHIỆM VỤ CỤ THỂ',
    `1. Giao ${UNKNOWN} chủ trì xây dựng kho dữ liệu dùng chung của thành phố, hoàn thành trước ngày 30/6/2027.`,
    `2. Giao ${UNKNOWN} chủ trì kết nối camera giao thông với nền tảng điều hành, hoàn thành trước ngày 30/9/2027.`,
    '3. Giao Sở Khoa học và Công nghệ chủ trì đánh giá an toàn thông tin các hệ thống, hoàn thành trước ngày 31/10/2027.',
  ].join('\n');
}

interface DirectiveJson {
  taskCounts: { total: number; withUnresolvedBodies: number };
}
interface TaskRowJson {
  id: number;
  text: string;
  lead: { name: string }[];
}
interface HistoryJson {
  items: { action: string; actor: { name: string } | null; before: unknown; after: unknown }[];
}

/** Pastes a plan on the import page and opens its draft for review; returns the draft's id. */
async function importPlan(page: Page, number: string): Promise<number> {
  await page.goto('/imports');
  await pasteForReading(page, planText(number));
  await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 120_000 });
  const row = page.getByTestId('import-result').locator('tr', { hasText: number });
  await row.getByRole('link', { name: 'Rà soát' }).click();
  await page.getByTestId('review-task-list').waitFor();
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  expect(id).toBeGreaterThan(0);
  return id;
}

const getJson = async <T>(page: Page, path: string): Promise<T> => {
  const res = await page.request.get(path);
  expect(res.ok(), path).toBe(true);
  return (await res.json()) as T;
};

// One plan took about 290 actions when each task's unknown body was matched on its own: the review
// lists the names it did not know, each matched once for every task that wrote it, and kept for the
// next import when the office asks.
describe('a body the registry does not know, matched once for the whole draft', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gives the body to every task that wrote the name, with their history, and the next import knows it', async () => {
    const { page } = await newUserPage(browser, { width: 1366, height: 1000 });
    screenshotOnFailure(() => ({ 'match-body': page }));
    await signIn(page, accounts.provinceOffice);
    const run = Date.now() % 100000;
    const first = await importPlan(page, `${run}/KH-UBND`);
    expect((await getJson<DirectiveJson>(page, `/api/directives/${first}`)).taskCounts).toMatchObject({
      total: 3,
      withUnresolvedBodies: 2,
    });

    // The review lists the unknown name once (as the reader wrote it down), with the number of tasks that wrote it.
    const panel = page.getByTestId('written-names');
    const card = panel.getByTestId('unresolved-body').filter({ hasText: UNKNOWN });
    await card.getByText('trong 2 nhiệm vụ').waitFor();
    await expect(panel.getByTestId('unresolved-body').count()).resolves.toBe(1);
    const written = (await card.getAttribute('data-written-name')) ?? '';
    expect(written).toContain(UNKNOWN);

    // Typed without diacritics, as people do; the department is picked and the name remembered.
    const picker = card.getByRole('textbox', { name: 'Cơ quan tương ứng' });
    await picker.click();
    await picker.fill('so xay dung ha noi');
    const option = page.getByRole('option', { name: /^Sở Xây dựng .*Hà Nội$/ }).first();
    const body = (await option.textContent())?.trim() ?? '';
    expect(body).toMatch(/^Sở Xây dựng/);
    await option.click();
    await expect.poll(() => picker.inputValue()).toBe(body);
    await card.getByRole('checkbox', { name: `Ghi nhớ «${written}» là tên gọi khác của cơ quan này` }).check();
    await saveScreenshot(page, '10-match-body-1366');
    await page.setViewportSize({ width: 390, height: 900 });
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, '10-match-body-390');
    await page.setViewportSize({ width: 1366, height: 1000 });
    await card.getByRole('button', { name: 'Xác định cho 2 nhiệm vụ' }).click();
    await page.getByText(`Đã xác định «${written}» trong 2 nhiệm vụ của văn bản.`).waitFor();
    await page.getByText('Tên này đã được ghi nhớ là tên gọi khác của cơ quan.').first().waitFor();

    // One action settled both tasks; the review no longer lists the name.
    await panel.waitFor({ state: 'detached' });
    expect((await getJson<DirectiveJson>(page, `/api/directives/${first}`)).taskCounts.withUnresolvedBodies).toBe(0);
    const list = page.getByTestId('review-task-list');
    for (const words of ['kho dữ liệu dùng chung', 'kết nối camera giao thông']) {
      await list.locator('li', { hasText: words }).getByText(body).first().waitFor();
    }
    const tasks = (
      await getJson<{ items: TaskRowJson[] }>(page, `/api/tasks?directiveId=${first}&status=any&sort=directive`)
    ).items;
    expect(tasks.map((task) => task.lead.map((b) => b.name))).toEqual([
      [body],
      [body],
      [expect.stringMatching(/^Sở Khoa học và Công nghệ/)],
    ]);
    // Each matched task's history says who gave it the body, as any change to a task does.
    for (const task of tasks.slice(0, 2)) {
      const history = await getJson<HistoryJson>(page, `/api/tasks/${task.id}/history`);
      const change = history.items.find((item) => item.action === 'updated');
      expect(change?.actor?.name).toBeTruthy();
      expect(change?.before).toMatchObject({ unresolvedBodies: [written], leadAgencyIds: [] });
      expect(change?.after).toMatchObject({ unresolvedBodies: [], leadAgencyIds: [expect.any(Number)] });
    }

    // The next plan that writes the name needs no matching.
    const second = await importPlan(page, `${run + 1}/KH-UBND`);
    expect((await getJson<DirectiveJson>(page, `/api/directives/${second}`)).taskCounts).toMatchObject({
      total: 3,
      withUnresolvedBodies: 0,
    });
    await page.getByTestId('review-summary').waitFor();
    await expect(page.getByTestId('written-names').count()).resolves.toBe(0);
  });
});
