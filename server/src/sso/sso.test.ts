import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestContext, useTestApp } from '../../test/app.ts';
import { makeUser } from '../../test/factories/accounts.ts';
import { makeAgency } from '../../test/factories/agencies.ts';
import { loadConfig } from '../config/config.ts';
import { sql } from '../db/sql.ts';
import { matchOidcAccount } from './sso.service.ts';

const ISSUER = 'https://sso.example.gov.vn';

describe('single sign-on: which account a provider’s person is', () => {
  const world = useTestApp(async (db) => {
    const province = await makeAgency(db, { name: 'UBND tỉnh Sơn La' });
    const office = await makeUser(db, { role: 'office', agency: province });
    const focal = await makeUser(db, { role: 'focal', agency: province });
    const twinA = await makeUser(db, { role: 'focal', agency: province });
    const twinB = await makeUser(db, { role: 'focal', agency: province });
    const setEmail = (id: number, email: string) => db.query(sql`UPDATE users SET email = ${email} WHERE id = ${id}`);
    await setEmail(office.id, 'van.phong@sonla.gov.vn');
    await setEmail(focal.id, 'dau.moi@sonla.gov.vn');
    await setEmail(twinA.id, 'chung@sonla.gov.vn');
    await setEmail(twinB.id, 'chung@sonla.gov.vn');
    return { office, focal };
  });
  const identities = () =>
    world.t.db.query<{ issuer: string; subject: string; user_id: number }>(
      sql`SELECT issuer, subject, user_id FROM oidc_identities ORDER BY created_at`,
    );
  const userCount = async () =>
    (await world.t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`))[0]?.n ?? 0;

  it('refuses an unknown e-mail and creates nothing', async () => {
    const before = await userCount();
    await expect(
      matchOidcAccount(world.t.db, {
        issuer: ISSUER,
        subject: 'stranger',
        email: 'nguoi.la@example.com',
        emailVerified: true,
      }),
    ).rejects.toMatchObject({ code: 'SSO_ACCOUNT_UNKNOWN', status: 403 });
    expect(await userCount()).toBe(before);
    expect(await identities()).toEqual([]);
  });

  it('refuses an e-mail the provider has not verified, and an address two accounts share', async () => {
    const unverified = { issuer: ISSUER, subject: 'sub-unverified', email: 'van.phong@sonla.gov.vn' };
    await expect(matchOidcAccount(world.t.db, { ...unverified, emailVerified: false })).rejects.toMatchObject({
      code: 'SSO_ACCOUNT_UNKNOWN',
    });
    await expect(
      matchOidcAccount(world.t.db, {
        issuer: ISSUER,
        subject: 'sub-shared',
        email: 'chung@sonla.gov.vn',
        emailVerified: true,
      }),
    ).rejects.toMatchObject({ code: 'SSO_ACCOUNT_UNKNOWN' });
    expect(await identities()).toEqual([]);
  });

  it('matches a verified e-mail (any case) once, stores the subject, and finds the account by subject after', async () => {
    const matched = await matchOidcAccount(world.t.db, {
      issuer: ISSUER,
      subject: 'sub-office',
      email: 'Van.Phong@SonLa.gov.vn',
      emailVerified: true,
    });
    expect(matched).toEqual({ id: world.data.office.id, role: 'office' });
    expect(await identities()).toEqual([{ issuer: ISSUER, subject: 'sub-office', user_id: world.data.office.id }]);
    const history = await world.t.db.query<{ actor_id: number }>(
      sql`SELECT actor_id FROM events WHERE entity_type = 'user' AND entity_id = ${world.data.office.id}
          AND action = 'sso_identity_linked'`,
    );
    expect(history).toEqual([{ actor_id: world.data.office.id }]);
    // The subject finds the account now, whatever e-mail the provider sends (or none).
    await expect(
      matchOidcAccount(world.t.db, { issuer: ISSUER, subject: 'sub-office', email: null, emailVerified: false }),
    ).resolves.toEqual({ id: world.data.office.id, role: 'office' });
    // Another subject of the same provider with that e-mail (a re-issued address) does not take the account.
    await expect(
      matchOidcAccount(world.t.db, {
        issuer: ISSUER,
        subject: 'sub-someone-else',
        email: 'van.phong@sonla.gov.vn',
        emailVerified: true,
      }),
    ).rejects.toMatchObject({ code: 'SSO_ACCOUNT_UNKNOWN' });
    expect(await identities()).toHaveLength(1);
  });

  it('refuses a linked account that was deactivated', async () => {
    const claims = { issuer: ISSUER, subject: 'sub-focal', email: 'dau.moi@sonla.gov.vn', emailVerified: true };
    await matchOidcAccount(world.t.db, claims);
    await world.t.db.query(sql`UPDATE users SET is_active = false WHERE id = ${world.data.focal.id}`);
    await expect(matchOidcAccount(world.t.db, claims)).rejects.toMatchObject({ code: 'SSO_ACCOUNT_UNKNOWN' });
  });

  it('hides single sign-on when no provider is configured', async () => {
    const visitor = anonymous(world.t.app);
    expect((await visitor.get('/api/auth/options')).json()).toEqual({ oidc: false });
    const start = await visitor.get('/api/auth/oidc/start');
    expect(start.statusCode).toBe(404);
    expect(start.json().code).toBe('SSO_NOT_CONFIGURED');
  });
});

describe('single sign-on routes with a provider configured', () => {
  let t: TestContext;
  beforeAll(async () => {
    // Nothing listens on port 9 of the loopback: the provider cannot be reached.
    t = await createTestApp({ OIDC_ISSUER_URL: 'http://127.0.0.1:9/', OIDC_CLIENT_ID: 'giamsat' });
  });
  afterAll(() => t?.close());

  it('offers the button, and answers a provider out of reach or a forged callback with a clear refusal', async () => {
    const visitor = anonymous(t.app);
    expect((await visitor.get('/api/auth/options')).json()).toEqual({ oidc: true });
    const start = await visitor.get('/api/auth/oidc/start');
    expect(start.statusCode).toBe(400);
    expect(start.json().code).toBe('SSO_FAILED');
    // A callback without the browser's state cookie (another site's link, a replay) signs nobody in.
    for (const url of [
      '/api/auth/oidc/callback?code=x&state=y',
      '/api/auth/oidc/callback',
      '/api/auth/oidc/callback?state=%00',
    ]) {
      const callback = await visitor.get(url);
      expect(callback.statusCode, url).toBeLessThan(500);
      if (callback.statusCode === 302) expect(callback.headers.location).toBe('/login?sso=SSO_FAILED');
      expect(callback.cookies.find((c) => c.name === 'giamsat_session' && c.value)).toBeUndefined();
    }
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/auth/oidc/callback?code=x&state=guessed',
      headers: { cookie: 'giamsat_oidc_state=guessed' },
    });
    expect(forged.headers.location).toBe('/login?sso=SSO_FAILED');
  });

  it('refuses, at start, plain HTTP to a provider off the loopback and an issuer without a client id', () => {
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'http://sso.example.gov.vn/', OIDC_CLIENT_ID: 'giamsat' })).toThrow(
      /OIDC_ISSUER_URL/,
    );
    expect(() => loadConfig({ OIDC_ISSUER_URL: 'https://sso.example.gov.vn/' })).toThrow(/OIDC_CLIENT_ID/);
  });
});
