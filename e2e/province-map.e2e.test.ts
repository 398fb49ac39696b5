import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure, signIn } from './browser.ts';

describe('the map of the 34 provinces', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every province as a tile beside the table; a tile opens exactly the tasks it counts', async () => {
    const { context, page } = await newUserPage(browser);
    screenshotOnFailure(() => ({ 'province-map': page }));
    await signIn(page, accounts.centralOffice);
    await page.waitForURL('**/dashboard');
    const map = page.getByTestId('province-map');
    await map.waitFor();
    const tiles = map.getByTestId('province-tile');
    await expect(tiles.count()).resolves.toBe(34);
    // Every province the API returns has a place on the grid: none falls into the fallback row.
    await expect(page.getByTestId('province-map-unplaced').count()).resolves.toBe(0);
    // On a wide screen the table stays beside the map.
    await page.getByTestId('province-table').waitFor();

    const hanoi = tiles.filter({ hasText: 'Hà Nội' });
    await expect(hanoi.count()).resolves.toBe(1);
    await expect(hanoi.getAttribute('aria-label')).resolves.toMatch(/^Thành phố Hà Nội: \d+ nhiệm vụ/);
    const total = Number(await hanoi.getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    // The tile and the province table's row count the same tasks.
    const row = page.getByTestId('province-table').getByRole('row', { name: /Thành phố Hà Nội/ });
    await expect(row.getByRole('link').first().textContent()).resolves.toBe(String(total));

    // Coloured by overdue tasks instead: the legend follows, the tile shows the count.
    await map.getByText('Số quá hạn').click();
    await map.getByText('Nhiệm vụ đang quá hạn').waitFor();
    await expect(hanoi.textContent()).resolves.toMatch(/Hà Nội\d+$/);
    await hanoi.scrollIntoViewIfNeeded();
    await hanoi.hover();
    await page.getByRole('tooltip').getByText('Nhấn để xem danh sách nhiệm vụ').waitFor();
    await saveScreenshot(page, 'province-map');

    await hanoi.click();
    await page.waitForURL(/\/tasks\?.*agencyId=/);
    await page.getByTestId('task-table').waitFor();
    await expect(page.getByTestId('task-total').textContent()).resolves.toMatch(new RegExp(`^${total}\\D`));
    // The list names the body it is filtered by.
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Cơ quan' }).first().inputValue())
      .toBe('Thành phố Hà Nội');
    await saveScreenshot(page, 'province-map-hanoi-tasks');
    await context.close();
  });

  it('at phone width the map and the table are two tabs', async () => {
    const { context, page } = await newUserPage(browser, { width: 390, height: 844 });
    screenshotOnFailure(() => ({ 'province-map-phone': page }));
    await signIn(page, accounts.centralOffice);
    await page.waitForURL('**/dashboard');
    const map = page.getByTestId('province-map');
    await map.waitFor();
    await expect(map.getByTestId('province-tile').count()).resolves.toBe(34);
    await expect(page.getByTestId('province-table').count()).resolves.toBe(0);
    await map.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'province-map-phone');
    await page.getByRole('tab', { name: 'Bảng' }).click();
    await page.getByTestId('province-table').getByText('Tỉnh Cà Mau', { exact: true }).waitFor();
    await expect(page.getByTestId('province-map').count()).resolves.toBe(0);
    await context.close();
  });
});
