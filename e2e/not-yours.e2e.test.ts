import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, signIn } from './browser.ts';

describe("another body's task", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is not found for a commune focal point who follows a direct link to a ministry task', async () => {
    // The ministry's focal point has the link …
    const ministry = await newUserPage(browser);
    await signIn(ministry.page, accounts.ministryFocal);
    const list = (await (await ministry.page.request.get('/api/tasks?mine=true&role=lead&limit=1')).json()) as {
      items: { id: number; text: string }[];
    };
    const task = list.items[0];
    if (!task) throw new Error('the ministry has no task in the demo data');
    await ministry.page.goto(`/tasks/${task.id}`);
    await ministry.page.getByRole('heading', { name: task.text }).waitFor();
    await ministry.context.close();

    // … a commune's focal point opening it sees "not found", and nothing of the task.
    const commune = await newUserPage(browser, { width: 390, height: 844 });
    await signIn(commune.page, accounts.communeFocal);
    await commune.page.waitForURL('**/my-tasks');
    await commune.page.goto(`/tasks/${task.id}`);
    await commune.page.getByTestId('not-found').waitFor();
    await commune.page.getByText('Không tìm thấy nhiệm vụ này, hoặc nhiệm vụ không thuộc phạm vi của bạn.').waitFor();
    await expect(commune.page.getByText(task.text).count()).resolves.toBe(0);
    await saveScreenshot(commune.page, 'not-yours-phone');
    await commune.context.close();
  });
});
