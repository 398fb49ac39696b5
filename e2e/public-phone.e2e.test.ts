import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure } from './browser.ts';

// Evaluated through the DevTools protocol rather than added as a <script>: the site's Content-Security-Policy
// (scripts from its own origin only) stays as a visitor gets it.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands; each violation as one readable line. */
async function wcagViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const { violations, passes } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: unknown[]; passes: unknown[] };
    return { violations: result.violations, passes: result.passes.length };
  });
  // The rules ran (a page that axe could not read would pass nothing, and fail nothing).
  expect(passes).toBeGreaterThan(5);
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/** The page passes WCAG 2.1 AA, and fits the screen: neither the page nor a table inside its box scrolls sideways. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await wcagViolations(page), page.url()).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(0);
  const wideTables = await page
    .locator('main .scroll')
    .evaluateAll((boxes) =>
      boxes
        .filter((box) => box.scrollWidth > box.clientWidth)
        .map((box) => box.previousElementSibling?.textContent ?? box.textContent),
    );
  expect(
    wideTables.map((text) => text?.trim().slice(0, 40)),
    `${page.url()}: tables wider than the screen`,
  ).toEqual([]);
}

const PROVINCES = 'Tỉnh, thành phố';
const OVERDUE = 'Công khai trách nhiệm: nhiệm vụ quá hạn';

/** Two screens to look at: the page's first screen, and the screen from a heading on (a table, a list). */
async function saveScreens(page: Page, name: string, heading: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
  await page.getByRole('heading', { name: heading, exact: true }).evaluate((h) => h.scrollIntoView());
  await saveScreenshot(page, `${name}-${heading === PROVINCES ? 'provinces' : 'overdue'}`);
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe('the public site on a phone, without signing in', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('home → a province → its overdue task → the directive → open data, and the tasks CSV opens in Vietnamese', async () => {
    const { context, page } = await newUserPage(browser, { width: 390, height: 844 });
    screenshotOnFailure(() => ({ 'public-phone': page }));

    // A visitor who is not signed in and opens the site lands on the public home.
    await page.goto('/');
    await page.waitForURL('**/cong-khai');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page);
    await saveScreens(page, 'public-home-390', PROVINCES);

    // By keyboard: the first Tab offers to skip the site's links; from the page's content the next Tab is search.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    await expect(skip.evaluate((a) => a === document.activeElement)).resolves.toBe(true);
    await expect(skip.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const searchBox = page.getByRole('searchbox', { name: 'Từ khóa (có thể gõ không dấu)' });
    await expect(searchBox.evaluate((input) => input === document.activeElement)).resolves.toBe(true);

    // The provinces' table: a province with overdue tasks (its "Quá hạn" column above zero).
    const rows = page
      .getByRole('heading', { name: PROVINCES })
      .locator('xpath=following-sibling::div[1]')
      .getByRole('row');
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim() ?? '')),
    );
    const index = cells.findIndex((c) => c.length >= 3 && Number(c[2]!.replace(/\D/g, '')) > 0);
    expect(index, 'a province with overdue tasks').toBeGreaterThan(0);
    const provinceName = cells[index]![0]!;
    await rows.nth(index).getByRole('link', { name: provinceName }).click();
    await page.getByRole('heading', { level: 1, name: provinceName }).waitFor();
    await expectAccessible(page);
    await saveScreens(page, 'public-province-390', OVERDUE);

    // "Công khai trách nhiệm": the province's overdue tasks, each a link to its page.
    const overdueList = page.getByRole('heading', { name: OVERDUE }).locator('xpath=following-sibling::ul[1]');
    const firstOverdue = overdueList.getByRole('listitem').first();
    await expect(firstOverdue.getByText(/Quá hạn \d+ ngày/).count()).resolves.toBe(1);
    const taskLink = firstOverdue.getByRole('link').first();
    const taskTitle = (await taskLink.textContent())!.trim();
    await taskLink.click();
    await page.waitForURL(/\/cong-khai\/nhiem-vu\/\d+/);
    await page.getByRole('heading', { level: 1, name: taskTitle }).waitFor();
    await expect(page.getByText('Đang thực hiện quá hạn').first().isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    // The directive the task comes from.
    const directiveLink = page.locator('main a[href*="/cong-khai/van-ban/"]').first();
    const directiveName = (await directiveLink.textContent())!.trim();
    await directiveLink.click();
    await page.waitForURL(/\/cong-khai\/van-ban\/\d+/);
    await page.getByRole('heading', { level: 1, name: directiveName }).waitFor();
    // The task we came from is among the directive's tasks.
    await expect(page.getByRole('link', { name: taskTitle }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page);

    // Open data, from the site's navigation.
    await page.getByRole('navigation').getByRole('link', { name: 'Dữ liệu mở' }).click();
    await page.waitForURL('**/open-data');
    await page.getByRole('heading', { level: 1, name: 'Dữ liệu mở' }).waitFor();
    await expectAccessible(page);

    // The tasks data set: its dictionary names the CSV's columns, in order.
    const tasksSet = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Nhiệm vụ', exact: true }) });
    await tasksSet.getByText(/Từ điển dữ liệu/).click();
    const columns = await tasksSet.locator('tbody tr td:first-child').allTextContents();
    // The dictionary, open, fits the phone too.
    await expectAccessible(page);
    expect(columns.length).toBeGreaterThan(3);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      tasksSet.getByRole('link', { name: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync((await download.path())!);
    // UTF-8 with its byte order mark, so that Excel reads the Vietnamese right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const [header, ...lines] = text.split('\r\n');
    expect(header).toBe(columns.map((c) => c.trim()).join(','));
    expect(lines.length).toBeGreaterThan(1);
    // The overdue task's text, with its diacritics, is in the file.
    const ownText = taskTitle.replace(/^[^.]{1,12}\.\s+/, '');
    expect(text).toContain(ownText.slice(0, 40));
    await context.close();
  });

  it('the home and a province page pass the same checks on a wide screen (screenshots to look at)', async () => {
    for (const width of [1366]) {
      const { context, page } = await newUserPage(browser, { width, height: width > 500 ? 900 : 844 });
      screenshotOnFailure(() => ({ [`public-${width}`]: page }));
      await page.goto('/cong-khai');
      await expectAccessible(page);
      await saveScreens(page, `public-home-${width}`, PROVINCES);
      await page.locator('main table a[href*="/cong-khai/co-quan/"]').first().click();
      await page.waitForURL(/\/cong-khai\/co-quan\/\d+/);
      await expectAccessible(page);
      await saveScreens(page, `public-province-${width}`, OVERDUE);
      await context.close();
    }
  });
});
