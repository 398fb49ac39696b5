import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';

const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

interface ListedEvent {
  id: number;
  before: { dueDate: string };
  after: { dueDate: string };
}

describe('the audit trail', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("an inspector finds a task's deadline moved and sees it before and after, side by side; exports it", async () => {
    const { context, page } = await newUserPage(browser);
    screenshotOnFailure(() => ({ 'audit-trail': page }));
    await signIn(page, accounts.inspector);
    await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    await page.waitForURL('**/audit');
    await page.getByTestId('audit-events').waitFor();

    await page.getByRole('textbox', { name: 'Đối tượng' }).click();
    await page.getByRole('option', { name: 'Nhiệm vụ', exact: true }).click();
    await page.getByRole('textbox', { name: 'Thay đổi' }).click();
    await page.getByRole('option', { name: 'Gia hạn hạn hoàn thành' }).click();

    // The newest extension the trail holds, as the API tells the inspector (demo data changes each day).
    const listed = await context.request.get('/api/events?entityType=task&action=extend_deadline&limit=1');
    expect(listed.status()).toBe(200);
    const [edit] = ((await listed.json()) as { items: ListedEvent[] }).items;
    expect(edit).toBeDefined();
    const row = page.getByTestId(`audit-event-${edit!.id}`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Gia hạn hạn hoàn thành');
    await row.getByRole('button', { name: 'Xem trước/sau' }).click();

    const diff = page.getByTestId(`audit-diff-${edit!.id}`);
    const dueDate = diff.getByRole('row').filter({ hasText: 'dueDate' }).filter({ hasNotText: 'firstDueDate' });
    await dueDate.waitFor();
    const cells = await dueDate.getByRole('cell').allTextContents();
    expect(cells).toEqual(['dueDate', dmy(edit!.before.dueDate), dmy(edit!.after.dueDate)]);
    expect(cells[1]).not.toBe(cells[2]);
    await saveScreenshot(page, 'audit-trail', { fullPage: true });

    // The export carries the same filters.
    const href = await page.getByRole('link', { name: 'Xuất Excel (.xlsx)' }).getAttribute('href');
    expect(href).toContain('entityType=task');
    expect(href).toContain('action=extend_deadline');
    const file = await context.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    // Checking the chain is the administrators': the inspector is not offered it.
    await expect(page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('an administrator checks the hash chain and reads that it is intact', async () => {
    const { context, page } = await newUserPage(browser);
    screenshotOnFailure(() => ({ 'audit-chain': page }));
    await signIn(page, accounts.admin);
    await page.goto('/audit');
    await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
    const result = page.getByTestId('audit-chain-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('Chuỗi băm nguyên vẹn');
    await context.close();
  });
});
