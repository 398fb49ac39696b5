import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestContext } from '../../test/app.ts';

/** A built web app as Vite writes it: index.html loading its script and styles from /assets. */
function builtWebApp(): string {
  const dist = mkdtempSync(join(tmpdir(), 'giamsat-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html lang="vi"><head><script type="module" crossorigin src="/assets/index.js"></script></head>' +
      '<body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dist, 'assets', 'index.js'), 'document.title = "giamsat";');
  return dist;
}

/** The directives of a Content-Security-Policy header, by name. */
function csp(res: LightMyRequestResponse): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectProtected(res: LightMyRequestResponse) {
  const policy = csp(res);
  // Scripts only from the app's own files: no inline script, no eval, no other origin.
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('script-src-attr')).toEqual(["'none'"]);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  // Nobody may frame the app (clickjacking), in the header older browsers read too.
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBeTruthy();
}

describe('security headers on every page and API answer', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({}, { webDist: builtWebApp() });
  });
  afterAll(() => t.close());

  it('protects the web app, its addresses and its files', async () => {
    // A visitor's `/` is the public site (a redirect to /cong-khai): its pages are protected too.
    for (const url of ['/cong-khai', '/tasks/12', '/assets/index.js']) {
      const res = await anonymous(t.app).get(url);
      expect(res.statusCode, url).toBe(200);
      expectProtected(res);
    }
  });

  it('protects API answers, refusals and unknown addresses alike', async () => {
    const ok = await anonymous(t.app).get('/api/dashboard');
    expect(ok.statusCode).toBe(200);
    const refused = await anonymous(t.app).get('/api/auth/me');
    expect(refused.statusCode).toBe(401);
    const unknown = await anonymous(t.app).get('/api/khong-co');
    expect(unknown.statusCode).toBe(404);
    for (const res of [ok, refused, unknown]) expectProtected(res);
  });

  it('sends HSTS only over TLS, never on plain HTTP', async () => {
    const plain = await anonymous(t.app).get('/api/auth/me');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Without TRUST_PROXY a client's X-Forwarded-Proto is not believed.
    const claimed = await anonymous(t.app).request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('security headers behind a TLS-terminating proxy (TRUST_PROXY=true)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => t.close());

  it('sends HSTS when the proxy says the request came over https', async () => {
    const overTls = await anonymous(t.app).request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(overTls.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expectProtected(overTls);
    const plain = await anonymous(t.app).get('/api/auth/me');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});
