import { existsSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
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

const corpusFile = new URL('../../shared/corpus/000_717b8eda9debafd2.txt', import.meta.url).pathname;
const hasCorpus = existsSync(corpusFile);
if (!hasCorpus) console.warn(`import journey skipped: the corpus file ${corpusFile} is absent`);

/** Types into a body picker (without diacritics, as people do) and picks the body offered. */
async function pickBody(
  page: Page,
  label: string,
  search: string,
  name: string,
  within: Page | Locator = page,
): Promise<void> {
  const input = within.getByRole('textbox', { name: label }).first();
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name, exact: true }).first().click();
}

/**
 * Publishing refuses while tasks lack a lead or carry bodies the registry does not know: settle them
 * one by one from the refusal's links, as a reviewer would (match the unknown lead to a body, drop an
 * unknown coordinating name), until the directive goes out.
 */
async function publishResolvingRefusals(page: Page): Promise<string[]> {
  const refusals: string[] = [];
  for (let round = 0; round < 25; round++) {
    const refusal = page.getByTestId('publish-refusal');
    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    // Publishing asks first, showing how many tasks and bodies it concerns.
    await page.getByRole('dialog').getByRole('button', { name: 'Ban hành và thông báo' }).click();
    // The previous refusal goes while the new attempt runs; then comes either a refusal or the published page.
    await refusal.waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    await page.locator('[data-testid="publish-refusal"], [data-testid="directive-status"]').first().waitFor();
    if ((await page.getByTestId('directive-status').count()) > 0) return refusals;
    refusals.push((await refusal.textContent()) ?? '');
    await refusal.getByRole('button').first().click();
    const editor = page.getByTestId('task-editor');
    await editor.waitFor();
    const lead = editor.getByTestId('lead-bodies');
    const unresolved = editor.getByTestId('unresolved-body');
    while ((await unresolved.count()) > 0) {
      const card = unresolved.first();
      const hasLead = (await lead.getByRole('button', { name: /^Bỏ / }).count()) > 0;
      if (hasLead) {
        await card.getByRole('button', { name: 'Bỏ tên này' }).click();
      } else {
        await pickBody(page, 'Cơ quan tương ứng', 'van phong trung uong dang', 'Văn phòng Trung ương Đảng', card);
        await card.getByRole('button', { name: 'Xác định' }).click();
        await lead.getByText('Văn phòng Trung ương Đảng').waitFor();
      }
    }
    if ((await lead.getByRole('button', { name: /^Bỏ / }).count()) === 0) {
      await pickBody(page, 'Thêm cơ quan chủ trì', 'van phong trung uong dang', 'Văn phòng Trung ương Đảng');
      await lead.getByText('Văn phòng Trung ương Đảng').waitFor();
    }
    await editor.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
    await page.getByText('Đã lưu nhiệm vụ.').first().waitFor();
    await page
      .getByText('Đã lưu nhiệm vụ.')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
  }
  throw new Error(`still refused after 25 rounds: ${refusals.at(-1)}`);
}

describe('the central office imports a directive', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.skipIf(!hasCorpus)(
    'uploads a corpus file, follows the progress, corrects a task’s lead body and deadline, and publishes it',
    async () => {
      const { page } = await newUserPage(browser, { width: 1440, height: 960 });
      screenshotOnFailure(() => ({ 'import-directive': page }));
      await signIn(page, accounts.centralOffice);

      await page.getByRole('link', { name: 'Nhập văn bản chỉ đạo' }).click();
      await page.getByRole('heading', { name: 'Nhập văn bản chỉ đạo' }).waitFor();

      // Pasted text that is no directive: the job fails, and says why in Vietnamese.
      await pasteForReading(page, 'Danh sách đi chợ: rau, thịt, cá.\nMua thêm gạo.');
      await page.locator('[data-testid="import-job"][data-state="failed"]').waitFor({ timeout: 60_000 });
      await page.getByRole('alert').getByText('Nội dung không phải là văn bản chỉ đạo bằng tiếng Việt.').waitFor();
      await page.getByRole('button', { name: 'Nhập văn bản khác' }).click();
      await page.getByTestId('import-dropzone').waitFor();

      // Upload: the dropzone takes the file; the progress bar follows the background job to the end.
      await page.getByLabel('Chương trình (không bắt buộc)').fill('NQ57');
      await page.locator('input[type=file]').setInputFiles(corpusFile);
      const job = page.getByTestId('import-job');
      await job.waitFor();
      await page.getByRole('progressbar').first().waitFor();
      await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 120_000 });
      await expect(job.getByText(/100\s?%/).count()).resolves.toBe(1);
      const result = page.getByTestId('import-result');
      const row = result.locator('tr', { hasText: '47-TB/TGV' });
      await row.getByText('Đã tạo bản nháp').waitFor();

      // Review: the source text beside the tasks, the selected task's lines highlighted.
      await row.getByRole('link', { name: 'Rà soát' }).click();
      await page.getByRole('heading', { name: '47-TB/TGV' }).waitFor();
      const taskList = page.getByTestId('review-task-list');
      await taskList.waitFor();
      const editor = page.getByTestId('task-editor');
      const editing = (ref: string) => editor.getByRole('heading', { name: `Nhiệm vụ ${ref}`, exact: true });
      // With no task picked, the editor holds the first task listed (the doubtful ones come first).
      await taskList.locator('li[data-doubtful]').first().waitFor();
      const firstId = await taskList.locator('li').first().getAttribute('data-task-id');
      await taskList.locator(`li[data-task-id="${firstId}"][data-selected]`).waitFor();
      // Pick the task the Ministry of Science and Technology leads, and wait until the editor holds it.
      const picked = taskList.locator('li', { hasText: 'Bộ Khoa học và Công nghệ chủ trì' }).first();
      const pick = picked.getByRole('button', { name: /^Sửa nhiệm vụ / });
      const pickedRef = (await pick.getAttribute('aria-label'))?.replace('Sửa nhiệm vụ ', '') ?? '';
      await pick.click();
      await editing(pickedRef).waitFor();
      const taskText = await editor.getByLabel('Nội dung nhiệm vụ').inputValue();
      expect(taskText).toContain('Bộ Khoa học và Công nghệ chủ trì');
      const highlighted = page.locator('[data-testid="source-view"] [data-highlighted]');
      await highlighted.first().waitFor();
      await expect(highlighted.first().textContent()).resolves.toContain('Bộ Khoa học và Công nghệ chủ trì');
      await saveScreenshot(page, 'import-review');

      // Correct the lead body (searching without diacritics) and the deadline.
      const lead = editor.getByTestId('lead-bodies');
      await lead.getByRole('button', { name: 'Bỏ Bộ Khoa học và Công nghệ' }).click();
      await pickBody(page, 'Thêm cơ quan chủ trì', 'bo tai chinh', 'Bộ Tài chính');
      await lead.getByText('Bộ Tài chính').waitFor();
      await editor.getByLabel('Thời hạn (nguyên văn)').fill('Hoàn thành trong tháng 11/2025');
      await editor.getByRole('textbox', { name: 'Loại thời hạn' }).click();
      await page.getByRole('option', { name: 'Có hạn', exact: true }).click();
      const due = editor.getByRole('textbox', { name: 'Hạn hoàn thành' });
      await due.click();
      await due.fill('30/11/2025');
      await due.press('Enter');
      await editor.getByTestId('deadline-computed').getByText('30/11/2025').waitFor();
      await editor.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
      await page.getByText('Đã lưu nhiệm vụ.').first().waitFor();

      // Publish; the refusals (in Vietnamese) are settled from their links until it goes out.
      const refusals = await publishResolvingRefusals(page);
      for (const refusal of refusals) {
        expect(refusal).toMatch(/Còn nhiệm vụ (chưa có cơ quan chủ trì|có cơ quan chưa được xác định)/);
      }

      // The published directive shows the corrected task with its new body and date.
      await page.getByTestId('directive-status').getByText('Đã ban hành').waitFor();
      const corrected = page.locator('tr', { hasText: taskText }).first();
      await corrected.waitFor();
      await expect(corrected.textContent()).resolves.toContain('Bộ Tài chính');
      await expect(corrected.textContent()).resolves.toContain('30/11/2025');
      await corrected.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'import-directive');
    },
  );
});
