import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';

// The ranking on the dashboard is by score, every body of the level, sortable both ways; a body's
// score page shows each component, and every figure opens the tasks behind it.
describe('body scores', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("goes from the ranking to a body's score page and from a figure to its tasks", async () => {
    const { page } = await newUserPage(browser, { width: 1366, height: 1000 });
    screenshotOnFailure(() => ({ 'body-scores': page }));
    await signIn(page, accounts.centralOffice);
    await page.goto('/dashboard');
    const ranking = page.getByTestId('score-ranking');
    await ranking.waitFor();
    const scores = async () =>
      (await ranking.locator('tbody tr td:nth-child(3)').allTextContents()).map((s) => Number(s.replace(',', '.')));

    // Best first, then the weakest first with a second click on the score column.
    const best = await scores();
    expect(best.length).toBeGreaterThan(1);
    expect(best).toEqual([...best].sort((a, b) => b - a));
    await page.getByTestId('sort-score').click();
    await expect.poll(async () => (await scores())[0], { timeout: 60_000 }).toBeLessThan(best[0]!);
    const worst = await scores();
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
    await ranking.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'scores-ranking-worst-first-1366');

    // The weakest body's page: its score, each component, the method explained.
    const first = ranking.locator('tbody tr').first().getByRole('link');
    const bodyName = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/scores\/\d+/);
    await page.getByTestId('body-score').waitFor();
    await page.getByTestId('score-method').getByText('k =').first().waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toContain(bodyName.slice(0, 10));

    // The yearly evaluation downloads as a spreadsheet and as a report.
    for (const [name, type] of [
      ['Tải đánh giá (.xlsx)', 'spreadsheetml'],
      ['Tải báo cáo đánh giá (.docx)', 'wordprocessingml'],
    ] as const) {
      const href = (await page.getByRole('link', { name }).getAttribute('href')) ?? '';
      const file = await page.request.get(href);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toContain(type);
      expect((await file.body()).length).toBeGreaterThan(1000);
    }

    // A figure with something behind it opens exactly that many tasks.
    const components = ['upToDate', 'onTime', 'reportQuality', 'reportsOnTime', 'planInTime'];
    let opened: string | null = null;
    for (const component of components) {
      const figure = page.getByTestId(`figure-${component}`);
      const [, trials] = ((await figure.textContent()) ?? '0/0').split('/').map(Number);
      if (trials && trials > 0 && component !== 'planInTime') {
        await figure.click();
        const tasks = page.getByTestId(`tasks-${component}`);
        await tasks.waitFor();
        expect(await tasks.getByRole('link').count()).toBe(trials);
        opened = component;
        break;
      }
    }
    expect(opened, 'the weakest body has a figure with tasks behind it').not.toBeNull();
    await saveScreenshot(page, 'scores-body-figure-open-1366', { fullPage: true });

    // Following one of them lands on the task.
    const link = page.getByTestId(`tasks-${opened}`).getByRole('link').first();
    const href = (await link.getAttribute('href')) ?? '';
    await link.click();
    await page.waitForURL((url) => url.pathname === href);
    await page.getByTestId('task-percent').waitFor();
    await saveScreenshot(page, 'scores-task-from-figure-1366');
  });
});
