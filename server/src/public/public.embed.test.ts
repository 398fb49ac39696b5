// A body's card that another site embeds with one <iframe> (issue 12, item 4): that address alone may be
// framed by any site; every other page and the API keep refusing to be framed. The body's public page
// gives the iframe line with a copy button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestContext } from '../../test/app.ts';
import { makeProgressWorld, type ProgressWorld } from '../../test/factories/reports.ts';

const SITE = 'https://giamsat.example.vn';

describe('the embeddable body card', () => {
  let t: TestContext;
  let w: ProgressWorld;
  beforeAll(async () => {
    t = await createTestApp({ APP_URL: SITE });
    // Its task was due on 31/12/2025: overdue today.
    w = await makeProgressWorld(t.db);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    anonymous(t.app).request({ method: 'GET', url, headers });
  const frameAncestors = (csp: unknown) => /frame-ancestors ([^;]+)/.exec(String(csp ?? ''))?.[1]?.trim();

  it('shows the body’s rates and overdue count, and any site may frame it', async () => {
    const card = await get(`/cong-khai/nhung/co-quan/${w.leadBody.id}`);
    expect(card.statusCode).toBe(200);
    expect(card.headers['content-type']).toContain('text/html');
    expect(frameAncestors(card.headers['content-security-policy'])).toBe('*');
    expect(card.headers['x-frame-options']).toBeUndefined();
    // It runs nothing and loads nothing from elsewhere: no script, no form.
    expect(card.headers['content-security-policy']).toContain("default-src 'none'");
    expect(card.body).not.toContain('<script');
    expect(card.body).not.toContain('<form');

    // The same figures the public dashboard gives for the body.
    const dashboard = await get(`/api/dashboard?scope=agency&agencyId=${w.leadBody.id}`);
    expect(dashboard.statusCode).toBe(200);
    const figures = dashboard.json<{ totals: { byState: { in_progress_overdue: { count: number } } } }>();
    const overdue = figures.totals.byState.in_progress_overdue.count;
    expect(overdue).toBeGreaterThan(0);
    expect(card.body).toContain(`<dd data-overdue>${overdue}</dd>`);
    expect(card.body).toContain(w.leadBody.name);
    expect(card.body).toContain(`href="/cong-khai/co-quan/${w.leadBody.id}"`);

    const en = await get(`/cong-khai/nhung/co-quan/${w.leadBody.id}?lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(frameAncestors(en.headers['content-security-policy'])).toBe('*');
    // Cached like every public answer: a client holding the version gets 304, still frameable.
    const again = await get(`/cong-khai/nhung/co-quan/${w.leadBody.id}`, {
      'if-none-match': String(card.headers.etag),
    });
    expect(again.statusCode).toBe(304);
  });

  it('every other page and the API still refuse to be framed', async () => {
    for (const url of [
      '/cong-khai',
      `/cong-khai/co-quan/${w.leadBody.id}`,
      `/cong-khai/nhiem-vu/${w.task.id}`,
      '/cong-khai/khong-co',
      '/open-data',
      '/api/dashboard',
      '/api/health',
      '/gop-y',
    ]) {
      const res = await get(url);
      expect(frameAncestors(res.headers['content-security-policy']), url).toBe("'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
  });

  it('gives the body’s page the one-line iframe code, at the site’s own address, with a copy button', async () => {
    const page = await get(`/cong-khai/co-quan/${w.leadBody.id}`);
    expect(page.statusCode).toBe(200);
    const code = /<textarea id="embed-code"[^>]*>([^<]*)<\/textarea>/.exec(page.body)?.[1];
    expect(code).toBeDefined();
    const line = code!
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&');
    expect(line).toMatch(/^<iframe [^\n]*><\/iframe>$/);
    expect(line).toContain(`src="${SITE}/cong-khai/nhung/co-quan/${w.leadBody.id}"`);
    expect(page.body).toMatch(/<button type="button" hidden data-copy="embed-code"/);
    // A forged Host header never reaches the code (the page is cached for every visitor).
    const forged = await get(`/cong-khai/co-quan/${w.leadBody.id}?lang=en`, { host: 'evil.example' });
    expect(forged.body).toContain(`${SITE}/cong-khai/nhung/co-quan/${w.leadBody.id}?lang=en`);
    expect(forged.body).not.toContain('evil.example');

    const script = await get('/cong-khai/trang.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toContain('clipboard');
  });

  it('writes the open data feed’s links with the site’s address too, whatever Host a request forges', async () => {
    const forged = await get('/open-data/feed.atom?lang=en', { host: 'evil.example' });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).toContain(`href="${SITE}/cong-khai?lang=en"`);
    expect(forged.body).not.toContain('evil.example');
  });

  it('answers a malformed or unknown body with the site’s not-found page', async () => {
    for (const id of ['abc', '0', '-1', '99999999', '1e3', '%3Cscript%3E']) {
      const res = await get(`/cong-khai/nhung/co-quan/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type'], id).toContain('text/html');
      expect(res.body).not.toContain('<script');
    }
  });
});
