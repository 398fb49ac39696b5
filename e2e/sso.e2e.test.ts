import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtServerArgs } from '../scripts/build-server.mjs';
import { accounts, DEMO_PASSWORD, launchBrowser, saveScreenshot } from './browser.ts';
import { freePort, waitForHealth } from './global-setup.ts';

// Single sign-on through a real OpenID provider (oidc-provider, started here on the loopback) and the
// second factor, against an app server of this journey's own: configured for that provider, and with
// the second factor required of administrators and standing offices, as in production.

const root = new URL('..', import.meta.url).pathname;
const CLIENT_ID = 'giamsat';
const CLIENT_SECRET = 'bi-mat-cua-ung-dung-thu';
const OFFICE_EMAIL = 'van.phong.hanoi@hanoi.gov.vn';
/** The provider's people: one the app knows by e-mail, one it does not. */
const people: Record<string, { email: string; email_verified: boolean }> = {
  'cong-dan-vp-hanoi': { email: OFFICE_EMAIL, email_verified: true },
  'nguoi-la': { email: 'nguoi.la@example.com', email_verified: true },
};

const epochNow = () => Math.floor(Date.now() / 1000);

describe('single sign-on and the second factor', () => {
  let provider: Server;
  let app: ChildProcess;
  let appUrl: string;
  let dataDir: string;
  let browser: Browser;

  beforeAll(async () => {
    const [providerPort, appPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${providerPort}`;
    appUrl = `http://127.0.0.1:${appPort}`;
    const oidc = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${appUrl}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      findAccount: (_ctx, id) => ({
        accountId: id,
        claims: () => ({ sub: id, ...(people[id] ?? {}) }),
      }),
      cookies: { keys: ['cookie-key-of-the-test-provider'] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    });
    provider = oidc.listen(providerPort, '127.0.0.1');

    dataDir = mkdtempSync(join(tmpdir(), 'giamsat-e2e-sso-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TZ: 'Asia/Ho_Chi_Minh',
      DATA_DIR: dataDir,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      APP_URL: appUrl,
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      SECOND_FACTOR_REQUIRED_ROLES: 'admin,office',
      SECOND_FACTOR_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    delete env.DATABASE_URL;
    app = spawn(process.execPath, builtServerArgs, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    await waitForHealth(appUrl, app, 240_000);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => {
      if (!app || app.exitCode !== null) return resolve();
      app.once('exit', () => resolve());
      app.kill('SIGTERM');
      setTimeout(() => app.kill('SIGKILL'), 10_000).unref();
    });
    await new Promise((resolve) => provider?.close(resolve));
    provider?.closeAllConnections();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const newPage = async () => {
    const context = await browser.newContext({ baseURL: appUrl, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    return page;
  };

  /** The provider's own sign-in screens (its development interactions): any login, then consent. */
  const signInAtProvider = async (page: Page, login: string) => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh' }).click();
    await page.waitForURL((url) => url.origin !== appUrl);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === appUrl);
  };

  /** The sign-in step's enrolment: shows the QR code, reads the secret, answers with the app's code. */
  const enrolAtSignIn = async (page: Page): Promise<string> => {
    await page.getByRole('heading', { name: 'Thiết lập xác thực hai lớp' }).waitFor();
    await page.getByRole('button', { name: 'Hiện mã QR' }).click();
    await page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await page.getByLabel('Mã 6 chữ số').fill(await generate({ secret, epoch: epochNow() }));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page
      .getByTestId('recovery-codes')
      .waitFor()
      .catch(async (error) => {
        throw new Error(`no recovery codes; the page says: ${await page.locator('body').innerText()}`, {
          cause: error,
        });
      });
    await expect(page.getByTestId('recovery-codes').locator('code').count()).resolves.toBe(10);
    return secret;
  };

  it('asks the administrator to enrol at sign-in; then signs an office in through the provider with its code, and refuses a stranger', async () => {
    // 1. The administrator signs in with a password and must enrol a second factor before going on.
    const admin = await newPage();
    await admin.goto('/login');
    await admin.getByLabel('Tên đăng nhập').fill(accounts.admin);
    await admin.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await admin.waitForURL('**/login/code');
    await enrolAtSignIn(admin);
    await saveScreenshot(admin, 'second-factor-recovery-codes');
    await admin.getByRole('button', { name: 'Tiếp tục' }).click();
    await admin.waitForURL((url) => !url.pathname.startsWith('/login'));
    await admin.getByTestId('user-menu').waitFor();
    // The administrator gives the Hà Nội office's account the e-mail the provider knows it by.
    const office = await admin.evaluate(async (username) => {
      const me = await (await fetch('/api/auth/me')).json();
      const list = await (await fetch(`/api/users?q=${encodeURIComponent(username)}`)).json();
      return {
        csrf: me.csrfToken as string,
        user: list.items.find((u: { username: string }) => u.username === username),
      };
    }, accounts.provinceOffice);
    const patched = await admin.evaluate(
      async ({ csrf, id, version, email }) =>
        (
          await fetch(`/api/users/${id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
            body: JSON.stringify({ version, email }),
          })
        ).status,
      { csrf: office.csrf, id: office.user.id, version: office.user.version, email: OFFICE_EMAIL },
    );
    expect(patched).toBe(200);

    // 2. A person the provider knows but no account here belongs to: refused, with the reason.
    const stranger = await newPage();
    await signInAtProvider(stranger, 'nguoi-la');
    await stranger.waitForURL('**/login?sso=SSO_ACCOUNT_UNKNOWN');
    await expect(stranger.getByTestId('sso-refusal').textContent()).resolves.toContain(
      'chưa gắn với tài khoản nào của hệ thống',
    );
    await expect(stranger.getByTestId('user-menu').count()).resolves.toBe(0);
    await saveScreenshot(stranger, 'sso-refused');

    // 3. The office's person, matched by the verified e-mail: a standing office enrols its second factor.
    const desk = await newPage();
    await signInAtProvider(desk, 'cong-dan-vp-hanoi');
    await desk.waitForURL('**/login/code');
    const secret = await enrolAtSignIn(desk);
    await desk.getByRole('button', { name: 'Tiếp tục' }).click();
    await desk.waitForURL((url) => !url.pathname.startsWith('/login'));
    await desk.getByTestId('user-menu').click();
    await desk.getByRole('menuitem', { name: 'Tài khoản của tôi' }).click();
    await desk.waitForURL('**/account');
    await expect(desk.getByTestId('second-factor-status').textContent()).resolves.toContain('còn 10 mã khôi phục');
    await saveScreenshot(desk, 'account-second-factor');

    // 4. Signed out, the office signs in through the provider again (linked now by its subject) and
    //    gives the code its app shows next (the one used to enrol is not taken twice).
    await desk.getByTestId('user-menu').click();
    await desk.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await desk.waitForURL('**/login');
    await desk.getByRole('link', { name: 'Đăng nhập bằng tài khoản định danh' }).click();
    await desk.waitForURL('**/login/code');
    await desk.getByRole('heading', { name: 'Nhập mã xác thực' }).waitFor();
    await desk.getByLabel('Mã 6 chữ số').fill(await generate({ secret, epoch: epochNow() + 30 }));
    await desk.getByRole('button', { name: 'Xác nhận' }).click();
    await desk.waitForURL((url) => !url.pathname.startsWith('/login'));
    const me = await desk.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(me.user.username).toBe(accounts.provinceOffice);
  });
});
