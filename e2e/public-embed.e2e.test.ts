import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, newUserPage, saveScreenshot, screenshotOnFailure } from './browser.ts';

const PROVINCES = 'Tỉnh, thành phố';

describe('a provincial portal embeds a body’s card with one iframe line', () => {
  let browser: Browser;
  let portal: Server;
  let portalUrl = '';
  /** What the portal's page holds: set by the journey before it opens the portal. */
  let portalPage = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    // Another site: another origin (its own port), serving the page the portal's editor wrote.
    portal = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(portalPage);
    });
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => portal?.close(resolve));
  });

  it('the province’s page gives the code with a copy button; pasted on the portal, the card shows, and no other page may be framed', async () => {
    const { context, page } = await newUserPage(browser);
    screenshotOnFailure(() => ({ 'public-embed': page }));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });

    // A province from the home page's table.
    await page.goto('/cong-khai');
    const firstProvince = page
      .getByRole('heading', { name: PROVINCES })
      .locator('xpath=following-sibling::div[1]')
      .getByRole('row')
      .nth(1)
      .getByRole('link');
    const provinceName = (await firstProvince.textContent())!.trim();
    await firstProvince.click();
    await page.getByRole('heading', { level: 1, name: provinceName }).waitFor();
    const provincePage = page.url();

    // The embed code, copied with its button.
    const code = page.getByRole('textbox', { name: 'Mã nhúng (iframe)' });
    const line = await code.inputValue();
    expect(line).toMatch(/^<iframe src="[^"]+\/cong-khai\/nhung\/co-quan\/\d+" [^\n]*><\/iframe>$/);
    await page.getByRole('button', { name: 'Sao chép mã' }).click();
    await page.getByRole('status').getByText('Đã sao chép.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(line);
    await code.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'public-embed-code-1366');

    // The portal's page: the pasted line, and (to compare) a frame of the province's own page.
    portalPage = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử tỉnh</title></head>
<body><h1>Cổng thông tin điện tử tỉnh</h1>
${line}
<iframe id="not-embeddable" src="${provincePage}" title="Trang của tỉnh" width="360" height="260"></iframe>
</body></html>`;
    const visitor = await browser.newPage();
    screenshotOnFailure(() => ({ 'public-embed-portal': visitor }));
    await visitor.goto(portalUrl);
    expect(new URL(visitor.url()).origin).not.toBe(new URL(baseUrl()).origin);

    const card = visitor.frameLocator('iframe[src*="/cong-khai/nhung/co-quan/"]');
    await card.getByRole('heading', { level: 1, name: provinceName }).waitFor();
    await expect(card.getByText('Tỷ lệ hoàn thành đúng hạn').isVisible()).resolves.toBe(true);
    const overdue = (await card.locator('[data-overdue]').textContent())!.trim();
    expect(overdue).toMatch(/^[\d.]+$/);
    // The card's link opens the province's page outside the frame.
    await expect(card.getByRole('link', { name: provinceName }).getAttribute('href')).resolves.toMatch(
      /\/cong-khai\/co-quan\/\d+$/,
    );

    // The province's own page refuses to be framed: the browser shows nothing of it.
    const refused = visitor.frameLocator('#not-embeddable');
    await expect(refused.getByRole('heading', { level: 1, name: provinceName }).count()).resolves.toBe(0);
    await saveScreenshot(visitor, 'public-embed-portal-1366');
    await visitor.close();
    await context.close();
  });
});
